import type { Store } from '../store/store';
import type { SubjectRef } from './query';
import { closestByTypo } from './parse/spelling';

export type Resolution =
  | { readonly kind: 'resolved'; readonly address: string }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  | { readonly kind: 'not-found'; readonly suggestions: readonly string[] };

const MAX_CANDIDATES = 8;
const MAX_SUGGESTIONS = 5;

/**
 * `Alex Wilber` → `alex.wilber`: how people's names become the local part of their address; and the
 * name itself, lower-cased, for actors Exchange recorded by display name (`UserId` "Alex Wilber",
 * "Not Available").
 */
function localPartGuesses(name: string): string[] {
  const words = name.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  return [...new Set([words.join('.'), words.join(''), words.join('_'), words.join('-'), words.join(' ')])];
}

function localPart(address: string): string {
  const at = address.indexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

/** Edit distance, for ranking near matches; inputs are capped by the parser (64 characters). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known addresses closest to what was asked: looked up by pieces of its local part (its start, its
 * end, each word), then ranked by edit distance to it. Never-seen answers offer these.
 */
export async function closestKnown(asked: string, store: Pick<Store, 'findAddresses'>): Promise<string[]> {
  const wanted = asked.trim().toLowerCase();
  const local = localPart(wanted);
  const pieces = new Set([local.slice(0, 3), local.slice(-3), ...local.split(/[\s._-]+/).filter((w) => w.length >= 3)]);
  const found = new Set<string>();
  for (const piece of pieces) {
    if (piece.length < 2) continue;
    for (const known of await store.findAddresses(piece, MAX_CANDIDATES * 2)) found.add(known.address);
  }
  const keyOf = (address: string): string => (wanted.includes('@') ? address : localPart(address));
  return [...found]
    .filter((address) => address !== wanted)
    .map((address) => ({ address, d: distance(keyOf(address), wanted.includes('@') ? wanted : local) }))
    .sort((a, b) => a.d - b.d || a.address.localeCompare(b.address))
    .slice(0, MAX_SUGGESTIONS)
    .map((c) => c.address);
}

/**
 * Turns a name or address from a question into one address the store knows. An address resolves when
 * the store has seen it (else it is "never seen", with the closest known ones); a name resolves when
 * exactly one known address or recorded name matches it best, else the admin is asked.
 */
export async function resolveSubject(ref: SubjectRef, store: Pick<Store, 'findAddresses'>): Promise<Resolution> {
  if (ref.kind === 'address') {
    const address = ref.text.trim().toLowerCase();
    const known = await store.findAddresses(address, MAX_CANDIDATES);
    if (known.some((k) => k.address === address)) return { kind: 'resolved', address };
    return { kind: 'not-found', suggestions: await closestKnown(address, store) };
  }
  const guesses = localPartGuesses(ref.text);
  const found = new Map<string, number>();
  for (const guess of guesses) {
    for (const known of await store.findAddresses(guess, MAX_CANDIDATES * 4)) found.set(known.address, known.events);
  }
  // The very name Exchange recorded as UserId ("Alex Wilber") is that actor: it wins over addresses it resembles.
  const asRecorded = ref.text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (found.has(asRecorded)) return { kind: 'resolved', address: asRecorded };
  const candidates = [...found.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([address]) => address);
  const exact = candidates.filter((address) => guesses.includes(localPart(address)));
  if (exact.length === 1) return { kind: 'resolved', address: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact.slice(0, MAX_CANDIDATES) };
  if (candidates.length === 1) return { kind: 'resolved', address: candidates[0] };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates: candidates.slice(0, MAX_CANDIDATES) };
  const corrected = await correctTypo(ref.text, store);
  if (corrected !== null) return { kind: 'resolved', address: corrected };
  return { kind: 'not-found', suggestions: await closestKnown(ref.text, store) };
}

/**
 * A name with a slip in it ("finanse"): the known addresses sharing its first or last three letters,
 * and the one among them a typo away, if exactly one is.
 */
async function correctTypo(name: string, store: Pick<Store, 'findAddresses'>): Promise<string | null> {
  const compact = name.trim().toLowerCase().replace(/\s+/g, '.');
  if (compact.length < 5) return null;
  const probes = [compact.slice(0, 3), compact.slice(-3)];
  const known = (await Promise.all(probes.map((probe) => store.findAddresses(probe, MAX_CANDIDATES * 8)))).flat();
  return closestByTypo(compact, known.map((k) => k.address));
}
