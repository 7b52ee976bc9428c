import type { ActivityAnswer, Answer, EventDetail, HealthAnswer } from '../../src/query/answer';
import { wordDetailReason, wordWarning } from '../../src/i18n/query/warnings';
import type { AnswerWarning } from '../../src/query/answer';
import type { DataQuery, EngineContext } from '../../src/query/engine';
import { answerQuery } from '../../src/query/engine';
import type { QueryRange } from '../../src/query/query';
import { SqliteStore } from '../../src/store/sqlite/store';
import { loadDemoTenant } from '../../src/sources/demo';
import { generateDemoTenant } from '../../src/audit/demo/tenant';
import { classified, event } from '../support/events';

const said = (warning: AnswerWarning | undefined, language: 'en' | 'ja', timeZone = 'UTC'): string | undefined =>
  warning === undefined ? undefined : wordWarning(warning.message, language, timeZone);

const NOW = new Date('2026-11-18T10:00:00.000Z');
const thisWeek: QueryRange = { from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), kind: 'this-week', timeZone: 'UTC' };

function ctx(store: SqliteStore, overrides: Partial<EngineContext> = {}): EngineContext {
  return { store, now: NOW, language: 'en', timeZone: 'UTC', ...overrides };
}

function activity(answer: Answer): ActivityAnswer {
  if (answer.intent !== 'who-sent-as' && answer.intent !== 'who-sent-on-behalf' && answer.intent !== 'what-did-send-as') {
    throw new Error(`expected an activity answer, got ${answer.intent}`);
  }
  return answer;
}

describe('the query engine over the demo tenant', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await loadDemoTenant(store, { users: 200, days: 30, seed: 42 }, NOW);
  });
  afterAll(() => store.close());

  it('answers who sent as finance this week: genuine delegates first, the planted newcomer among them', async () => {
    const query: DataQuery = { intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range: thisWeek };
    const answer = activity(await answerQuery(query, ctx(store)));
    expect(answer.subject).toBe('finance@contoso.com');
    expect(answer.rows.length).toBeGreaterThan(1);
    expect(answer.rows[0].category).toBe('delegate');
    const lastDelegate = answer.rows.map((r) => r.category).lastIndexOf('delegate');
    const firstOther = answer.rows.findIndex((r) => r.category !== 'delegate');
    expect(firstOther === -1 || lastDelegate < firstOther).toBe(true);
    const newcomer = [...generateDemoTenant({ users: 200, days: 30, seed: 42, end: NOW })].find((r) => r.truth.anomaly === 'new-delegate');
    expect(answer.rows.find((r) => r.actor === newcomer?.auditData.UserId)).toMatchObject({ category: 'delegate', count: 3 });
    for (const row of answer.rows) {
      expect(row.sentAs).toBe('finance@contoso.com');
      expect(row.first <= row.last).toBe(true);
      expect(row.first >= thisWeek.from && row.last < thisWeek.to).toBe(true);
    }
    const total = answer.totals.reduce((n, t) => n + t.count, 0);
    expect(total).toBe(answer.rows.reduce((n, r) => n + r.count, 0));
    expect(answer.warnings.map((w) => w.kind).sort()).toEqual(['blind-spot', 'freshness']);
    expect(answer.rows.some((r) => r.clients.includes('owa'))).toBe(true);
  });

  it('resolves a bare mailbox name and answers in Japanese', async () => {
    const query: DataQuery = { intent: 'who-sent-as', subject: { text: 'finance', kind: 'name' }, range: thisWeek };
    const answer = activity(await answerQuery(query, ctx(store, { language: 'ja', timeZone: 'Asia/Tokyo' })));
    expect(answer.subject).toBe('finance@contoso.com');
    expect(said(answer.warnings.find((w) => w.kind === 'blind-spot'), 'ja')).toMatch(/本人以外が Outlook Mobile から送信したメール/);
    expect(answer.rows.some((r) => r.clients.includes('outlook-desktop') || r.clients.includes('owa'))).toBe(true);
  });

  it('answers what a delegate sent as, one row per identity', async () => {
    const rows = await store.summarize({ from: thisWeek.from, to: thisWeek.to, sentAs: 'finance@contoso.com', category: 'delegate' });
    const actor = rows[0].actor;
    const answer = activity(await answerQuery({ intent: 'what-did-send-as', actor: { text: actor, kind: 'address' }, range: thisWeek }, ctx(store)));
    expect(answer.rows.every((r) => r.actor === actor)).toBe(true);
    expect(answer.rows.map((r) => r.sentAs)).toContain('finance@contoso.com');
  });

  it('asks back when a name matches several addresses, and says when nothing matches', async () => {
    const ambiguous = await answerQuery({ intent: 'who-sent-as', subject: { text: 'a', kind: 'name' }, range: thisWeek }, ctx(store));
    expect(ambiguous.intent).toBe('ambiguous');
    expect(ambiguous.intent === 'ambiguous' && ambiguous.candidates.length).toBeGreaterThan(1);
    const missing = await answerQuery({ intent: 'who-sent-as', subject: { text: 'zzqx nobody', kind: 'name' }, range: thisWeek }, ctx(store));
    expect(missing).toMatchObject({ intent: 'not-found', what: 'address', asked: 'zzqx nobody' });
  });

  it('explains an event with the classifier reasons in the asker language', async () => {
    const [stored] = await store.listEvents({ from: thisWeek.from, to: thisWeek.to, category: 'owner-misreport' }, { limit: 1 });
    const answer = (await answerQuery({ intent: 'explain', eventId: stored.id.toUpperCase() }, ctx(store, { language: 'ja' }))) as EventDetail;
    expect(answer.intent).toBe('explain');
    expect(answer.category).toBe('owner-misreport');
    expect(answer.reasons[0].code).toBe('rule');
    expect(wordDetailReason(answer.reasons[0], 'ja', (category) => category)).toMatch(/UserId が/);
    expect(answer.event.subject).toBe(stored.subject);
    expect(await answerQuery({ intent: 'explain', eventId: 'nope' }, ctx(store))).toMatchObject({ intent: 'not-found', what: 'event' });
  });

  it('reports health: totals in range, newest event and the ingestion status', async () => {
    const answer = (await answerQuery(
      { intent: 'health', range: thisWeek },
      ctx(store, { ingestionStatus: () => Promise.resolve({ source: 'demo', lastIngest: NOW.toISOString(), lines: [{ code: 'graph-running' }] }) }),
    )) as HealthAnswer;
    expect(answer.intent).toBe('health');
    expect(answer.eventsInRange).toBe(answer.totals.reduce((n, t) => n + t.count, 0));
    expect(answer.totalEvents).toBeGreaterThan(answer.eventsInRange);
    expect(answer).toMatchObject({ source: 'demo', lastIngest: NOW.toISOString(), status: [{ code: 'graph-running' }] });
    expect(Date.parse(answer.newestEvent as string)).toBeLessThanOrEqual(NOW.getTime());
  });
});

describe('warnings about the data itself', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('keeps SendAs and SendOnBehalf apart', async () => {
    await store.ingest(
      [
        event({ operation: 'SendAs', actor: 'lee.gu@contoso.com', sentAs: 'ceo@contoso.com', time: '2026-11-17T10:00:00.000Z' }),
        event({ operation: 'SendOnBehalf', actor: 'emily.braun@contoso.com', sentAs: 'ceo@contoso.com', time: '2026-11-17T11:00:00.000Z' }),
        event({ operation: 'SendOnBehalf', actor: 'emily.braun@contoso.com', sentAs: 'ceo@contoso.com', time: '2026-11-17T12:00:00.000Z' }),
      ].map(classified),
    );
    const subject = { text: 'CEO@contoso.com', kind: 'address' } as const;
    const onBehalf = activity(await answerQuery({ intent: 'who-sent-on-behalf', subject, range: thisWeek }, ctx(store)));
    expect(onBehalf.rows.map((r) => [r.actor, r.count])).toEqual([['emily.braun@contoso.com', 2]]);
    const sentAs = activity(await answerQuery({ intent: 'who-sent-as', subject, range: thisWeek }, ctx(store)));
    expect(sentAs.rows.map((r) => [r.actor, r.count])).toEqual([['lee.gu@contoso.com', 1]]);
    const both = activity(await answerQuery({ intent: 'what-did-send-as', actor: { text: 'emily.braun@contoso.com', kind: 'address' }, range: thisWeek }, ctx(store)));
    expect(both.rows.map((r) => [r.sentAs, r.count])).toEqual([['ceo@contoso.com', 2]]);
  });

  it('counts the events of each day in the asker zone, per category, for the chart', async () => {
    // 2026-11-16T14:30Z is 23:30 on the 16th in Tokyo; 15:30Z is already the 17th there.
    await store.ingest(
      [
        event({ time: '2026-11-16T14:30:00.000Z' }),
        event({ time: '2026-11-16T15:30:00.000Z' }),
        event({ time: '2026-11-16T16:30:00.000Z', actor: 'finance@contoso.com' }),
        event({ time: '2026-11-17T20:00:00.000Z' }),
      ].map(classified),
    );
    const range: QueryRange = { from: '2026-11-15T15:00:00.000Z', to: '2026-11-18T10:00:00.000Z', kind: 'this-week', timeZone: 'Asia/Tokyo' };
    const answer = activity(await answerQuery({ intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range }, ctx(store, { timeZone: 'Asia/Tokyo' })));
    const perDay = answer.daily.map((day) => [day.from, Object.fromEntries(day.totals.filter((t) => t.count > 0).map((t) => [t.category, t.count]))]);
    expect(perDay).toEqual([
      ['2026-11-15T15:00:00.000Z', { delegate: 1 }],
      ['2026-11-16T15:00:00.000Z', { delegate: 1, 'owner-misreport': 1 }],
      ['2026-11-17T15:00:00.000Z', { delegate: 1 }],
    ]);
    // The days add up to the answer's totals.
    for (const total of answer.totals) {
      expect(answer.daily.reduce((sum, day) => sum + (day.totals.find((t) => t.category === total.category)?.count ?? 0), 0)).toBe(total.count);
    }
  });

  it('takes steps of several days when a range is too long for one bar a day', async () => {
    const quarter: QueryRange = { from: '2026-08-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z', kind: 'between', timeZone: 'UTC' };
    // A mailbox the store has never seen gets a "never seen" answer, not a chart.
    await store.ingest([classified(event({ time: '2026-09-15T10:00:00.000Z' }))]);
    const answer = activity(await answerQuery({ intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range: quarter }, ctx(store)));
    expect(answer.daily.length).toBeLessThanOrEqual(31);
    expect(answer.daily[0].from).toBe(quarter.from);
    expect(Date.parse(answer.daily[1].from) - Date.parse(answer.daily[0].from)).toBe(3 * 86_400_000);
  });

  it('warns about MC382148 and missing coverage for a range in February 2022', async () => {
    await store.ingest([classified(event({ time: '2022-01-20T10:00:00.000Z' }))]);
    const feb: QueryRange = { from: '2022-02-01T00:00:00.000Z', to: '2022-03-01T00:00:00.000Z', kind: 'in-month', timeZone: 'UTC' };
    const answer = activity(await answerQuery({ intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range: feb }, ctx(store)));
    const kinds = answer.warnings.map((w) => w.kind);
    expect(kinds).toContain('known-incident');
    expect(kinds).toContain('coverage');
    expect(kinds).not.toContain('freshness');
    const incident = answer.warnings.find((w) => w.kind === 'known-incident');
    // The engine gives a code and its parameters; the words come from the catalogue.
    expect(incident?.message).toMatchObject({ code: 'known-incident', incident: { id: 'MC382148' } });
    expect(said(incident, 'en')).toMatch(/MC382148.*28 Jan 2022 to 26 Mar 2022/);
  });

  it('says the tenant went silent when a loaded range has no events at all', async () => {
    await store.ingest([classified(event({ time: '2026-11-01T10:00:00.000Z' }))]);
    await store.markCovered({ from: '2026-11-01T00:00:00.000Z', to: NOW.toISOString() }, 'graph', { level: 'settled', checkedAt: NOW.toISOString() });
    const answer = activity(await answerQuery({ intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range: thisWeek }, ctx(store)));
    expect(answer.rows).toEqual([]);
    expect(answer.warnings.map((w) => w.kind)).toContain('silence');
  });

  it('does not cry silence when the tenant was busy elsewhere in the range', async () => {
    await store.ingest([
      classified(event({ time: '2026-11-17T10:00:00.000Z', sentAs: 'hr@contoso.com' })),
      classified(event({ time: '2026-11-02T08:00:00.000Z', sentAs: 'finance@contoso.com' })),
    ]);
    await store.markCovered({ from: '2026-11-01T00:00:00.000Z', to: NOW.toISOString() }, 'graph', { level: 'settled', checkedAt: NOW.toISOString() });
    const answer = activity(await answerQuery({ intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range: thisWeek }, ctx(store)));
    expect(answer.warnings.map((w) => w.kind)).not.toContain('silence');
    // Seen, but not in this range: the answer says when, instead of a bare "nothing".
    expect(answer.rows).toEqual([]);
    expect(answer.lastSeen).toBe('2026-11-02T08:00:00.000Z');
  });
});
