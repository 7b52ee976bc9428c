import { Random, seedFrom } from './random';
import { APP_IDS, CLIENT_STRINGS, sendAuditData } from './records';
import type { DemoTenant } from './tenant';
import { DEMO_ORGANIZATION_ID } from './tenant';

/**
 * Permission grants and removals for the demo tenant (issue 19), with ground truth: the inventory
 * an admin would export on the first day of the history (every delegation the tenant's sends rely on,
 * so they all have a known right, plus rights nobody uses), Exchange admin audit records of grants and
 * removals during the history, and a few sends of their own: a grant used at once and removed the same
 * day, and sends by someone with no known right. The wiring adds it to the demo tenant beside
 * generateDemoTenant; with that generator's planted anomalies on, its new-delegate and external-actor
 * sends also have no known right (nothing granted them one).
 */

export type RightsScenario =
  | 'dormant-grant'
  | 'dormant-inventory'
  | 'removed'
  | 'used-at-once-and-removed'
  | 'external-grant'
  | 'watched-grant'
  | 'failed-grant'
  | 'send-without-right';

export interface DemoRightsRecord {
  readonly auditData: Record<string, unknown>;
  readonly truth: { readonly id: string; readonly scenario: RightsScenario };
}

export interface DemoRightsOptions {
  /** The end of the history (exclusive), as for generateDemoTenant; the generator never reads the clock. */
  readonly end: Date;
  /** Days of history (at least 45, so rights granted early are dormant by the end). */
  readonly days?: number;
  readonly seed?: number | string;
}

export interface DemoRights {
  /** ExchangeAdmin AuditData records (RecordType 1), oldest first. */
  readonly adminRecords: readonly DemoRightsRecord[];
  /** SendAs AuditData records planted beside the tenant's own sends, oldest first. */
  readonly sendRecords: readonly DemoRightsRecord[];
  /** The exports an admin makes on the history's first day, as Export-Csv writes them. */
  readonly inventory: {
    readonly takenAt: string;
    readonly recipientPermissionsCsv: string;
    readonly mailboxPermissionsCsv: string;
    readonly mailboxesCsv: string;
  };
  /** What the questions and detectors must find. */
  readonly truth: {
    /** `mailbox|trustee|right` of every right dormant at the end (held over 30 days, unused). */
    readonly dormant: readonly string[];
    /** Ids of the planted sends made without any known right. */
    readonly sendsWithoutRight: readonly string[];
    /** The admin who grants for the first time, near the end. */
    readonly newGranter: string;
    readonly guest: string;
    readonly watchedMailbox: string;
    readonly cleanupTrustee: string;
  };
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ADMIN = 'it.admin@contoso.com';
const NEW_ADMIN = 'helpdesk.lead@contoso.com';
const GUEST = 'consultant_fabrikam.com#EXT#@contoso.onmicrosoft.com';
/** Exchange Online PowerShell's app id, as admin records carry it. */
const EXO_POWERSHELL_APP = 'fb78d390-0c51-40cd-8e17-fdbfab77341b';

interface AdminSpec {
  readonly time: number;
  readonly operation: string;
  readonly parameters: readonly { readonly Name: string; readonly Value: string }[];
  readonly objectId: string;
  readonly userId: string;
  readonly succeeded?: boolean;
}

/** An ExchangeAdmin AuditData object with the fields real records carry. */
function adminAuditData(id: string, spec: AdminSpec, random: Random): Record<string, unknown> {
  return {
    CreationTime: new Date(spec.time).toISOString().slice(0, 19),
    Id: id,
    Operation: spec.operation,
    OrganizationId: DEMO_ORGANIZATION_ID,
    RecordType: 1,
    ResultStatus: spec.succeeded === false ? 'False' : 'True',
    UserKey: random.hex(16).toUpperCase(),
    UserType: 2,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: `192.0.2.${random.int(2, 250)}:${random.int(49152, 65535)}`,
    ObjectId: spec.objectId,
    UserId: spec.userId,
    AppId: EXO_POWERSHELL_APP,
    ClientAppId: '',
    ExternalAccess: false,
    OrganizationName: 'contoso.onmicrosoft.com',
    OriginatingServer: `TYCPR01MB${random.int(1000, 9999)} (15.20.${random.int(8000, 9300)}.${random.int(10, 40)})`,
    Parameters: [...spec.parameters],
    SessionId: random.guid(),
  };
}

function csv(header: readonly string[], rows: readonly (readonly string[])[], typeLine?: string): string {
  const line = (cells: readonly string[]): string => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
  return [...(typeLine === undefined ? [] : [typeLine]), line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

function aliasOf(address: string): string {
  return address.slice(0, address.indexOf('@'));
}

/** The demo tenant's rights history; the same tenant, options and seed give the same records. */
export function generateDemoRights(tenant: DemoTenant, options: DemoRightsOptions): DemoRights {
  const days = Math.max(45, options.days ?? 60);
  const random = new Random(seedFrom(`${String(options.seed ?? 42)}:rights`));
  const end = options.end.getTime();
  const start = end - days * DAY;
  const at = (dayOffset: number, hour: number): number => Math.floor(start / DAY) * DAY + dayOffset * DAY + hour * HOUR;
  const admin: { spec: AdminSpec; scenario: RightsScenario }[] = [];
  const sends: DemoRightsRecord[] = [];
  const dormant: string[] = [];
  const withoutRight: string[] = [];

  const delegatesOf = (mailbox: string): Set<string> => new Set(tenant.delegations.filter((d) => d.mailbox === mailbox).map((d) => d.actor));
  const outsider = (mailbox: string, taken: Set<string>): string => {
    const delegates = delegatesOf(mailbox);
    const candidates = tenant.users.filter((u) => !delegates.has(u) && !taken.has(u) && u !== mailbox);
    const chosen = random.pick(candidates);
    taken.add(chosen);
    return chosen;
  };
  const taken = new Set<string>();

  // The inventory on day one: every delegation the sends rely on, and Full Access nobody uses.
  const recipientRows: string[][] = [];
  const mailboxPermissionRows: string[][] = [];
  for (const mailbox of tenant.sharedMailboxes) {
    recipientRows.push([aliasOf(mailbox), 'NT AUTHORITY\\SELF', 'Allow', 'SendAs', 'False', 'None']);
    mailboxPermissionRows.push([aliasOf(mailbox), 'NT AUTHORITY\\SELF', 'FullAccess, ReadPermission', 'False', 'False', 'All']);
  }
  for (const d of tenant.delegations) {
    if (d.operation === 'SendAs') {
      recipientRows.push([aliasOf(d.mailbox), d.actor, 'Allow', 'SendAs', 'False', 'None']);
      // Delegates who open the shared mailbox to send from it have Full Access too.
      if (d.direct) mailboxPermissionRows.push([aliasOf(d.mailbox), d.actor, 'FullAccess', 'False', 'False', 'All']);
    }
  }
  const unusedFullAccess = tenant.sharedMailboxes.slice(0, 2).map((mailbox) => ({ mailbox, trustee: outsider(mailbox, taken) }));
  for (const { mailbox, trustee } of unusedFullAccess) {
    mailboxPermissionRows.push([aliasOf(mailbox), trustee, 'FullAccess', 'False', 'False', 'All']);
    dormant.push(`${mailbox}|${trustee}|FullAccess`);
  }
  mailboxPermissionRows.push([aliasOf(tenant.sharedMailboxes[0]), 'NAMPR01A001\\Organization Management', 'FullAccess', 'True', 'False', 'All']);
  const onBehalf = new Map<string, string[]>();
  for (const d of tenant.delegations) if (d.operation === 'SendOnBehalf') onBehalf.set(d.mailbox, [...(onBehalf.get(d.mailbox) ?? []), d.actor]);
  const mailboxRows = [...tenant.users, ...tenant.sharedMailboxes].map((address) => [address, aliasOf(address), address, (onBehalf.get(address) ?? []).join(';')]);

  // Rights granted early in the history and never used: dormant by the end.
  const dormantGrants = tenant.sharedMailboxes.slice(0, 3).map((mailbox) => ({ mailbox, trustee: outsider(mailbox, taken) }));
  dormantGrants.forEach(({ mailbox, trustee }, i) => {
    admin.push({
      scenario: 'dormant-grant',
      spec: { time: at(2 + i, 9), operation: 'Add-RecipientPermission', objectId: aliasOf(mailbox), userId: ADMIN, parameters: [{ Name: 'Identity', Value: mailbox }, { Name: 'Trustee', Value: trustee }, { Name: 'AccessRights', Value: 'SendAs' }, { Name: 'Confirm', Value: 'False' }] },
    });
  });
  dormant.push(...dormantGrants.slice(0, 2).map(({ mailbox, trustee }) => `${mailbox}|${trustee}|SendAs`));
  // The third is removed mid-history: no longer held, so not dormant.
  const removedGrant = dormantGrants[2];
  admin.push({
    scenario: 'removed',
    spec: { time: at(Math.floor(days / 2), 14), operation: 'Remove-RecipientPermission', objectId: aliasOf(removedGrant.mailbox), userId: ADMIN, parameters: [{ Name: 'Identity', Value: removedGrant.mailbox }, { Name: 'Trustee', Value: removedGrant.trustee }, { Name: 'AccessRights', Value: 'SendAs' }, { Name: 'Confirm', Value: 'False' }] },
  });
  // A failed attempt grants nothing.
  admin.push({
    scenario: 'failed-grant',
    spec: { time: at(5, 10), operation: 'Add-MailboxPermission', succeeded: false, objectId: aliasOf(tenant.sharedMailboxes[1]), userId: ADMIN, parameters: [{ Name: 'Identity', Value: tenant.sharedMailboxes[1] }, { Name: 'User', Value: 'nobody@contoso.com' }, { Name: 'AccessRights', Value: 'FullAccess' }] },
  });

  const sendRecord = (scenario: RightsScenario, time: number, actor: string, mailbox: string): string => {
    const id = random.guid();
    sends.push({
      truth: { id, scenario },
      auditData: sendAuditData(
        { id, organizationId: DEMO_ORGANIZATION_ID, time: new Date(time), operation: 'SendAs', actor, mailbox: actor, sentAs: mailbox, client: CLIENT_STRINGS.owaBrowser, clientIp: `198.51.100.${random.int(2, 250)}`, logonType: 2, userType: 0, appId: APP_IDS.exchangeOnline, externalAccess: false, subject: 'Invoice update' },
        random,
      ),
    });
    return id;
  };

  // Three days before the end: granted at 10:00, used at 10:20 and 10:45, removed at 15:30.
  const target = tenant.sharedMailboxes[tenant.sharedMailboxes.length - 1];
  const intruder = outsider(target, taken);
  admin.push({
    scenario: 'used-at-once-and-removed',
    spec: { time: at(days - 3, 10), operation: 'Add-RecipientPermission', objectId: aliasOf(target), userId: ADMIN, parameters: [{ Name: 'Identity', Value: target }, { Name: 'Trustee', Value: intruder }, { Name: 'AccessRights', Value: 'SendAs' }] },
  });
  sendRecord('used-at-once-and-removed', at(days - 3, 10) + 20 * 60_000, intruder, target);
  sendRecord('used-at-once-and-removed', at(days - 3, 10) + 45 * 60_000, intruder, target);
  admin.push({
    scenario: 'used-at-once-and-removed',
    spec: { time: at(days - 3, 15.5), operation: 'Remove-RecipientPermission', objectId: aliasOf(target), userId: ADMIN, parameters: [{ Name: 'Identity', Value: target }, { Name: 'Trustee', Value: intruder }, { Name: 'AccessRights', Value: 'SendAs' }, { Name: 'Confirm', Value: 'False' }] },
  });

  // Sends as a shared mailbox by someone nothing granted a right to (a group membership, perhaps).
  const unexplainedMailbox = tenant.sharedMailboxes[1];
  const unexplained = outsider(unexplainedMailbox, taken);
  for (const hour of [9, 11, 16]) withoutRight.push(sendRecord('send-without-right', at(days - 4, hour), unexplained, unexplainedMailbox));

  // Two days before the end: a first-time granter gives Send As to a guest, and Send on Behalf on an executive's mailbox.
  const exec = tenant.users[0];
  admin.push({
    scenario: 'external-grant',
    spec: { time: at(days - 2, 11), operation: 'Add-RecipientPermission', objectId: aliasOf(tenant.sharedMailboxes[0]), userId: NEW_ADMIN, parameters: [{ Name: 'Identity', Value: tenant.sharedMailboxes[0] }, { Name: 'Trustee', Value: GUEST }, { Name: 'AccessRights', Value: 'SendAs' }] },
  });
  const newAssistant = outsider(exec, taken);
  admin.push({
    scenario: 'watched-grant',
    spec: { time: at(days - 2, 13), operation: 'Set-Mailbox', objectId: aliasOf(exec), userId: ADMIN, parameters: [{ Name: 'Identity', Value: exec }, { Name: 'GrantSendOnBehalfTo', Value: `@{Add="${newAssistant}"}` }] },
  });

  const adminRecords = admin
    .sort((a, b) => a.spec.time - b.spec.time)
    .map(({ spec, scenario }) => {
      const id = random.guid();
      return { auditData: adminAuditData(id, spec, random), truth: { id, scenario } };
    });
  const takenAt = new Date(start).toISOString();
  return {
    adminRecords,
    sendRecords: sends.sort((a, b) => String(a.auditData.CreationTime).localeCompare(String(b.auditData.CreationTime))),
    inventory: {
      takenAt,
      recipientPermissionsCsv: csv(['Identity', 'Trustee', 'AccessControlType', 'AccessRights', 'IsInherited', 'InheritanceType'], recipientRows, '#TYPE Deserialized.Microsoft.Exchange.Management.RestApiClient.RecipientPermission'),
      mailboxPermissionsCsv: csv(['Identity', 'User', 'AccessRights', 'IsInherited', 'Deny', 'InheritanceType'], mailboxPermissionRows),
      mailboxesCsv: csv(['PrimarySmtpAddress', 'Alias', 'UserPrincipalName', 'GrantSendOnBehalfTo'], mailboxRows),
    },
    truth: { dormant: dormant.sort(), sendsWithoutRight: withoutRight, newGranter: NEW_ADMIN, guest: GUEST.toLowerCase(), watchedMailbox: exec, cleanupTrustee: intruder },
  };
}
