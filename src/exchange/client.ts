import type { TokenCredential } from '@azure/identity';
import type { RetryPolicy } from '../audit/graph/retry';
import { backoffDelay } from '../audit/graph/retry';
import { parseRetryAfter } from '../runtime/http';
import { graphErrorText } from '../audit/graph/wire';
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

/** Exchange reports an unknown Identity as ManagementObjectNotFoundException ("couldn't be found"). */
function isNotFound(status: number, text: string): boolean {
  return status === 404 || /ManagementObjectNotFound|couldn't be found|could not be found/i.test(text);
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
  private readonly fetchImpl: (url: string, init: RequestInit) => Promise<Response>;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ExchangeAdminOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_EXCHANGE_ADMIN_BASE_URL).replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
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
    const url = `${this.baseUrl}/adminapi/v2.0/${encodeURIComponent(this.options.tenant)}/${endpoint}?$select=${select.join(',')}`;
    const body = JSON.stringify({ CmdletInput: parameters === null ? { CmdletName: cmdlet } : { CmdletName: cmdlet, Parameters: parameters } });
    let last: ExchangeAdminResult<unknown> = fail('network', `could not ${purpose}`);
    for (let attempt = 1; attempt <= RETRY.maxAttempts; attempt += 1) {
      let token: string;
      try {
        const got = await this.options.credential.getToken(EXCHANGE_SCOPE);
        if (got === null) return fail('unauthorized', `the credential returned no token for ${EXCHANGE_SCOPE}`);
        token = got.token;
      } catch (error) {
        return fail('unauthorized', `could not get an Exchange Online token (${EXCHANGE_SCOPE}): ${(error as Error).message}`);
      }
      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json', 'X-AnchorMailbox': anchor },
          body,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        text = await response.text();
      } catch (error) {
        last = fail('network', `could not reach the Exchange Online Admin API to ${purpose}: ${(error as Error).message}`);
        await this.backoff(attempt, null);
        continue;
      }
      const status = response.status;
      if (status >= 200 && status < 300) {
        try {
          return { ok: true, value: JSON.parse(text) as unknown };
        } catch {
          return fail('malformed-response', `the Exchange Online Admin API answered unreadable JSON when asked to ${purpose}`);
        }
      }
      const says = graphErrorText(text);
      if (status === 403) {
        return fail('forbidden', `the Exchange Online Admin API refused to ${purpose} (403): the app needs the Office 365 Exchange Online application permission ${EXCHANGE_PERMISSION} with admin consent, and an Exchange role (View-Only Configuration, View-Only Recipients). Exchange said: ${says}`);
      }
      if (status === 401) return fail('unauthorized', `the Exchange Online Admin API did not accept the token (401) to ${purpose}: ${says}`);
      if (isNotFound(status, says)) return fail('not-found', says);
      if (status === 429 || status >= 500) {
        last = fail(status === 429 ? 'throttled' : 'server-error', `the Exchange Online Admin API answered ${status} to ${purpose}: ${says}`);
        const wait = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        if (wait !== null && wait > RETRY.maxRetryAfterMs) return last;
        await this.backoff(attempt, wait);
        continue;
      }
      return fail('bad-request', `the Exchange Online Admin API answered ${status} to ${purpose}: ${says}`);
    }
    return last;
  }

  private async backoff(attempt: number, retryAfter: number | null): Promise<void> {
    if (attempt < RETRY.maxAttempts) await this.sleep(retryAfter ?? backoffDelay(attempt, RETRY));
  }
}
