import type { AuditEvent } from '../../src/audit/event';
import type { MailboxKind } from '../../src/classify/context';
import type { DirectoryLookup } from '../../src/directory/lookup';
import { NO_DIRECTORY, known } from '../../src/directory/lookup';
import type { ContextProvider } from '../../src/ingest/stage';
import { IngestStage } from '../../src/ingest/stage';
import { findAnomalies } from '../../src/detect/find';
import { batchContext } from '../../src/query/context';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { Store } from '../../src/store/store';
import { event } from '../support/events';
import { createGraphDirectory } from '../../src/directory';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import { createFakeDirectory } from '../fakes/graph-directory';

const CONNECTOR = { actor: 'lee.gu@contoso.com', client: 'ConnectorWorkProvider', time: '2026-11-19T10:00:00.000Z' };

/** A directory that knows the kinds it is given and counts what it was asked. */
function directoryOf(kinds: Record<string, MailboxKind>): DirectoryLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    appName: NO_DIRECTORY.appName,
    personOf: NO_DIRECTORY.personOf,
    mailboxKind: (address) => {
      asked.push(address);
      const kind = kinds[address];
      return Promise.resolve(kind === undefined ? { kind: 'unknown', why: 'not-found' } : known(kind));
    },
  };
}

/** Counts the store queries the context provider makes. */
function counting(store: Store): { provider: (directory?: DirectoryLookup) => ContextProvider; queries: () => number } {
  let queries = 0;
  const view: Pick<Store, 'sentAsDomains' | 'activityGroups'> = {
    sentAsDomains: () => {
      queries += 1;
      return store.sentAsDomains();
    },
    activityGroups: (filter, samples) => {
      queries += 1;
      return store.activityGroups(filter, samples);
    },
  };
  return { provider: (directory) => (events) => batchContext(events, { store: view, ...(directory === undefined ? {} : { directory }) }), queries: () => queries };
}

describe('ingestion classifies with what is known about the mailbox', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });
  afterEach(() => store.close());

  const stored = async (e: AuditEvent) => {
    const found = await store.getEvent(e.id);
    if (found === null) throw new Error(`${e.id} was not stored`);
    return found;
  };

  it('a connector record on a mailbox the directory says is a person’s is stored unknown, with the reason', async () => {
    const directory = directoryOf({ 'megan.bowen@contoso.com': 'person' });
    const record = event({ ...CONNECTOR, mailbox: 'megan.bowen@contoso.com', sentAs: 'megan.bowen@contoso.com' });
    await new IngestStage(store, undefined, counting(store).provider(directory)).storeEvents([record]);
    const row = await stored(record);
    expect(row.category).toBe('unknown');
    expect(row.reasons.find((r) => r.code === 'mailbox-not-group')?.params).toEqual({ mailbox: 'megan.bowen@contoso.com', kind: 'person' });
  });

  it('a connector record on a group mailbox is a connector with high confidence', async () => {
    const directory = directoryOf({ 'marketing-news@contoso.com': 'group' });
    const record = event({ ...CONNECTOR, mailbox: 'marketing-news@contoso.com', sentAs: 'marketing-news@contoso.com' });
    await new IngestStage(store, undefined, counting(store).provider(directory)).storeEvents([record]);
    const row = await stored(record);
    expect(row).toMatchObject({ category: 'connector', confidence: 'high' });
    expect(row.reasons.map((r) => r.code)).toContain('group-mailbox');
  });

  it('without a directory or history a connector record is stored as before: a connector, medium confidence', async () => {
    const record = event({ ...CONNECTOR, mailbox: 'marketing-news@contoso.com', sentAs: 'marketing-news@contoso.com' });
    await new IngestStage(store, undefined, counting(store).provider()).storeEvents([record]);
    expect(await stored(record)).toMatchObject({ category: 'connector', confidence: 'medium' });
    expect((await stored(record)).reasons.map((r) => r.code)).toContain('mailbox-kind-unknown');
  });

  it('the mailbox’s stored connector history makes a later batch certain', async () => {
    const stage = new IngestStage(store, undefined, counting(store).provider());
    const mailbox = 'marketing-news@contoso.com';
    await stage.storeEvents([event({ ...CONNECTOR, mailbox, sentAs: mailbox, time: '2026-11-18T10:00:00.000Z' }), event({ ...CONNECTOR, mailbox, sentAs: mailbox, time: '2026-11-18T11:00:00.000Z' })]);
    const later = event({ ...CONNECTOR, mailbox, sentAs: mailbox });
    await stage.storeEvents([later]);
    const row = await stored(later);
    expect(row).toMatchObject({ category: 'connector', confidence: 'high' });
    expect(row.reasons.find((r) => r.code === 'connector-history')?.params).toEqual({ mailbox, count: '2' });
  });

  it('ingestion counts connector history only within its look-back', async () => {
    const mailbox = 'marketing-news@contoso.com';
    await new IngestStage(store).storeEvents([event({ ...CONNECTOR, mailbox, sentAs: mailbox, time: '2026-11-10T10:00:00.000Z' }), event({ ...CONNECTOR, mailbox, sentAs: mailbox, time: '2026-11-19T09:00:00.000Z' })]);
    const later = event({ ...CONNECTOR, mailbox, sentAs: mailbox });
    await new IngestStage(store, undefined, (events) => batchContext(events, { store, historyMs: 24 * 3600_000 })).storeEvents([later]);
    expect((await stored(later)).reasons.find((r) => r.code === 'connector-history')?.params).toEqual({ mailbox, count: '1' });
  });

  it('asks the directory once per distinct connector mailbox and the store at most twice per batch, however large', async () => {
    const directory = directoryOf({ 'marketing-news@contoso.com': 'group' });
    const { provider, queries } = counting(store);
    const people = Array.from({ length: 500 }, (_, i) => event({ actor: `user${i}@contoso.com` }));
    const connectors = Array.from({ length: 500 }, (_, i) => event({ ...CONNECTOR, mailbox: i % 2 === 0 ? 'marketing-news@contoso.com' : 'sales-news@contoso.com', sentAs: i % 2 === 0 ? 'marketing-news@contoso.com' : 'sales-news@contoso.com' }));
    await new IngestStage(store, undefined, provider(directory)).storeEvents([...people, ...connectors]);
    expect(queries()).toBe(2);
    expect([...directory.asked].sort()).toEqual(['marketing-news@contoso.com', 'sales-news@contoso.com']);
  });

  it('a batch without connector records asks only for the tenant domains', async () => {
    const directory = directoryOf({});
    const { provider, queries } = counting(store);
    await new IngestStage(store, undefined, provider(directory)).storeEvents([event(), event()]);
    expect(queries()).toBe(1);
    expect(directory.asked).toEqual([]);
  });
});

describe('what the detectors then see', () => {
  it('a connector record from outside the tenant on a person’s mailbox alerts as an external actor; on a group mailbox it stays noise', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const directory = directoryOf({ 'megan.bowen@contoso.com': 'person', 'marketing-news@contoso.com': 'group' });
      const stage = new IngestStage(store, undefined, (events) => batchContext(events, { store, directory }));
      const outsider = { ...CONNECTOR, actor: 'mallory@fabrikam.com' };
      await stage.storeEvents([
        event({ ...outsider, mailbox: 'megan.bowen@contoso.com', sentAs: 'megan.bowen@contoso.com' }),
        event({ ...outsider, mailbox: 'marketing-news@contoso.com', sentAs: 'marketing-news@contoso.com' }),
      ]);
      const found = await findAnomalies(store, { window: { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' }, now: new Date('2026-11-20T06:00:00.000Z'), settings: { tenantDomains: ['contoso.com'] } });
      const external = found.filter((a) => a.kind === 'external-actor');
      expect(external).toHaveLength(1);
      expect(external[0]).toMatchObject({ actor: 'mallory@fabrikam.com', mailbox: 'megan.bowen@contoso.com' });
    } finally {
      await store.close();
    }
  });
});

describe('ingestion asks the Graph directory (fake Graph over real HTTP) what each connector mailbox is', () => {
  const now = new Date('2026-11-20T06:00:00Z');
  let graph: FakeGraph;
  let store: SqliteStore;
  beforeAll(async () => {
    const directory = createFakeDirectory({
      groups: [{ mail: 'marketing-news@contoso.com', groupTypes: ['Unified'] }],
      users: [
        { id: '1a000000-0000-4000-8000-000000000001', userPrincipalName: 'megan.bowen@contoso.com', displayName: 'Megan Bowen', accountEnabled: true, userType: 'Member', userPurpose: 'user' },
        { id: '1a000000-0000-4000-8000-000000000003', userPrincipalName: 'finance@contoso.com', displayName: 'Finance', accountEnabled: false, userType: 'Member', userPurpose: 'shared' },
      ],
    });
    graph = await startFakeGraph({ records: [], now: () => now, directory });
  });
  afterAll(async () => graph.close());
  beforeEach(() => {
    store = new SqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('stores a connector record on a person’s or a shared mailbox as unknown, and one on a group as a connector', async () => {
    const directory = createGraphDirectory({ credential: graph.credential(), baseUrl: graph.baseUrl, now: () => now });
    const onPerson = event({ ...CONNECTOR, mailbox: 'megan.bowen@contoso.com', sentAs: 'megan.bowen@contoso.com' });
    const onShared = event({ ...CONNECTOR, mailbox: 'finance@contoso.com', sentAs: 'finance@contoso.com' });
    const onGroup = event({ ...CONNECTOR, mailbox: 'marketing-news@contoso.com', sentAs: 'marketing-news@contoso.com' });
    await new IngestStage(store, undefined, (events) => batchContext(events, { store, directory })).storeEvents([onPerson, onShared, onGroup]);
    const person = await store.getEvent(onPerson.id);
    const shared = await store.getEvent(onShared.id);
    const group = await store.getEvent(onGroup.id);
    expect(person?.category).toBe('unknown');
    expect(person?.reasons.find((r) => r.code === 'mailbox-not-group')?.params).toEqual({ mailbox: 'megan.bowen@contoso.com', kind: 'person' });
    expect(shared?.category).toBe('unknown');
    expect(shared?.reasons.find((r) => r.code === 'mailbox-not-group')?.params).toEqual({ mailbox: 'finance@contoso.com', kind: 'shared' });
    expect(group).toMatchObject({ category: 'connector', confidence: 'high' });
  });
});
