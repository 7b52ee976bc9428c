import type { Language } from '../../i18n/reasons';
import type { AnswerWarning } from '../../query/answer';
import type { Assumption, QueryRange } from '../../query/query';
import { MAX_ADDRESS_LENGTH, MAX_QUESTION_LENGTH } from '../actions';
import { daysIn, formatSpan, usableZone } from '../format';
import { escapeMarkdown, authored } from '../markdown';
import type { Markdown } from '../markdown';
import type { FactView, NoteView, WarningView } from '../models';
import type { CardStrings } from '../../i18n/cards';
import { wordWarning } from '../../i18n/query/warnings';

/** Most rows a page shows, however small they are: a long card is hard to read on a phone. */
export const MAX_ROWS_PER_PAGE = 25;

/**
 * Splits an answer's caveats: gaps in the data are red, lateness and truncation amber, both at the
 * top; the Outlook Mobile blind spot is a standing fact, said once and quietly at the foot.
 */
export function caveats(answer: {
  readonly warnings: readonly AnswerWarning[];
  readonly language: Language;
  readonly timeZone: string;
}): { warnings: WarningView[]; notes: NoteView[] } {
  const boxes: WarningView[] = [];
  const notes: NoteView[] = [];
  const zone = usableZone(answer.timeZone);
  for (const warning of answer.warnings) {
    const text = escapeMarkdown(wordWarning(warning.message, answer.language, zone), 1000);
    switch (warning.kind) {
      case 'known-incident':
      case 'silence':
      case 'coverage':
      case 'audit-settings':
        boxes.push({ style: 'attention', text });
        break;
      case 'freshness':
      case 'truncated':
        boxes.push({ style: 'warning', text });
        break;
      case 'blind-spot':
      case 'audit-settings-unknown':
        notes.push({ text });
        break;
      default:
        warning.kind satisfies never;
    }
  }
  // Red before amber, each kind in the engine's order.
  boxes.sort((a, b) => (a.style === b.style ? 0 : a.style === 'attention' ? -1 : 1));
  return { warnings: boxes, notes };
}

export function timeZoneNote(strings: CardStrings, timeZone: string): Markdown {
  return strings.timesIn(usableZone(timeZone));
}

/** A fact row whose title is our wording and whose value is audit data (or ours, pre-escaped). */
export function fact(title: string, value: Markdown): FactView {
  return { title: authored(title), value };
}

/**
 * Whether a value can ride in a button payload as an address: the action schema caps its length, and
 * control characters mean it is not a real address whatever it claims.
 */
export function actionableAddress(value: string): boolean {
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex
  return trimmed.length > 0 && trimmed.length <= MAX_ADDRESS_LENGTH && !/[\u0000-\u001f\u007f]/.test(value);
}

/**
 * The question a button asks to re-run the original question about `address` instead of `asked`: the
 * asker's own words with the name swapped when they are known, else the parser's canonical question.
 */
export function reaskQuestion(
  question: string | undefined,
  asked: string,
  address: string,
  canonical: () => string,
): string {
  if (question !== undefined && asked !== '') {
    const at = question.toLowerCase().indexOf(asked.toLowerCase());
    if (at >= 0) {
      const swapped = `${question.slice(0, at)}${address}${question.slice(at + asked.length)}`;
      if (swapped.length <= MAX_QUESTION_LENGTH) return swapped;
    }
  }
  return canonical();
}

/** "1 May 2025 – 7 May 2025 · last 7 days (no range given)", in the answer's zone and language. */
export function rangeLine(
  range: QueryRange,
  assumed: readonly Assumption[],
  timeZone: string,
  language: Language,
  strings: CardStrings,
): Markdown {
  const span = formatSpan(range, usableZone(timeZone), language);
  const words = strings.range.words({ kind: range.kind, amount: range.amount ?? daysIn(range) });
  const said = assumed.includes('range') ? strings.range.assumed(words) : words;
  return authored(said === '' ? span : `${span} · ${said}`);
}
