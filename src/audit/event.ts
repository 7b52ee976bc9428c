/** The two audit operations SendAs Watch reads; `SendOnBehalfOf` is a common mistake and does not exist. */
export const OPERATIONS = ['SendAs', 'SendOnBehalf'] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * One normalized SendAs / SendOnBehalf audit record, whatever the input shape.
 * Addresses are lower-cased so they compare case-insensitively.
 */
export interface AuditEvent {
  /** The audit record Id (a GUID): the dedupe key. */
  readonly id: string;
  /** CreationTime as ISO 8601 UTC with milliseconds (`2022-05-16T11:03:47.000Z`). */
  readonly time: string;
  readonly operation: Operation;
  /** UserId: usually a UPN, sometimes a SID (`s-1-5-18`), a GUID or `serviceprincipal_<guid>`. */
  readonly actor: string;
  /** MailboxOwnerUPN: the mailbox the message was submitted from. */
  readonly mailbox: string | null;
  /** SendAsUserSmtp or SendOnBehalfOfUserSmtp: the identity the message went out as. */
  readonly sentAs: string | null;
  /** ClientInfoString, as recorded. */
  readonly client: string | null;
  readonly appId: string | null;
  /** Client IP without port, brackets or `::ffff:` prefix. */
  readonly clientIp: string | null;
  /** 0 owner, 1 admin, 2 delegate, 3 transport, 4 system service, 6 delegated admin. */
  readonly logonType: number | null;
  /** 0 regular, 2 admin, 4 system, 5 application, 6 service principal, 10 guest, ... */
  readonly userType: number | null;
  readonly externalAccess: boolean | null;
  /** Sensitive: never logged at info level. */
  readonly subject: string | null;
  /** Sensitive: joins to message trace. */
  readonly internetMessageId: string | null;
  /**
   * The AuditData as received, unknown fields included, as JSON text: kept as text because only the
   * store reads it, and re-serialising a million parsed records costs more than parsing them.
   */
  readonly rawJson: string;
}

export function isOperation(value: string): value is Operation {
  return value === 'SendAs' || value === 'SendOnBehalf';
}

/** Exchange's LogonType values, for reasons and cards. */
export const LOGON_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Owner',
  1: 'Admin',
  2: 'Delegate',
  3: 'Transport',
  4: 'SystemService',
  6: 'DelegatedAdmin',
};

/** The unified audit log's UserType values; Graph sends the names, classic data the numbers. */
export const USER_TYPE_NAMES: readonly string[] = [
  'Regular',
  'Reserved',
  'Admin',
  'DcAdmin',
  'System',
  'Application',
  'ServicePrincipal',
  'CustomPolicy',
  'SystemPolicy',
  'PartnerTechnician',
  'Guest',
];
