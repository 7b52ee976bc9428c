import { wordDetailReason } from '../../src/i18n/query/warnings';
import type { DetailReason } from '../../src/query/answer';
import { normalizeRecord } from '../../src/audit/normalize';
import type { AuditEvent } from '../../src/audit/event';
import { answerCard } from '../../src/cards';
import { owaDelegateSend } from '../../src/classify/rules/base-record.cases';
import type { DirectoryLookup } from '../../src/directory/lookup';
import { NO_DIRECTORY, known } from '../../src/directory/lookup';
import type { ActivityAnswer, Answer, EventDetail, NotFoundAnswer } from '../../src/query/answer';
import type { DataQuery, EngineContext } from '../../src/query/engine';
import { answerQuery, isDataQuery } from '../../src/query/engine';
import { listActorEvents } from '../../src/query/events';
import { parseQuestion } from '../../src/query/parse';
import { SqliteStore } from '../../src/store/sqlite/store';
import { classified } from '../support/events';
import { TEST_BOUNDS } from '../support/read';

/** The explain reasons as the English card words them (categories by id). */
const worded = (reasons: readonly DetailReason[]): string => reasons.map((reason) => wordDetailReason(reason, 'en', (category) => category)).join(' ');

const NOW = new Date('2026-11-18T10:00:00.000Z');
const MAILER = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

function record(overrides: Record<string, unknown>): AuditEvent {
  const result = normalizeRecord({ ...owaDelegateSend, CreationTime: '2026-11-17T09:00:00', ...overrides }, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error(JSON.stringify(result));
  return result.event;
}

let serial = 0;
function id(): string {
  serial += 1;
  return `0d5e0000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
}

function ctx(store: SqliteStore, overrides: Partial<EngineContext> = {}): EngineContext {
  return { store, now: NOW, language: 'en', timeZone: 'UTC', ...overrides };
}

function ask(text: string, store: SqliteStore, overrides: Partial<EngineContext> = {}): Promise<Answer> {
  const parsed = parseQuestion(text, { now: NOW, timeZone: 'UTC', locale: overrides.language === 'ja' ? 'ja-JP' : 'en-US' });
  if (parsed.kind !== 'parsed' || !isDataQuery(parsed.query)) throw new Error(`not a data question: ${text}`);
  return answerQuery(parsed.query, ctx(store, { language: parsed.language, ...overrides }));
}

function activity(answer: Answer): ActivityAnswer {
  if (answer.intent !== 'who-sent-as' && answer.intent !== 'who-sent-on-behalf' && answer.intent !== 'what-did-send-as') throw new Error(`got ${answer.intent}`);
  return answer;
}

function cardText(answer: Answer): string {
  return JSON.stringify(answerCard(answer));
}

describe('answers that never give a false all-clear', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.ingest(
      [
        record({ Id: id(), UserId: 'alex.wilber@contoso.com', MailboxOwnerUPN: 'finance@contoso.com', SendAsUserSmtp: 'finance@contoso.com' }),
        record({ Id: id(), UserId: 'Alex Wilber', MailboxOwnerUPN: 'sales@contoso.com', SendAsUserSmtp: 'sales@contoso.com', CreationTime: '2026-11-17T11:00:00' }),
        record({ Id: id(), UserId: 'Not Available', MailboxOwnerUPN: 'sales@contoso.com', SendAsUserSmtp: 'sales@contoso.com' }),
        record({ Id: id(), UserId: 'megan.bowen@fabrikam.com', MailboxOwnerUPN: 'sales@contoso.com', SendAsUserSmtp: 'sales@contoso.com' }),
        record({ Id: id(), UserId: 'lee.gu@contoso.com', ExternalAccess: true, MailboxOwnerUPN: 'sales@contoso.com', SendAsUserSmtp: 'sales@contoso.com' }),
        record({ Id: id(), UserId: 'lee.gu@contoso.com', MailboxOwnerUPN: 'payroll@contoso.com', SendAsUserSmtp: 'payroll@contoso.com', CreationTime: '2026-10-02T08:00:00' }),
      ].map(classified),
    );
  });
  afterAll(() => store.close());

  it('an address that never appears gets "never seen" with the closest known ones, in the card and in JSON', async () => {
    const answer = (await ask('who sent as financ@contoso.com this week', store)) as NotFoundAnswer;
    expect(answer).toMatchObject({ intent: 'not-found', what: 'address', neverSeen: true, asked: 'financ@contoso.com' });
    expect(answer.suggestions[0]).toBe('finance@contoso.com');
    expect(JSON.parse(JSON.stringify(answer))).toMatchObject({ neverSeen: true });
    // Nothing was loaded for this week in this store: "never seen" says how far it looked.
    expect(answer.warnings.map((w) => w.kind)).toEqual(['coverage']);
    expect(cardText(answer)).toMatch(/No audit data has been loaded for/);
    expect(cardText(answer)).toMatch(/No mailbox or person .{0,12}financ@contoso.com.{0,12} appears in the audit data/);
    const ja = await ask('今週 financ@contoso.com として送信したのは誰', store, { language: 'ja' });
    expect(ja.intent).toBe('not-found');
    expect(cardText(ja)).toMatch(/監査データにありません/);
  });

  it('an address seen before, but not in the range, says when it was last seen', async () => {
    const answer = activity(await ask('who sent as payroll@contoso.com this week', store));
    expect(answer.rows).toEqual([]);
    expect(answer.lastSeen).toBe('2026-10-02T08:00:00.000Z');
    expect(cardText(answer)).toMatch(/last appears in the audit data on 2 Oct 2026 08:00/);
    const ja = activity(await ask('今週 payroll@contoso.com として送信したのは誰', store, { language: 'ja' }));
    expect(cardText(ja)).toMatch(/最後に現れたのは 2026/);
  });

  it('finds an actor recorded by display name, and shows the name as Exchange wrote it', async () => {
    const answer = activity(await ask('what did Alex Wilber send as this week', store));
    expect(answer.subject).toBe('alex wilber');
    expect(answer.subjectAsWritten).toBe('Alex Wilber');
    expect(answer.rows.map((r) => [r.sentAs, r.category])).toEqual([['sales@contoso.com', 'unknown']]);
    expect(cardText(answer)).toContain('Alex Wilber');
    const notAvailable = activity(await ask('what did Not Available send as this week', store));
    expect(notAvailable.rows).toHaveLength(1);
    const bySales = activity(await ask('who sent as sales@contoso.com this week', store));
    const names = bySales.rows.map((r) => r.actorAsWritten ?? r.actor);
    expect(names).toEqual(expect.arrayContaining(['Alex Wilber', 'Not Available']));
  });

  it('marks external actors in every row: outside the tenant, or ExternalAccess true', async () => {
    const answer = activity(await ask('who sent as sales@contoso.com this week', store, { tenantDomains: ['contoso.com'] }));
    const external = Object.fromEntries(answer.rows.map((r) => [r.actor, r.external]));
    expect(external['megan.bowen@fabrikam.com']).toBe(true);
    expect(external['lee.gu@contoso.com']).toBe(true);
    expect(external['alex wilber']).toBe(false);
    expect(cardText(answer)).toMatch(/megan\.bowen@fabrikam\.com \(external\)/);
    const ja = activity(await ask('今週 sales@contoso.com として送信したのは誰', store, { language: 'ja', tenantDomains: ['contoso.com'] }));
    expect(cardText(ja)).toMatch(/megan\.bowen@fabrikam\.com（外部）|megan\.bowen@fabrikam\.com \(外部\)/);
  });
});

describe('explain with the directory, recipients and sources', () => {
  let store: SqliteStore;
  const groupsDirectory: DirectoryLookup = {
    appName: (appId) => Promise.resolve(appId === MAILER ? known('Invoice Mailer') : { kind: 'unknown', why: 'not-found' }),
    mailboxKind: (address) => Promise.resolve(address === 'marketing-news@contoso.com' ? known('group' as const) : { kind: 'unknown', why: 'not-found' }),
    personOf: () => Promise.resolve({ kind: 'unknown', why: 'not-found' }),
  };
  const connector = record({ Id: id(), UserId: 'lee.gu@contoso.com', MailboxOwnerUPN: 'marketing-news@contoso.com', SendAsUserSmtp: 'marketing-news@contoso.com', ClientInfoString: 'ConnectorWorkProvider' });
  const app = record({
    Id: id(),
    UserId: 'ServicePrincipal_7d3c1e2f-aaaa-4bbb-8ccc-123456789abc',
    UserType: 6,
    MailboxOwnerUPN: 'noreply@contoso.com',
    SendAsUserSmtp: 'noreply@contoso.com',
    ClientInfoString: 'Client=REST;Client=REST;;',
    AppAccessContext: { ClientAppId: MAILER, ClientAppName: 'Mailer (as recorded)', UniqueTokenId: 'tok' },
    SessionId: 'sess-1',
    recipientCount: 3,
    recipientList: ['a@contoso.com', 'B@Fabrikam.com', 'c@example.net'],
  });
  const spoofed = record({ Id: id(), UserId: 'megan.bowen@contoso.com', ClientInfoString: 'Client=WebServices;ConnectorWorkProvider' });

  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.ingest([connector, app, spoofed].map(classified));
  });
  afterAll(() => store.close());

  async function explain(eventId: string, overrides: Partial<EngineContext> = {}): Promise<EventDetail> {
    const query: DataQuery = { intent: 'explain', eventId };
    const answer = await answerQuery(query, ctx(store, { tenantDomains: ['contoso.com'], ...overrides }));
    if (answer.intent !== 'explain') throw new Error(answer.intent);
    return answer;
  }

  it('a connector write into a directory-known group gains certainty; without a directory it stays less certain', async () => {
    const withGroup = await explain(connector.id, { directory: groupsDirectory });
    expect(withGroup).toMatchObject({ category: 'connector', confidence: 'high', event: { mailboxKind: 'group' } });
    expect(worded(withGroup.reasons)).toMatch(/Microsoft 365 group mailbox/);
    expect(withGroup.sources?.join(' ')).toMatch(/Petri/);
    const without = await explain(connector.id, { directory: NO_DIRECTORY });
    expect(without).toMatchObject({ category: 'connector', confidence: 'medium' });
  });

  it('a connector record into a mailbox the directory says is a person is unknown, and says it changed since ingestion', async () => {
    const personDirectory: DirectoryLookup = { ...NO_DIRECTORY, mailboxKind: () => Promise.resolve(known('person' as const)) };
    const answer = await explain(connector.id, { directory: personDirectory });
    expect(answer.category).toBe('unknown');
    expect(worded(answer.reasons)).toMatch(/person's mailbox.*conflicts/);
    expect(worded(answer.reasons)).toMatch(/Stored as connector/);
  });

  it('names the app from the directory, shows recipients split internal / external, the session, in en and ja', async () => {
    const answer = await explain(app.id, { directory: groupsDirectory });
    expect(answer.category).toBe('application');
    expect(answer.event.app).toEqual({ id: MAILER, name: 'Invoice Mailer', nameFrom: 'directory' });
    expect(answer.event.recipients).toEqual({ count: 3, internal: 1, external: 2, shown: ['B@Fabrikam.com', 'c@example.net', 'a@contoso.com'] });
    expect(answer.event.sessionId).toBe('sess-1');
    const card = cardText(answer);
    expect(card).toContain(`Invoice Mailer (${MAILER})`);
    expect(card).toContain('3 recipients: 1 internal, 2 external');
    const ja = cardText(await explain(app.id, { directory: groupsDirectory, language: 'ja' }));
    expect(ja).toContain('宛先 3 件（テナント内 1 件、外部 2 件）');
  });

  it('without Graph shows the id and the name Exchange recorded, or says the name is unknown', async () => {
    const answer = await explain(app.id, { directory: NO_DIRECTORY });
    expect(answer.event.app).toEqual({ id: MAILER, name: 'Mailer (as recorded)', nameFrom: 'record' });
    const spoof = await explain(spoofed.id, { directory: NO_DIRECTORY });
    expect(spoof.event.app).toEqual({ id: '00000002-0000-0ff1-ce00-000000000000', name: null, nameFrom: null });
    expect(cardText(spoof)).toMatch(/name unknown/);
    expect(cardText({ ...spoof, language: 'ja' })).toMatch(/名前は不明です/);
  });

  it('a spoofed connector agent on a person\'s send is a delegate, with the claim in the reasons, and no recipients says so', async () => {
    const answer = await explain(spoofed.id);
    expect(answer.category).toBe('delegate');
    expect(worded(answer.reasons)).toMatch(/claim, not evidence/);
    expect(answer.event.recipients).toBeNull();
    expect(cardText(answer)).toMatch(/Recipients are not recorded.*InternetMessageId/);
  });
});

describe('the events list shows recipients where the record has them', () => {
  it('counts internal and external recipients, or says they are not recorded and gives the message id, in en and ja', async () => {
    const store = new SqliteStore(':memory:');
    try {
      await store.ingest(
        [
          record({ Id: id(), CreationTime: '2026-11-17T09:00:00', recipientCount: 2, recipientList: ['megan.bowen@contoso.com', 'buyer@fabrikam.com'] }),
          record({ Id: id(), CreationTime: '2026-11-17T10:00:00' }),
        ].map(classified),
      );
      const request = { actor: 'alex.wilber@contoso.com', sentAs: 'sales@contoso.com', range: { from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString() } };
      const en = await listActorEvents(request, ctx(store, { tenantDomains: ['contoso.com'] }));
      expect(en.events.map((e) => e.recipients?.external ?? null)).toEqual([null, 1]);
      const card = cardText(en);
      expect(card).toContain('2 recipients: 1 internal, 1 external');
      expect(card).toMatch(/Recipients are not recorded.*AB1PR01MB1234ABCDEF/);
      const ja = cardText(await listActorEvents(request, ctx(store, { tenantDomains: ['contoso.com'], language: 'ja' })));
      expect(ja).toContain('宛先 2 件（テナント内 1 件、外部 1 件）');
      expect(ja).toContain('宛先が記録されていません');
    } finally {
      await store.close();
    }
  });
});
