import { answerCard, parseCardAction } from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards/render';
import type { EventListAnswer } from '../../src/query/answer';
import { listActorEvents } from '../../src/query/events';
import type { EventListRequest } from '../../src/query/events';
import { SqliteStore } from '../../src/store/sqlite/store';
import { classified, event } from '../support/events';
import { HOSTILE, HOSTILE_TEXT, JA_NAME, LONG_SUBJECT } from './fixtures';
import { cardProblems, executeActions, markdownTexts } from './support';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const RANGE = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-18T00:00:00.000Z' };
const SENT_AS = 'finance@contoso.com';
/** The walk renders ~400 cards for 5,000 events; the Japanese walk covers a smaller actor to spare the CPU. */
const WALKS = [
  { language: 'en', actor: 'alex.wilber@contoso.com', events: 5000 },
  { language: 'ja', actor: 'kenji.tanaka@contoso.com', events: 600 },
] as const;

const SUBJECTS = [HOSTILE_TEXT, `${HOSTILE.template} 四半期の請求書 ${JA_NAME}`, LONG_SUBJECT, HOSTILE.newline, 'Invoice 4411', null];

/** Every event, newest first as the list orders them: time, then id, both descending. */
function newestFirst(a: { time: string; id: string }, b: { time: string; id: string }): number {
  return b.time.localeCompare(a.time) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Walks an actor's events the way an admin does: the drill, then each card's older-events button. */
async function walkPages(store: SqliteStore, language: 'en' | 'ja', actor: string): Promise<{ cards: AdaptiveCard[]; answers: EventListAnswer[] }> {
  const ctx = { store, now: NOW, language, timeZone: 'Asia/Tokyo' } as const;
  const cards: AdaptiveCard[] = [];
  const answers: EventListAnswer[] = [];
  let request: EventListRequest = { actor, sentAs: SENT_AS, range: RANGE };
  for (;;) {
    const answer = await listActorEvents(request, ctx);
    const card = answerCard(answer);
    answers.push(answer);
    cards.push(card);
    const older = executeActions(card).find((action) => action.verb === 'events' && (action.data as { before?: unknown }).before !== undefined);
    if (older === undefined) break;
    const parsed = parseCardAction({ action: { type: 'Action.Execute', verb: older.verb, data: older.data } });
    if (!parsed.ok || parsed.action.verb !== 'events') throw new Error(`the older-events button was refused: ${JSON.stringify(parsed)}`);
    const { from, to, before } = parsed.action;
    request = { actor: parsed.action.actor, sentAs: parsed.action.sentAs, range: { from, to }, before };
  }
  return { cards, answers };
}

/** "Events 1–13 of 5,000" / "5,000 件中 1〜13 件目": the numbers in the card's own order. */
const PAGE_INFO = { en: /^Events ([\d,]+)–([\d,]+) of ([\d,]+)$/, ja: /^([\d,]+) 件中 ([\d,]+)〜([\d,]+) 件目$/ } as const;

const explainIds = (card: AdaptiveCard): string[] =>
  executeActions(card)
    .filter((action) => action.verb === 'explain')
    .map((action) => (action.data as { eventId: string }).eventId);

describe('paging an actor\'s events through the cards', () => {
  let store: SqliteStore;
  const expected = new Map<string, string[]>();

  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    for (const walk of WALKS) {
      const listed = Array.from({ length: walk.events }, (_, i) =>
        event({
          actor: walk.actor,
          sentAs: SENT_AS,
          // Three events share each millisecond, so pages break inside ties too.
          time: new Date(Date.parse(RANGE.to) - 1 - Math.floor(i / 3) * 271_000).toISOString(),
          subject: SUBJECTS[i % SUBJECTS.length],
          client: i % 4 === 0 ? 'Client=REST;Client=RESTSystem;;' : 'Client=OWA;Action=ViaProxy',
        }),
      );
      const others = [
        event({ actor: walk.actor, sentAs: 'hr@contoso.com', time: '2026-11-10T09:00:00.000Z' }),
        event({ actor: walk.actor, sentAs: SENT_AS, time: RANGE.to }),
        event({ actor: walk.actor, sentAs: SENT_AS, time: '2026-10-31T23:59:59.999Z' }),
      ];
      await store.ingest([...listed, ...others].map(classified));
      expected.set(walk.actor, [...listed].sort(newestFirst).map((e) => e.id));
    }
    await store.ingest([classified(event({ actor: 'adele.vance@contoso.com', sentAs: SENT_AS, time: '2026-11-10T09:00:00.000Z' }))]);
    await store.markCovered({ from: '2026-10-01T00:00:00.000Z', to: NOW.toISOString() }, 'test', { level: 'settled', checkedAt: NOW.toISOString() });
  });
  afterAll(() => store.close());

  it.each(WALKS)('shows every event in range exactly once, newest first, numbered, each card clean ($language, $events events)', async ({ language, actor, events }) => {
    const ids = expected.get(actor) ?? [];
    expect(ids).toHaveLength(events);
    const { cards, answers } = await walkPages(store, language, actor);
    expect(cards.flatMap(explainIds)).toEqual(ids);
    // Cards are packed, not sprinkled.
    expect(ids.length / cards.length).toBeGreaterThan(8);
    for (const answer of answers) expect(answer.total).toBe(ids.length);
    // Each card numbers its events where the previous one stopped.
    let shown = 0;
    for (const card of cards) {
      const count = explainIds(card).length;
      const info = markdownTexts(card).find((text) => PAGE_INFO[language].test(text));
      const numbers = PAGE_INFO[language].exec(info ?? '')?.slice(1).map((n) => Number(n.replace(/,/g, '')));
      const [first, last, total] = language === 'en' ? (numbers ?? []) : [numbers?.[1], numbers?.[2], numbers?.[0]];
      expect([first, last, total]).toEqual([shown + 1, shown + count, ids.length]);
      shown += count;
    }
    for (const card of cards.filter((_, i) => i % 40 === 0 || i === cards.length - 1)) expect(cardProblems(card, 'events')).toEqual([]);
  }, 120_000);
});
