import type { Answer, RankingAnswer } from '../../src/query/answer';
import type { EngineContext } from '../../src/query/engine';
import { answerQuery } from '../../src/query/engine';
import type { QueryRange, TenantIntent } from '../../src/query/query';
import { SqliteStore } from '../../src/store/sqlite/store';
import { StaticAuditSettings } from '../../src/exchange/lookup';
import type { MailboxAuditSettings } from '../../src/exchange/settings';
import { NO_DIRECTORY, known } from '../../src/directory/lookup';
import type { DirectoryLookup } from '../../src/directory/lookup';
import { classified, event } from '../support/events';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const RANGE: QueryRange = { from: '2026-11-01T00:00:00.000Z', to: NOW.toISOString(), kind: 'this-month', timeZone: 'UTC' };
const OWA = 'Client=OWA;Action=ViaProxy';

function ranking(answer: Answer): RankingAnswer {
  if (answer.intent !== 'top-delegates' && answer.intent !== 'top-mailboxes' && answer.intent !== 'external-senders' && answer.intent !== 'new-delegates') {
    throw new Error(`expected a ranking, got ${answer.intent}`);
  }
  return answer;
}

async function ask(store: SqliteStore, intent: TenantIntent, overrides: Partial<EngineContext> = {}, limit?: number): Promise<RankingAnswer> {
  const context: EngineContext = { store, now: NOW, language: 'en', timeZone: 'UTC', tenantDomains: ['contoso.com'], ...overrides };
  return ranking(await answerQuery({ intent, range: RANGE, ...(limit === undefined ? {} : { limit }) }, context));
}

const at = (day: number, hour = 9) => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * A small tenant with known sends: alex sends as finance (3) and on behalf of the CEO (2), bob as hr (1),
 * carol's own mailbox misreported as Send As (4, noise), an outsider and a guest as finance and hr, and
 * dana as finance in October and again in November.
 */
async function knownTenant(): Promise<SqliteStore> {
  const store = new SqliteStore(':memory:');
  const sends = [
    ...[2, 3, 4].map((day) => event({ time: at(day), actor: 'alex@contoso.com', sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com' })),
    ...[5, 6].map((day) => event({ time: at(day), operation: 'SendOnBehalf', actor: 'alex@contoso.com', sentAs: 'ceo@contoso.com', mailbox: 'ceo@contoso.com' })),
    event({ time: at(7), actor: 'bob@contoso.com', sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com' }),
    ...[8, 9, 10, 11].map((day) =>
      event({ time: at(day), actor: 'carol@contoso.com', sentAs: 'carol@contoso.com', mailbox: 'carol@contoso.com', client: 'Client=OutlookMobile;Mozilla/5.0', logonType: 0 }),
    ),
    event({ time: at(12), actor: 'megan@fabrikam.com', sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com' }),
    event({ time: at(13), actor: 'ed_fabrikam.com#ext#@contoso.onmicrosoft.com', sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com' }),
    event({ time: '2026-10-20T09:00:00.000Z', actor: 'dana@contoso.com', sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com' }),
    event({ time: at(14), actor: 'dana@contoso.com', sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com' }),
  ];
  await store.ingest(sends.map((e) => classified({ ...e, client: e.client ?? OWA })));
  await store.markCovered({ from: '2026-10-01T00:00:00.000Z', to: NOW.toISOString() }, 'graph', { level: 'settled', checkedAt: NOW.toISOString() });
  return store;
}

describe('tenant-wide questions over a store with known events', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await knownTenant();
  });
  afterAll(() => store.close());

  it('ranks genuine delegates by sends, Send As and Send on Behalf counted apart, the owner misreport left out', async () => {
    const answer = await ask(store, 'top-delegates');
    const classified = (await store.summarize({ ...RANGE })).filter((r) => r.category === 'delegate');
    expect(answer.rows[0]).toMatchObject({ who: 'alex@contoso.com', count: 5, sendAs: 3, sendOnBehalf: 2, counterparts: 2, first: at(2), last: at(6) });
    expect(answer.rows.map((r) => r.who)).not.toContain('carol@contoso.com');
    expect(answer.totalSends).toBe(classified.reduce((n, r) => n + r.count, 0));
    expect(answer.totalRows).toBe(new Set(classified.map((r) => r.actor)).size);
    for (let i = 1; i < answer.rows.length; i += 1) expect(answer.rows[i - 1].count).toBeGreaterThanOrEqual(answer.rows[i].count);
  });

  it('keeps the N the question asked for and still counts every row', async () => {
    const answer = await ask(store, 'top-delegates', {}, 1);
    expect(answer.rows.map((r) => r.who)).toEqual(['alex@contoso.com']);
    expect(answer.limit).toBe(1);
    expect(answer.totalRows).toBeGreaterThan(1);
  });

  it('ranks mailboxes sent as, with their kind from the directory, then the audit settings, else unknown', async () => {
    const directory: DirectoryLookup = { ...NO_DIRECTORY, mailboxKind: (address) => Promise.resolve(address === 'finance@contoso.com' ? known('shared' as const) : { kind: 'unknown', why: 'not-found' }) };
    const hr: MailboxAuditSettings = { mailbox: 'hr@contoso.com', recipientType: 'SharedMailbox', auditEnabled: true, delegateActions: ['SendAs', 'SendOnBehalf'], adminActions: [], defaultAuditSet: ['Delegate'], region: null };
    const auditSettings = new StaticAuditSettings([hr], { auditDisabled: false, multiGeo: false }, NOW.toISOString());
    const answer = await ask(store, 'top-mailboxes', { directory, auditSettings });
    const byMailbox = new Map(answer.rows.map((r) => [r.who, r]));
    expect(byMailbox.get('finance@contoso.com')).toMatchObject({ mailboxKind: 'shared', sendAs: byMailbox.get('finance@contoso.com')?.count, sendOnBehalf: 0 });
    expect(byMailbox.get('hr@contoso.com')?.mailboxKind).toBe('shared');
    expect(byMailbox.get('ceo@contoso.com')).toMatchObject({ mailboxKind: 'unknown', sendOnBehalf: 2, sendAs: 0, counterparts: 1 });
    expect(answer.rows[0].who).toBe('finance@contoso.com');
  });

  it('says unknown for every kind when nothing can tell', async () => {
    const answer = await ask(store, 'top-mailboxes');
    expect(answer.rows.length).toBeGreaterThan(0);
    expect(answer.rows.every((r) => r.mailboxKind === 'unknown')).toBe(true);
  });

  it('finds senders outside the tenant domains and guests, and no one inside', async () => {
    const answer = await ask(store, 'external-senders');
    const why = Object.fromEntries(answer.rows.map((r) => [r.who, r.externalWhy]));
    expect(why).toEqual({ 'megan@fabrikam.com': 'outside-domains', 'ed_fabrikam.com#ext#@contoso.onmicrosoft.com': 'guest' });
    expect(answer.tenantDomains).toEqual(['contoso.com']);
    expect(answer.totalSends).toBe(2);
  });

  it("counts an internal actor whose sends Exchange flagged ExternalAccess", async () => {
    const flagged = await knownTenant();
    await flagged.ingest([classified(event({ time: at(15), actor: 'admin@contoso.com', sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com', externalAccess: true, client: OWA }))]);
    const answer = await ask(flagged, 'external-senders');
    expect(answer.rows.find((r) => r.who === 'admin@contoso.com')?.externalWhy).toBe('external-access');
    await flagged.close();
  });

  it('lists the pairs first seen in the range, checked back to the oldest record', async () => {
    const answer = await ask(store, 'new-delegates');
    const pairs = answer.rows.map((r) => `${r.who} → ${r.mailbox ?? ''}`);
    // dana sent as finance in October: not new. Everyone else's first send is in November.
    expect(pairs).not.toContain('dana@contoso.com → finance@contoso.com');
    expect(pairs).toEqual(expect.arrayContaining(['alex@contoso.com → finance@contoso.com', 'alex@contoso.com → ceo@contoso.com', 'bob@contoso.com → hr@contoso.com']));
    expect(pairs.some((p) => p.startsWith('carol@'))).toBe(false);
    expect(answer.historyFrom).toBe('2026-10-20T09:00:00.000Z');
    expect(answer.historyGaps).toBe(0);
  });

  it('treats an earlier send of the pair in any category as seen, and says when no record is older than the range', async () => {
    const empty = new SqliteStore(':memory:');
    await empty.ingest([classified(event({ time: at(3), actor: 'alex@contoso.com', sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com' }))]);
    const none = await ask(empty, 'new-delegates');
    expect(none.historyFrom).toBeNull();
    expect(none.rows.map((r) => r.who)).toEqual(['alex@contoso.com']);
    // The same pair earlier, in another category (an app sending, no person signed in), still counts as seen.
    await empty.ingest([classified(event({ time: '2026-09-01T09:00:00.000Z', actor: 'alex@contoso.com', sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com', logonType: null, client: null, userType: 5 }))]);
    const seen = await ask(empty, 'new-delegates');
    expect(seen.rows).toEqual([]);
    expect(seen.historyFrom).toBe('2026-09-01T09:00:00.000Z');
    expect(seen.historyGaps).toBeGreaterThan(0);
    await empty.close();
  });

  it('carries the coverage warnings other answers carry: gaps and provisional data', async () => {
    const partial = new SqliteStore(':memory:');
    await partial.ingest([classified(event({ time: at(3) }))]);
    await partial.markCovered({ from: '2026-11-10T00:00:00.000Z', to: NOW.toISOString() }, 'graph', { level: 'provisional', checkedAt: NOW.toISOString() });
    const answer = await ask(partial, 'top-delegates');
    expect(answer.warnings.map((w) => w.kind)).toEqual(expect.arrayContaining(['coverage', 'freshness', 'blind-spot']));
    await partial.close();
  });
});
