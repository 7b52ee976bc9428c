import { CATEGORIES } from '../../classify/category';
import type { HealthAnswer } from '../../query/answer';
import { formatCount, formatInstant, usableZone } from '../format';
import { authored, escapeMarkdown } from '../markdown';
import type { HealthCardData } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../../i18n/cards';
import { wordHealthLine } from '../../i18n/ingest/health';
import { caveats, fact, rangeLine, timeZoneNote } from './common';

const MAX_STATUS_LINES = 10;

/** "Audit health": how much is stored, how fresh it is, and what the loader says about itself. */
export function healthCard(answer: HealthAnswer): AdaptiveCard {
  const strings = stringsFor(answer.language);
  const words = strings.health;
  const zone = usableZone(answer.timeZone);
  const when = (iso: string | null) => authored(iso === null ? words.never : formatInstant(iso, zone, answer.language));
  const count = (n: number) => authored(formatCount(n, answer.language));
  const { warnings, notes } = caveats(answer);
  const data: HealthCardData = {
    title: words.title,
    range: rangeLine(answer.range, [], answer.timeZone, answer.language, strings),
    warnings,
    facts: [
      fact(words.source, escapeMarkdown(answer.source, 100)),
      fact(words.totalEvents, count(answer.totalEvents)),
      fact(words.eventsInRange, count(answer.eventsInRange)),
      fact(words.oldest, when(answer.oldestEvent)),
      fact(words.newest, when(answer.newestEvent)),
      fact(words.lastIngest, when(answer.lastIngest)),
    ],
    statusHeading: words.statusHeading,
    status: answer.status.slice(0, MAX_STATUS_LINES).map((line) => ({ text: escapeMarkdown(wordHealthLine(line, answer.language, zone), 500) })),
    totalsHeading: words.totalsHeading,
    totals: CATEGORIES.flatMap((category) => {
      const total = answer.totals.filter((t) => t.category === category).reduce((sum, t) => sum + t.count, 0);
      return total > 0 ? [fact(strings.categories[category], count(total))] : [];
    }),
    notes,
    timeZoneNote: timeZoneNote(strings, zone),
  };
  return renderTemplate('health', data, answer.language);
}
