import { filterContent } from '../../src/audit/management';
import { PERMISSION_OPERATIONS } from '../../src/ingest/management-feed';

/**
 * Audit.Exchange content as a tenant's feed carries it: mostly mailbox-access and item records,
 * SendAs one record in a hundred, in blobs (JSON arrays) of a couple of thousand records. Shapes
 * follow the Management Activity API schema (integer RecordType, CreationTime without a zone).
 */
const OTHER_OPERATIONS = ['MailItemsAccessed', 'MailItemsAccessed', 'MailItemsAccessed', 'MailItemsAccessed', 'MailItemsAccessed', 'Update', 'MoveToDeletedItems', 'SoftDelete', 'Send', 'Create', 'MailboxLogin', 'UpdateInboxRules'];

function record(i: number, operation: string): Record<string, unknown> {
  const user = `user${i % 5000}@contoso.com`;
  const owner = `user${(i * 7) % 5000}@contoso.com`;
  const base = {
    CreationTime: new Date(Date.UTC(2026, 10, 18, 8) + i * 37).toISOString().slice(0, 19),
    Id: `${(0x10000000 + i).toString(16)}-7c52-4b8f-9a1e-${String(i).padStart(12, '0')}`,
    Operation: operation,
    OrganizationId: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    RecordType: operation === 'MailItemsAccessed' ? 50 : 2,
    ResultStatus: 'Succeeded',
    UserKey: `1003200${(i % 90000).toString(16).padStart(9, '0')}`,
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: `192.0.2.${i % 250}`,
    UserId: user,
    AppId: '00000002-0000-0ff1-ce00-000000000000',
    ClientAppId: '',
    ClientIPAddress: `192.0.2.${i % 250}`,
    ClientInfoString: i % 3 === 0 ? 'Client=OutlookService;Outlook-Android/2.0;' : 'Client=MSExchangeRPC',
    ExternalAccess: false,
    InternalLogonType: 0,
    LogonType: i % 5 === 0 ? 1 : 0,
    LogonUserSid: `S-1-5-21-1234567890-123456789-1234567890-${10000 + (i % 5000)}`,
    MailboxGuid: `e1f2a3b4-c5d6-4e7f-8a9b-${String(i % 5000).padStart(12, '0')}`,
    MailboxOwnerSid: `S-1-5-21-1234567890-123456789-1234567890-${10000 + ((i * 7) % 5000)}`,
    MailboxOwnerUPN: owner,
    OrganizationName: 'contoso.onmicrosoft.com',
    OriginatingServer: 'AB1PR01MB1234 (15.20.7000.000)',
  };
  if (operation === 'MailItemsAccessed') {
    return {
      ...base,
      OperationProperties: [
        { Name: 'MailAccessType', Value: 'Bind' },
        { Name: 'IsThrottled', Value: 'False' },
      ],
      Folders: [{ Id: 'LgAAAAB1234567890abcdefAQCtCgAAAAEMAAAB', Path: '\\Inbox', FolderItems: [{ InternetMessageId: `<AB1PR01MB${i}@AB1PR01MB1234.eurprd01.prod.exchangelabs.com>` }, { InternetMessageId: `<CD2PR02MB${i}@CD2PR02MB5678.eurprd02.prod.exchangelabs.com>` }] }],
      OperationCount: 2,
    };
  }
  return {
    ...base,
    Item: {
      Id: `RgAAAAB1234567890abcdef${i}`,
      InternetMessageId: `<EF3PR03MB${i}@EF3PR03MB9012.eurprd03.prod.exchangelabs.com>`,
      ParentFolder: { Id: 'LgAAAAB1234567890abcdefAQCtCgAAAAEJAAAB', Path: '\\Sent Items' },
      Subject: `Re: "Q${i % 4}" numbers {draft} — 見積もり ${i}`,
      SizeInBytes: 10_000 + (i % 50_000),
    },
    ...(operation === 'SendAs' ? { SendAsUserSmtp: owner, SendAsUserMailboxGuid: `aa${String(i).padStart(30, '0')}` } : {}),
  };
}

export interface FeedContent {
  readonly blobs: readonly Uint8Array[];
  readonly records: number;
  readonly sendAs: number;
}

/** `blobs` blobs of `perBlob` records, every hundredth a SendAs. */
export function generateFeedContent(blobs: number, perBlob: number): FeedContent {
  const out: Uint8Array[] = [];
  let sendAs = 0;
  for (let b = 0; b < blobs; b += 1) {
    const records: Record<string, unknown>[] = [];
    for (let r = 0; r < perBlob; r += 1) {
      const i = b * perBlob + r;
      const operation = i % 100 === 42 ? 'SendAs' : OTHER_OPERATIONS[i % OTHER_OPERATIONS.length];
      if (operation === 'SendAs') sendAs += 1;
      records.push(record(i, operation));
    }
    out.push(Buffer.from(JSON.stringify(records), 'utf8'));
  }
  return { blobs: out, records: blobs * perBlob, sendAs };
}

const KEPT = new Set(['SendAs', 'SendOnBehalf', ...PERMISSION_OPERATIONS]);
const utf8 = new TextDecoder();

/** Reads every blob `passes` times through the feed's filter; answers the records kept (checked by the caller). */
export function throughFilter(content: FeedContent, passes: number): number {
  let kept = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    for (const blob of content.blobs) {
      const outcome = filterContent(blob, KEPT);
      if (!outcome.ok) throw new Error(`the bench content is unreadable: ${outcome.message}`);
      kept += outcome.content.kept.length;
    }
  }
  return kept;
}

/** What the filter saves: decoding each blob and JSON.parse of every record, then picking SendAs out. */
export function throughJsonParse(content: FeedContent, passes: number): number {
  let kept = 0;
  for (let pass = 0; pass < passes; pass += 1) {
    for (const blob of content.blobs) {
      const records = JSON.parse(utf8.decode(blob)) as { Operation?: unknown }[];
      for (const r of records) if (typeof r.Operation === 'string' && KEPT.has(r.Operation)) kept += 1;
    }
  }
  return kept;
}
