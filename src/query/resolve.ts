import type { Store } from '../store/store';
import type { SubjectRef } from './query';
import { closestByTypo } from './parse/spelling';

export type Resolution =
  | { readonly kind: 'resolved'; readonly address: string }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  | { readonly kind: 'not-found'; readonly suggestions: readonly string[] };

const MAX_CANDIDATES = 8;

/** `Alex Wilber` → `alex.wilber`: how people's names become the local part of their address. */
function localPartGuesses(name: string): string[] {
  const words = name.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  return [...new Set([words.join('.'), words.join(''), words.join('_'), words.join('-')])];
}

function localPart(address: string): string {
  const at = address.indexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

/**
 * Turns a name or address from a question into one address the store knows. An address is taken as
 * given; a name resolves when exactly one known address matches it best, else the admin is asked.
 */
export async function resolveSubject(ref: SubjectRef, store: Pick<Store, 'findAddresses'>): Promise<Resolution> {
  if (ref.kind === 'address') return { kind: 'resolved', address: ref.text.toLowerCase() };
  const guesses = localPartGuesses(ref.text);
  const found = new Map<string, number>();
  for (const guess of guesses) {
    for (const known of await store.findAddresses(guess, MAX_CANDIDATES * 4)) found.set(known.address, known.events);
  }
  const candidates = [...found.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([address]) => address);
  const exact = candidates.filter((address) => guesses.includes(localPart(address)));
  if (exact.length === 1) return { kind: 'resolved', address: exact[0] };
  if (exact.length > 1) return { kind: 'ambiguous', candidates: exact.slice(0, MAX_CANDIDATES) };
  if (candidates.length === 1) return { kind: 'resolved', address: candidates[0] };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates: candidates.slice(0, MAX_CANDIDATES) };
  const corrected = await correctTypo(ref.text, store);
  if (corrected !== null) return { kind: 'resolved', address: corrected };
  // Nothing contains the whole name: offer addresses sharing its first word.
  const firstWord = ref.text.trim().toLowerCase().split(/\s+/)[0] ?? '';
  const near = firstWord.length >= 3 ? await store.findAddresses(firstWord.slice(0, 3), MAX_CANDIDATES) : [];
  return { kind: 'not-found', suggestions: near.map((k) => k.address) };
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
