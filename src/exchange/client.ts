import type { TokenCredential } from '@azure/identity';
import type { ApiService, GraphProblemCode } from '../audit/graph/http';
import { GraphHttp } from '../audit/graph/http';
import type { RetryPolicy } from '../audit/graph/retry';
import type { MailboxAuditSettings, OrganizationAuditSettings } from './settings';

/** The Exchange Online resource an app-only token is asked for. */
export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
export const DEFAULT_EXCHANGE_ADMIN_BASE_URL = 'https://outlook.office365.com';
/**
 * The application permission (Office 365 Exchange Online) the Admin API's guide names for app-only
 * calls, named in every 403 message.
 */
export const EXCHANGE_PERMISSION = 'Exchange.ManageAsAppV2';

/**
 * The system mailbox every Exchange Online tenant has: the routing hint for calls about no particular
 * mailbox (OrganizationConfig), `APP:SystemMailbox{…}@tenant`, as Microsoft's Admin API guide gives it.
 */
const SYSTEM_MAILBOX = 'SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';

/** The properties read: the response is cut to them with `$select`. */
const MAILBOX_PROPERTIES = ['PrimarySmtpAddress', 'RecipientTypeDetails', 'AuditEnabled', 'AuditDelegate', 'AuditAdmin', 'DefaultAuditSet', 'MailboxRegion'];
const ORGANIZATION_PROPERTIES = ['AuditDisabled', 'AllowedMailboxRegions'];

const RETRY: RetryPolicy = { maxAttempts: 3, maxForbiddenAttempts: 1, baseDelayMs: 1_000, maxDelayMs: 10_000, maxRetryAfterMs: 30_000 };
const REQUEST_TIMEOUT_MS = 15_000;

export type ExchangeAdminResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'forbidden' | 'unauthorized' | 'not-found' | 'throttled' | 'server-error' | 'network' | 'malformed-response' | 'bad-request'; readonly message: string };

export interface ExchangeAdminOptions {
  readonly credential: Pick<TokenCredential, 'getToken'>;
  /** The tenant id (GUID) or its initial domain: the URL's tenant segment and the routing hint's domain. */
  readonly tenant: string;
  /** https://outlook.office365.com, or a sovereign cloud's host, or a test's fake. */
  readonly baseUrl?: string;
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
  readonly sleep?: (ms: number) => Promise<void>;
}

function fail<T>(code: Exclude<ExchangeAdminResult<T>, { ok: true }>['code'], message: string): ExchangeAdminResult<T> {
  return { ok: false, code, message };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function booleanOrNull(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'True' || value === 'true') return true;
  if (value === 'False' || value === 'false') return false;
  return null;
}

/** A multi-valued property: JSON arrays, or PowerShell's comma-separated text when a proxy flattened it. */
function listOrNull(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return null;
}

/** The first object of a cmdlet's output: `{ value: [ … ] }`, or the object itself. */
function firstObject(json: unknown): Record<string, unknown> | null {
  if (typeof json !== 'object' || json === null) return null;
  const record = json as Record<string, unknown>;
  if (Array.isArray(record.value)) {
    const first: unknown = record.value[0];
    return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : null;
  }
  return Object.keys(record).some((key) => !key.startsWith('@odata')) ? record : null;
}

export function mailboxSettingsOf(object: Record<string, unknown>, asked: string): MailboxAuditSettings {
  return {
    mailbox: (textOrNull(object.PrimarySmtpAddress) ?? asked).toLowerCase(),
    recipientType: textOrNull(object.RecipientTypeDetails),
    auditEnabled: booleanOrNull(object.AuditEnabled),
    delegateActions: listOrNull(object.AuditDelegate),
    adminActions: listOrNull(object.AuditAdmin),
    defaultAuditSet: listOrNull(object.DefaultAuditSet),
    region: textOrNull(object.MailboxRegion),
  };
}

export function organizationSettingsOf(object: Record<string, unknown>): OrganizationAuditSettings {
  const regions = listOrNull(object.AllowedMailboxRegions);
  return { auditDisabled: booleanOrNull(object.AuditDisabled), multiGeo: regions === null ? null : regions.length > 1 };
}

/**
 * The Admin API spoken through the HTTP layer the Graph clients share (fresh token per call, Retry-After,
 * backoff): Exchange reports an unknown Identity as ManagementObjectNotFoundException ("couldn't be found").
 */
const EXCHANGE_SERVICE: ApiService = {
  name: 'the Exchange Online Admin API',
  scope: EXCHANGE_SCOPE,
  forbiddenMessage: (says, purpose) =>
    `the Exchange Online Admin API refused to ${purpose} (403): the app needs the Office 365 Exchange Online application permission ${EXCHANGE_PERMISSION} with admin consent, and an Exchange role (View-Only Configuration, View-Only Recipients). Exchange said: ${says}`,
  notFound: /ManagementObjectNotFound|couldn't be found|could not be found/i,
};

type ExchangeAdminProblemCode = Exclude<ExchangeAdminResult<unknown>, { ok: true }>['code'];
const ADMIN_API_CODES: ReadonlySet<string> = new Set<ExchangeAdminProblemCode>(['forbidden', 'unauthorized', 'not-found', 'throttled', 'server-error', 'network', 'malformed-response', 'bad-request']);

/** The shared layer's problem codes the Admin API can meet, in this client's terms (the query codes cannot arise). */
function codeOf(code: GraphProblemCode): ExchangeAdminProblemCode {
  return ADMIN_API_CODES.has(code) ? (code as ExchangeAdminProblemCode) : 'bad-request';
}

/**
 * The Exchange Online Admin API (preview): `POST {base}/adminapi/v2.0/{tenant}/{Endpoint}` with a
 * `CmdletInput` body, an app-only token for Exchange Online and an `X-AnchorMailbox` routing hint.
 * Reads a mailbox's audit settings (Mailbox: Get-Mailbox) and the organisation's (OrganizationConfig:
 * Get-OrganizationConfig). 429 waits for `Retry-After`, 5xx and network errors back off; every outcome
 * is a value, never a throw.
 */
export class ExchangeAdminClient {
  private readonly baseUrl: string;
  private readonly http: GraphHttp;

  constructor(private readonly options: ExchangeAdminOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_EXCHANGE_ADMIN_BASE_URL).replace(/\/+$/, '');
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.http = new GraphHttp(options.credential, { now: () => new Date(), sleep }, RETRY, REQUEST_TIMEOUT_MS, options.fetch, EXCHANGE_SERVICE);
  }

  /** A mailbox's audit settings; `not-found` when Exchange knows no mailbox by that address. */
  async mailbox(address: string): Promise<ExchangeAdminResult<MailboxAuditSettings>> {
    const result = await this.call('Mailbox', 'Get-Mailbox', { Identity: address }, MAILBOX_PROPERTIES, `UPN:${address}`, `read the audit settings of ${address}`);
    if (!result.ok) return result;
    const object = firstObject(result.value);
    if (object === null) return fail('not-found', `Exchange returned no mailbox for ${address}`);
    return { ok: true, value: mailboxSettingsOf(object, address) };
  }

  async organization(): Promise<ExchangeAdminResult<OrganizationAuditSettings>> {
    const result = await this.call('OrganizationConfig', 'Get-OrganizationConfig', null, ORGANIZATION_PROPERTIES, `APP:${SYSTEM_MAILBOX}@${this.options.tenant}`, 'read the organisation configuration');
    if (!result.ok) return result;
    const object = firstObject(result.value);
    if (object === null) return fail('malformed-response', 'Exchange returned no organisation configuration');
    return { ok: true, value: organizationSettingsOf(object) };
  }

  private async call(endpoint: string, cmdlet: string, parameters: Record<string, unknown> | null, select: readonly string[], anchor: string, purpose: string): Promise<ExchangeAdminResult<unknown>> {
    const outcome = await this.http.send({
      method: 'POST',
      url: `${this.baseUrl}/adminapi/v2.0/${encodeURIComponent(this.options.tenant)}/${endpoint}?$select=${select.join(',')}`,
      body: { CmdletInput: parameters === null ? { CmdletName: cmdlet } : { CmdletName: cmdlet, Parameters: parameters } },
      headers: { 'X-AnchorMailbox': anchor },
      purpose,
      parse: (json) => json,
    });
    return outcome.ok ? outcome : fail(codeOf(outcome.problem.code), outcome.problem.message);
  }
}
