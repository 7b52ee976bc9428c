import type { Operation } from '../event';
import { Random, seedFrom } from './random';

/** Well-known first-party application ids seen on SendAs records. */
export const APP_IDS = {
  exchangeOnline: '00000002-0000-0ff1-ce00-000000000000',
  outlookMobile: '27922004-5251-4030-b22d-91ecd9a37ea4',
  newOutlook: '9199bf20-a13f-4107-85dc-02114787ef48',
  outlookDesktop: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
} as const;

/** ClientInfoString values as Exchange writes them (AUDIT-FACTS.md, "ClientInfoString families"). */
export const CLIENT_STRINGS = {
  owa: 'Client=OWA;Action=ViaProxy',
  owaBrowser:
    'Client=OWA;Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0',
  desktop: 'Client=MSExchangeRPC',
  outlookIos: 'Client=OutlookService;Outlook-iOS/2.0;',
  outlookAndroid: 'Client=OutlookService;Outlook-Android/2.0;',
  newOutlook:
    'Client=OWA;Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0 OneOutlook/1.2026.1014.300',
  emClient: 'Client=WebServices;eM Client/10.1.4588.0',
  powershell: 'Client=Microsoft.Exchange.Powershell; Microsoft WinRM Client',
  restSystem: 'Client=REST;Client=RESTSystem;;',
  rest: 'Client=REST;Client=REST;;',
  connector: 'ConnectorWorkProvider',
  /** A person on EWS whose client calls itself a connector: the agent is theirs to choose (AUDIT-FACTS.md §7). */
  spoofedConnectorAgent: 'Client=WebServices;ConnectorWorkProvider/1.0 (compatible)',
} as const;

/** Domains outside the demo tenant that recipients live at. */
const EXTERNAL_DOMAINS = ['fabrikam.com', 'example.net', 'adatum.example', 'northwind.example'];

export interface SendRecordSpec {
  readonly id: string;
  /** UTC; written without the `Z`, as Exchange does. */
  readonly time: Date;
  readonly operation: Operation;
  readonly actor: string;
  readonly mailbox: string;
  readonly sentAs: string;
  readonly client: string;
  readonly clientIp: string;
  readonly logonType: number;
  readonly userType: number;
  readonly appId: string;
  readonly externalAccess: boolean;
  readonly subject: string;
  readonly organizationId: string;
  /** An app's own token (AppAccessContext, app-only): the name Exchange records for it. */
  readonly appAccess?: { readonly clientAppName: string };
  /**
   * Record recipients (recipientCount / recipientList, newer records): `external` makes at least one
   * outside the tenant, as the owner's misreported sends always are; `mixed` draws either way.
   */
  readonly recipients?: { readonly colleagues: readonly string[]; readonly external: 'always' | 'mixed' };
}

/**
 * Recipients drawn from the record's own seed, so adding them leaves every other draw of the day alone
 * (the same seed keeps giving the same tenant).
 */
function recipientsFor(spec: SendRecordSpec): string[] | null {
  if (spec.recipients === undefined) return null;
  const random = new Random(seedFrom(`recipients:${spec.id}`));
  // Newer records carry recipients; older ones (and this share of the rest) do not.
  if (!random.chance(0.6)) return null;
  const count = random.int(1, 6);
  const out = new Set<string>();
  const external = (): string => `${random.pick(['info', 'sales', 'ap', 'j.doe', 'orders'])}@${random.pick(EXTERNAL_DOMAINS)}`;
  if (spec.recipients.external === 'always') out.add(external());
  while (out.size < count) out.add(random.chance(0.3) || spec.recipients.colleagues.length === 0 ? external() : random.pick(spec.recipients.colleagues));
  return [...out];
}

function sid(random: Random): string {
  return `S-1-5-21-${random.int(1000000000, 4000000000)}-${random.int(1000000000, 4000000000)}-${random.int(1000000000, 4000000000)}-${random.int(1000, 99999)}`;
}

/**
 * A realistic SendAs / SendOnBehalf AuditData object (the classic schema, PascalCase), with the
 * fields and sizes real records carry so parsing costs what it costs in the field.
 */
export function sendAuditData(spec: SendRecordSpec, random: Random): Record<string, unknown> {
  const sentAsField = spec.operation === 'SendAs' ? 'SendAsUserSmtp' : 'SendOnBehalfOfUserSmtp';
  const guidField = spec.operation === 'SendAs' ? 'SendAsUserMailboxGuid' : 'SendOnBehalfOfUserMailboxGuid';
  const messageHost = `${random.pick(['SA1PR12MB', 'DM6PR04MB', 'CY5PR05MB', 'TYCPR01MB'])}${random.int(1000, 9999)}`;
  return {
    CreationTime: spec.time.toISOString().slice(0, 19),
    Id: spec.id,
    Operation: spec.operation,
    OrganizationId: spec.organizationId,
    RecordType: 2,
    ResultStatus: 'Succeeded',
    UserKey: random.hex(16).toUpperCase(),
    UserType: spec.userType,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: spec.clientIp,
    UserId: spec.actor,
    AppId: spec.appId,
    ClientAppId: spec.appId,
    ClientIPAddress: spec.clientIp,
    ClientInfoString: spec.client,
    ClientRequestId: random.guid(),
    ExternalAccess: spec.externalAccess,
    InternalLogonType: 0,
    LogonType: spec.logonType,
    LogonUserSid: sid(random),
    MailboxGuid: random.guid(),
    MailboxOwnerSid: sid(random),
    MailboxOwnerUPN: spec.mailbox,
    OrganizationName: 'contoso.onmicrosoft.com',
    OriginatingServer: `${messageHost} (15.20.${random.int(8000, 9300)}.${random.int(10, 40)})\r\n`,
    SessionId: random.guid(),
    TokenObjectId: random.guid(),
    TokenTenantId: spec.organizationId,
    Item: {
      Id: `LgAAAAAdhAMRqmYRzZvIAKoAL8RaDQC${random.hex(40).toUpperCase()}AAAJ`,
      InternetMessageId: `<${messageHost}${random.hex(12).toUpperCase()}@${messageHost}.namprd12.prod.outlook.com>`,
      ParentFolder: { Id: `LgAAAAAdhAMRqmYRzZvIAKoAL8RaAQC${random.hex(24).toUpperCase()}AAAB`, Path: '\\Drafts' },
      SizeInBytes: random.int(2500, 90000),
      Subject: spec.subject,
    },
    [guidField]: random.guid(),
    [sentAsField]: spec.sentAs,
    ...extraFields(spec),
  };
}

/** The newer fields some records carry, drawn without touching the day's random sequence. */
function extraFields(spec: SendRecordSpec): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (spec.appAccess !== undefined) {
    extra.AppAccessContext = { ClientAppId: spec.appId, ClientAppName: spec.appAccess.clientAppName, UniqueTokenId: `${spec.id.replace(/-/g, '').slice(0, 22)}` };
  }
  const recipients = recipientsFor(spec);
  if (recipients !== null) {
    extra.recipientCount = recipients.length;
    extra.recipientList = recipients;
  }
  return extra;
}
