import type { ActivityAnswer } from '../../src/query/answer';
import { wordWarning } from '../../src/i18n/query/warnings';
import type { AnswerWarning } from '../../src/query/answer';
import type { EngineContext } from '../../src/query/engine';
import { answerQuery } from '../../src/query/engine';
import { EVENTS_PER_PAGE, listActorEvents } from '../../src/query/events';
import type { EventListRequest } from '../../src/query/events';
import type { QueryRange } from '../../src/query/query';
import { loadDemoTenant } from '../../src/sources/demo';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { StoredEvent } from '../../src/store/store';
import { classified, event } from '../support/events';

const said = (warning: AnswerWarning | undefined, language: 'en' | 'ja', timeZone = 'UTC'): string | undefined =>
  warning === undefined ? undefined : wordWarning(warning.message, language, timeZone);

const NOW = new Date('2026-11-18T10:00:00.000Z');
const LAST_WEEK = { from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' };
const ALEX = 'alex.wilber@contoso.com';
const FINANCE = 'finance@contoso.com';

function ctx(store: SqliteStore, overrides: Partial<EngineContext> = {}): EngineContext {
  return { store, now: NOW, language: 'en', timeZone: 'UTC', ...overrides };
}

const at = (day: number, minute: number): string => new Date(Date.parse(`2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`) + minute * 60_000).toISOString();

describe('listActorEvents', () => {
  let store: SqliteStore;
  /** Alex sending as finance last week, as stored, newest first. */
  let alexAsFinance: StoredEvent[];

  beforeEach(async () => {
    store = new SqliteStore(':memory:');
    await store.markCovered({ from: '2026-10-01T00:00:00.000Z', to: NOW.toISOString() }, 'test', { level: 'settled', checkedAt: NOW.toISOString() });
    await store.ingest(
      [
        ...Array.from({ length: 30 }, (_, i) => event({ actor: ALEX, sentAs: FINANCE, time: at(10 + (i % 5), i), subject: `Invoice ${i}` })),
        // Exactly what the list must leave out: other identities, other actors, the range's ends.
        event({ actor: ALEX, sentAs: 'hr@contoso.com', time: at(11, 0) }),
        event({ actor: 'adele.vance@contoso.com', sentAs: FINANCE, time: at(11, 0) }),
        event({ actor: ALEX, sentAs: FINANCE, time: LAST_WEEK.to }),
        event({ actor: ALEX, sentAs: FINANCE, time: '2026-11-08T23:59:59.999Z' }),
        // Not the same family or category as the rest.
        event({ actor: ALEX, sentAs: FINANCE, time: at(15, 59), client: 'Client=REST;Client=RESTSystem;;', clientIp: null, subject: null }),
      ].map(classified),
    );
    alexAsFinance = await store.listEvents({ ...LAST_WEEK, actor: ALEX, sentAs: FINANCE }, { limit: 1000 });
  });
  afterEach(() => store.close());

  it('lists the actor sending as the identity in the range, newest first, a page at a time', async () => {
    expect(alexAsFinance).toHaveLength(31);
    const answer = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK }, ctx(store));
    expect(answer).toMatchObject({ intent: 'events', actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, total: 31, offset: 0, language: 'en', timeZone: 'UTC' });
    expect(answer.events.map((e) => e.id)).toEqual(alexAsFinance.slice(0, EVENTS_PER_PAGE).map((e) => e.id));
    const last = alexAsFinance[EVENTS_PER_PAGE - 1];
    expect(answer.next).toEqual({ time: last.time, id: last.id });
    expect(answer.events[0]).toEqual({
      id: alexAsFinance[0].id,
      time: at(15, 59),
      operation: 'SendAs',
      client: 'rest-system',
      category: alexAsFinance[0].category,
      clientIp: null,
      subject: null,
      // The support events carry no recipients: the list says so, with the id to trace them by.
      recipients: null,
      internetMessageId: '<a@contoso.com>',
    });
    expect(answer.events[1]).toMatchObject({ client: 'owa', clientIp: '203.0.113.7', subject: alexAsFinance[1].subject });
  });

  it('reads addresses however they are cased, and carries client families as codes whatever the language', async () => {
    const answer = await listActorEvents({ actor: ' Alex.Wilber@Contoso.com ', sentAs: 'FINANCE@contoso.com', range: LAST_WEEK, limit: 2 }, ctx(store, { language: 'ja' }));
    expect(answer.actor).toBe(ALEX);
    expect(answer.total).toBe(31);
    expect(answer.events.map((e) => e.client)).toEqual(['rest-system', 'owa']);
    expect(said(answer.warnings.find((w) => w.kind === 'blind-spot'), 'ja')).toMatch(/本人以外が Outlook Mobile から送信したメール/);
  });

  it('continues after the cursor, numbers the page, and ends with no cursor', async () => {
    const first = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, limit: 12 }, ctx(store));
    const second = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, limit: 12, before: first.next ?? undefined }, ctx(store));
    const third = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, limit: 12, before: second.next ?? undefined }, ctx(store));
    expect([first, second, third].map((page) => [page.offset, page.events.length, page.next === null])).toEqual([
      [0, 12, false],
      [12, 12, false],
      [24, 7, true],
    ]);
    expect([first, second, third].flatMap((page) => page.events.map((e) => e.id))).toEqual(alexAsFinance.map((e) => e.id));
  });

  it('breaks pages inside events of the same millisecond without losing or repeating any', async () => {
    const tied = Array.from({ length: 7 }, (_, i) => event({ actor: 'lee.gu@contoso.com', sentAs: FINANCE, time: at(12, 0), id: `tied-${i}` }));
    await store.ingest(tied.map(classified));
    const request: EventListRequest = { actor: 'lee.gu@contoso.com', sentAs: FINANCE, range: LAST_WEEK, limit: 3 };
    const seen: string[] = [];
    const offsets: number[] = [];
    for (let page = await listActorEvents(request, ctx(store)); ; ) {
      seen.push(...page.events.map((e) => e.id));
      offsets.push(page.offset);
      if (page.next === null) break;
      page = await listActorEvents({ ...request, before: page.next }, ctx(store));
    }
    expect(seen).toEqual(['tied-6', 'tied-5', 'tied-4', 'tied-3', 'tied-2', 'tied-1', 'tied-0']);
    expect(offsets).toEqual([0, 3, 6]);
  });

  it('keeps counting right when late events arrive after the first page', async () => {
    const first = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, limit: 10 }, ctx(store));
    // Exchange delivered two more: one newer than everything shown, one among the events still to come.
    await store.ingest([event({ actor: ALEX, sentAs: FINANCE, time: at(15, 120) }), event({ actor: ALEX, sentAs: FINANCE, time: at(10, 1) })].map(classified));
    const second = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, limit: 10, before: first.next ?? undefined }, ctx(store));
    expect(second.total).toBe(33);
    expect(second.offset).toBe(11);
    expect(second.events[0].id).toBe(alexAsFinance[10].id);
  });

  it('answers an empty list, and a cursor from outside the range, without fuss', async () => {
    const none = await listActorEvents({ actor: 'nobody@contoso.com', sentAs: FINANCE, range: LAST_WEEK }, ctx(store));
    expect(none).toMatchObject({ events: [], total: 0, offset: 0, next: null });
    const beyond = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, limit: 5, before: { time: '2030-01-01T00:00:00.000Z', id: 'x' } }, ctx(store));
    expect(beyond.offset).toBe(0);
    expect(beyond.events.map((e) => e.id)).toEqual(alexAsFinance.slice(0, 5).map((e) => e.id));
    const before = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: LAST_WEEK, before: { time: '2020-01-01T00:00:00.000Z', id: 'x' } }, ctx(store));
    expect(before).toMatchObject({ events: [], total: 31, offset: 31, next: null });
  });
});

describe('listActorEvents warnings', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('warns about MC382148 and missing data for February 2022, and not about lateness', async () => {
    await store.ingest([classified(event({ actor: ALEX, sentAs: FINANCE, time: '2022-02-10T10:00:00.000Z' }))]);
    await store.markCovered({ from: '2022-02-01T00:00:00.000Z', to: '2022-02-15T00:00:00.000Z' }, 'test', { level: 'settled', checkedAt: NOW.toISOString() });
    const answer = await listActorEvents({ actor: ALEX, sentAs: FINANCE, range: { from: '2022-02-01T00:00:00.000Z', to: '2022-03-01T00:00:00.000Z' } }, ctx(store));
    expect(answer.total).toBe(1);
    expect(answer.warnings.map((w) => w.kind)).toEqual(['known-incident', 'coverage', 'blind-spot']);
    expect(said(answer.warnings[0], 'en')).toMatch(/MC382148.*28 Jan 2022 to 26 Mar 2022/);
    expect(answer.warnings[1].message).toEqual({ code: 'coverage', gaps: [{ from: '2022-02-15T00:00:00.000Z', to: '2022-03-01T00:00:00.000Z' }] });
    expect(said(answer.warnings[1], 'en')).toMatch(/15 Feb 2022 – 28 Feb 2022/);
  });

  it('says where a range stops being final and when it was last checked, and leaves the blind spot out for the owner', async () => {
    await store.ingest([classified(event({ actor: FINANCE, sentAs: FINANCE, mailbox: FINANCE, time: '2026-11-18T08:00:00.000Z', client: 'Client=OutlookService;Outlook-iOS/2.0;' }))]);
    await store.markCovered({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-17T00:00:00.000Z' }, 'test', { level: 'settled', checkedAt: NOW.toISOString() });
    await store.markCovered({ from: '2026-11-17T00:00:00.000Z', to: '2026-11-18T09:00:00.000Z' }, 'test', { level: 'provisional', checkedAt: '2026-11-18T09:30:00.000Z' });
    const answer = await listActorEvents({ actor: FINANCE, sentAs: FINANCE, range: { from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString() } }, ctx(store, { language: 'ja', timeZone: 'Asia/Tokyo' }));
    expect(answer.warnings.map((w) => w.kind)).toEqual(['freshness']);
    expect(said(answer.warnings[0], 'ja', 'Asia/Tokyo')).toBe(
      '2026年11月17日 09:00 までのデータは確定しています。それ以降のレコードはまだ届く可能性があります（Exchange の監査レコードは最大 3 日ほど遅れて届くことがあります）。最終確認: 2026年11月18日 18:30。',
    );
    expect(answer.events[0]).toMatchObject({ category: 'owner-misreport', client: 'outlook-mobile' });
  });
});

describe('drilling from an answer over the demo tenant', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await loadDemoTenant(store, { users: 200, days: 30, seed: 42 }, NOW);
  });
  afterAll(() => store.close());

  it('lists the events each answer row counted, and the same total as it lists', async () => {
    const thisWeek: QueryRange = { from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), kind: 'this-week', timeZone: 'UTC' };
    const answer = (await answerQuery({ intent: 'who-sent-as', subject: { text: FINANCE, kind: 'address' }, range: thisWeek }, ctx(store))) as ActivityAnswer;
    expect(answer.rows.length).toBeGreaterThan(3);
    for (const row of answer.rows) {
      const list = await listActorEvents({ actor: row.actor, sentAs: row.sentAs, range: thisWeek, limit: 1000 }, ctx(store));
      expect(list.total).toBe(list.events.length);
      // The answer counted Send As only; the list shows Send on Behalf too, each event labelled.
      expect(list.events.filter((e) => e.operation === 'SendAs' && e.category === row.category)).toHaveLength(row.count);
      expect(list.events.every((e) => e.time >= thisWeek.from && e.time < thisWeek.to)).toBe(true);
    }
  });
});
