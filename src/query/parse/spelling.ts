/**
 * One-slip typos in the words the English parsers rely on ("snet", "yesterdy", "anomolies", "hlep"):
 * a word one edit away (Damerau: insert, delete, replace or swap two neighbours) from exactly one of
 * them is read as that word. Names are never in the vocabulary, so they are never "corrected"; the
 * caller also checks that a corrected reading kept the asker's names as typed.
 */

const VOCABULARY = new Set([
  'sent', 'send', 'sending', 'what', 'which', 'whom', 'whose', 'behalf', 'explain', 'details', 'anomalies',
  'anomaly', 'suspicious', 'unusual', 'alerts', 'health', 'audit', 'status', 'gaps', 'subscribe',
  'unsubscribe', 'notifications', 'notify', 'help', 'yesterday', 'today', 'week', 'weeks', 'weekend',
  'month', 'months', 'hours', 'days', 'since', 'between', 'lately', 'recently', 'impersonated',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'april', 'august', 'september', 'october', 'november', 'december', 'mailbox', 'mailboxes', 'delegates',
]);

/**
 * Ordinary words one edit away from a vocabulary word that must stay what they are; "sends" is the
 * present tense of a permission question ("who sends as finance"), which is deliberately not read.
 */
const KEEP = new Set(['sends', 'list', 'lost', 'last', 'past', 'test', 'mail', 'sand', 'seat', 'sell', 'then', 'when', 'that', 'was', 'hour', 'day']);

/** Shorter words have too many neighbours to correct safely. */
const MIN_LENGTH = 3;

/** Whether two words are at most one Damerau edit apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function correctWord(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length < MIN_LENGTH || VOCABULARY.has(lower) || KEEP.has(lower)) return word;
  let found: string | null = null;
  for (const known of VOCABULARY) {
    if (!oneEditApart(lower, known)) continue;
    if (found !== null) return word;
    found = known;
  }
  return found ?? word;
}

/** The text with each slipped keyword spelled right; everything else (token markers too) as it was. */
export function correctSpelling(text: string): string {
  return text.replace(/[A-Za-z]+/g, (word, offset: number) =>
    // A letter right after a token marker's opening character is part of the marker.
    offset > 0 && text[offset - 1] === '\ue000' ? word : correctWord(word),
  );
}

/** Edits between two strings (optimal string alignment: a swap of neighbours counts as one). */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** How many slips a name of this length may carry and still be recognised: none below 5 letters. */
function typoAllowance(length: number): number {
  if (length < 5) return 0;
  return length < 9 ? 1 : 2;
}

function localPartOf(address: string): string {
  const at = address.indexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

/**
 * The one known address whose local part is within a typo or two of a name as typed ("finanse" →
 * finance@contoso.com); null when none is, or when several are equally close.
 */
export function closestByTypo(name: string, addresses: readonly string[]): string | null {
  const typed = name.trim().toLowerCase().replace(/\s+/g, '.');
  const allowance = typoAllowance(typed.length);
  if (allowance === 0) return null;
  let best: { address: string; distance: number } | null = null;
  let tied = false;
  for (const address of new Set(addresses)) {
    const distance = editDistance(typed, localPartOf(address.toLowerCase()));
    if (distance > allowance || (best !== null && distance > best.distance)) continue;
    tied = best !== null && distance === best.distance;
    if (!tied) best = { address, distance };
  }
  return best === null || tied ? null : best.address;
}
