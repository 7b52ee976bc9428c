import type { AuditEvent } from '../../src/audit/event';
import { CLASSIFIER_VERSION, classify } from '../../src/classify/classify';
import type { MailboxKind } from '../../src/classify/context';
import type { DirectoryLookup } from '../../src/directory/lookup';
import { known, NO_DIRECTORY } from '../../src/directory/lookup';
import { IngestStage } from '../../src/ingest/stage';
import { INGEST_HISTORY_MS, batchContext, contextualClassifier } from '../../src/query/context';
import { SqliteStore } from '../../src/store/sqlite/store';
import { event } from '../support/events';

const KINDS: Readonly<Record<string, MailboxKind>> = {
  'finance@contoso.com': 'shared',
  'tony.redmond@contoso.com': 'person',
  'alex.wilber@contoso.com': 'person',
  'marketing-news@contoso.com': 'group',
};

const directory: DirectoryLookup = {
  ...NO_DIRECTORY,
  mailboxKind: (address) => Promise.resolve(KINDS[address] === undefined ? { kind: 'unknown', why: 'not-found' } : known(KINDS[address])),
};

const IOS = 'Client=OutlookService;Outlook-iOS/2.0;';

/** Records whose category depends on what the directory says of their mailbox. */
function records(): AuditEvent[] {
  return [
    // A shared mailbox sending as itself from Outlook for iOS: nobody's own send.
    event({ id: 'shared-self', actor: 'finance@contoso.com', sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com', client: IOS }),
    // A person's own Outlook for iOS send.
    event({ id: 'person-self', actor: 'tony.redmond@contoso.com', sentAs: 'tony.redmond@contoso.com', mailbox: 'tony.redmond@contoso.com', client: IOS }),
    // A connector writing into a person's mailbox contradicts itself.
    event({ id: 'connector-person', actor: 'lee.gu@contoso.com', sentAs: 'alex.wilber@contoso.com', mailbox: 'alex.wilber@contoso.com', client: 'ConnectorWorkProvider', clientIp: null }),
    event({ id: 'connector-group', actor: 'lee.gu@contoso.com', sentAs: 'marketing-news@contoso.com', mailbox: 'marketing-news@contoso.com', client: 'ConnectorWorkProvider', clientIp: null }),
    event({ id: 'delegate', actor: 'alex.wilber@contoso.com' }),
  ];
}

async function categories(store: SqliteStore): Promise<Record<string, string>> {
  const all = await store.listEvents({ from: '2020-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' }, { limit: 100 });
  return Object.fromEntries(all.map((e) => [e.id, `${e.category}/${e.ruleId}`]));
}

describe('start-up reclassification with the ingestion context', () => {
  it('ends each stored event with the category fresh ingestion gives it', async () => {
    const fresh = new SqliteStore(':memory:');
    await new IngestStage(fresh, undefined, (events) => batchContext(events, { store: fresh, directory, historyMs: INGEST_HISTORY_MS })).storeEvents(records());

    // Stored by a classifier that knew nothing beyond the records, then upgraded.
    const upgraded = new SqliteStore(':memory:');
    await upgraded.ingest(records().map((e) => ({ event: e, classification: classify(e) })));
    const before = await categories(upgraded);
    expect(await upgraded.reclassify(CLASSIFIER_VERSION + 1, contextualClassifier({ store: upgraded, directory, historyMs: INGEST_HISTORY_MS }))).toBe(2);

    const expected = await categories(fresh);
    expect(await categories(upgraded)).toEqual(expected);
    expect(expected).toMatchObject({ 'shared-self': 'unknown/Classify.OwnerMisreport.SelfSend', 'person-self': 'owner-misreport/Classify.OwnerMisreport.SelfSend', 'connector-person': 'unknown/Classify.Connector.ClientInfo' });
    // What the context changed: without it the two would have stayed as first stored.
    expect(before['shared-self']).toBe('owner-misreport/Classify.OwnerMisreport.SelfSend');
    expect(before['connector-person']).toBe('connector/Classify.Connector.ClientInfo');
    await fresh.close();
    await upgraded.close();
  });
});
