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
  /** UserId as Exchange wrote it (`Alex Wilber`, `Not Available`), when that differs from `actor`: what cards quote. */
  readonly actorAsWritten?: string;
  /** Who held the token (newer records): the app, its token and session. Null when the record names none. */
  readonly access?: AppAccess | null;
  /** recipientCount / recipientList (newer records); null when the record has neither. */
  readonly recipients?: Recipients | null;
  /**
   * The AuditData as received, unknown fields included, as JSON text: kept as text because only the
   * store reads it, and re-serialising a million parsed records costs more than parsing them.
   */
  readonly rawJson: string;
}

/**
 * The token behind a send, from the newer AuditData fields (AUDIT-FACTS.md section 7, "Newer AuditData
 * fields"): `AppAccessContext` {ClientAppId, ClientAppName, UniqueTokenId, AADSessionId, …}, `ClientAppId`,
 * `TokenObjectId`, `SessionId`.
 */
export interface AppAccess {
  /** AppAccessContext.ClientAppId, else ClientAppId: the app the token was issued to. */
  readonly clientAppId: string | null;
  /** AppAccessContext.ClientAppName, when Exchange recorded one. */
  readonly clientAppName: string | null;
  readonly uniqueTokenId: string | null;
  /** Whether the record carries an AppAccessContext at all. */
  readonly hasAppAccessContext: boolean;
  /**
   * Whether the AppAccessContext names a user's sign-in session (AADSessionId): app-only tokens have none.
   * Null without an AppAccessContext.
   */
  readonly userToken: boolean | null;
  /** TokenObjectId: the Entra object the token was issued for (a user's or a service principal's). */
  readonly tokenObjectId: string | null;
  readonly sessionId: string | null;
}

/** Recipients of the message, where the record has them; addresses as Exchange wrote them, the list capped. */
export interface Recipients {
  /** recipientCount as recorded (may exceed the list's length); null when only the list was recorded. */
  readonly count: number | null;
  readonly list: readonly string[];
}

/** Exchange records up to 1,000 recipients; a hostile file is not let past that. */
export const MAX_RECIPIENTS = 1000;

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
