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
