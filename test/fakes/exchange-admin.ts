import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';

/**
 * A fake Exchange Online Admin API (preview) over real HTTP: `POST /adminapi/v2.0/{tenant}/Mailbox`
 * (Get-Mailbox) and `/OrganizationConfig` (Get-OrganizationConfig), each with a `CmdletInput` body, a
 * bearer token and an `X-AnchorMailbox` routing hint, answering in the shapes Microsoft's Admin API
 * reference gives: `{ "@odata.context", "value": [ … ] }`, `$select` honoured, errors as
 * `{ "error": { "code", "message" } }`. Tokens come from the fake Entra of test/fakes/graph.ts:
 * `acceptToken` says which it issued for Exchange Online.
 */

/** Exchange Online's default delegate actions (Audit Standard). */
export const DEFAULT_AUDIT_DELEGATE = ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'SendAs', 'SendOnBehalf', 'Create', 'UpdateFolderPermissions', 'UpdateInboxRules', 'ApplyRecord'];

/** A Get-Mailbox object as the preview returns it (its full output), on Microsoft's defaults unless overridden. */
export function exoMailbox(address: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const alias = address.split('@')[0];
  return {
    Identity: alias,
    Name: alias,
    DisplayName: alias,
    Guid: randomUUID(),
    ExternalDirectoryObjectId: randomUUID(),
    PrimarySmtpAddress: address,
    UserPrincipalName: address,
    RecipientTypeDetails: 'SharedMailbox',
    GrantSendOnBehalfTo: [],
    AuditEnabled: true,
    AuditLogAgeLimit: '90.00:00:00',
    AuditAdmin: [...DEFAULT_AUDIT_DELEGATE, 'UpdateCalendarDelegation'],
    AuditDelegate: DEFAULT_AUDIT_DELEGATE,
    AuditOwner: ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'UpdateFolderPermissions', 'UpdateInboxRules', 'UpdateCalendarDelegation', 'ApplyRecord'],
    DefaultAuditSet: ['Admin', 'Delegate', 'Owner'],
    MailboxRegion: null,
    ...overrides,
  };
}

export interface FakeExchangeAdminOptions {
  /** The tenant segment the URLs must name (tenant id). */
  readonly tenant: string;
  readonly mailboxes: readonly Record<string, unknown>[];
  readonly organization?: Record<string, unknown>;
  /** Whether a bearer token was issued for Exchange Online (by the fake Entra). */
  readonly acceptToken: (token: string) => boolean;
}

export interface FakeExchangeAdminFaults {
  /** 403 on every call: the app lacks Exchange.ManageAsAppV2 or an Exchange role. */
  forbidden: boolean;
  /** The next `times` calls answer 429 with this Retry-After. */
  throttle: { times: number; retryAfter: string | null };
  /** The next `times` calls answer this 5xx. */
  serverError: { times: number; status: number };
}

export interface FakeExchangeAdminRequest {
  readonly endpoint: string;
  readonly tenant: string;
  readonly select: string | null;
  readonly anchor: string | null;
  readonly authorization: string | null;
  readonly body: unknown;
  readonly status: number;
}

export interface FakeExchangeAdmin {
  /** http://127.0.0.1:PORT: the base URL the client is given (it appends /adminapi/v2.0/…). */
  readonly baseUrl: string;
  readonly requests: FakeExchangeAdminRequest[];
  readonly faults: FakeExchangeAdminFaults;
  close(): Promise<void>;
}

const CMDLETS: Readonly<Record<string, string>> = { Mailbox: 'Get-Mailbox', OrganizationConfig: 'Get-OrganizationConfig' };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal', 'request-id': randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}

function exchangeError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message, details: [{ code, message }], innererror: { 'request-id': randomUUID() } } };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `$select=A,B`: only those properties (and OData annotations) are returned. */
function selected(object: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (select === null) return object;
  const wanted = new Set(select.split(',').map((p) => p.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(object).filter(([key]) => key.startsWith('@odata') || wanted.has(key.toLowerCase())));
}

export async function startFakeExchangeAdmin(options: FakeExchangeAdminOptions): Promise<FakeExchangeAdmin> {
  const requests: FakeExchangeAdminRequest[] = [];
  const faults: FakeExchangeAdminFaults = { forbidden: false, throttle: { times: 0, retryAfter: null }, serverError: { times: 0, status: 503 } };
  const organization = options.organization ?? { Name: 'contoso', Identity: 'contoso.onmicrosoft.com', Guid: randomUUID(), AuditDisabled: false, MailTipsAllTipsEnabled: true };
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const match = /^\/adminapi\/v2\.0\/([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const text = await readBody(req);
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = text;
    }
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : null;
    const anchor = typeof req.headers['x-anchormailbox'] === 'string' ? req.headers['x-anchormailbox'] : null;
    const record = (status: number): void => {
      requests.push({ endpoint: match?.[2] ?? url.pathname, tenant: decodeURIComponent(match?.[1] ?? ''), select: url.searchParams.get('$select'), anchor, authorization, body, status });
    };
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record(status);
      sendJson(res, status, payload, headers);
    };

    if (req.method !== 'POST' || match === null || !(match[2] in CMDLETS)) return reply(404, exchangeError('NotFound', `No endpoint ${req.method ?? ''} ${url.pathname}.`));
    const [, tenant, endpoint] = match;
    if (authorization === null || !authorization.startsWith('Bearer ')) return reply(401, exchangeError('InvalidAuthenticationToken', 'Access token is empty.'));
    if (!options.acceptToken(authorization.slice('Bearer '.length))) return reply(401, exchangeError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'));
    if (decodeURIComponent(tenant) !== options.tenant) return reply(401, exchangeError('InvalidTenant', `The tenant ${decodeURIComponent(tenant)} does not match the token.`));
    if (faults.forbidden) return reply(403, exchangeError('Forbidden', "The user or application doesn't have the required RBAC role or the Exchange.ManageAsAppV2 permission."));
    if (faults.throttle.times > 0) {
      faults.throttle.times -= 1;
      return reply(429, exchangeError('TooManyRequests', 'Too many requests.'), faults.throttle.retryAfter === null ? {} : { 'retry-after': faults.throttle.retryAfter });
    }
    if (faults.serverError.times > 0) {
      faults.serverError.times -= 1;
      return reply(faults.serverError.status, exchangeError('ServiceUnavailable', 'The service is temporarily unavailable.'));
    }
    if (anchor === null || !/^(UPN|APP):\S+$/.test(anchor)) return reply(400, exchangeError('BadRequest', 'The X-AnchorMailbox header is missing or not a routing hint.'));
    const input = (body as { CmdletInput?: { CmdletName?: unknown; Parameters?: Record<string, unknown> } } | null)?.CmdletInput;
    if (input?.CmdletName !== CMDLETS[endpoint]) {
      return reply(400, exchangeError('BadRequest', `The cmdlet '${String(input?.CmdletName)}' isn't supported on the ${endpoint} endpoint.`));
    }
    const select = url.searchParams.get('$select');
    const context = `${origin}/adminapi/v2.0/${tenant}/$metadata#${endpoint}`;
    if (endpoint === 'OrganizationConfig') {
      if (input.Parameters !== undefined && Object.keys(input.Parameters).length > 0) return reply(400, exchangeError('BadRequest', 'Get-OrganizationConfig takes no parameters here.'));
      // One object, not a collection: no pagination for the organisation.
      return reply(200, { '@odata.context': context, ...selected(organization, select) });
    }
    const identity = typeof input.Parameters?.Identity === 'string' ? input.Parameters.Identity : undefined;
    if (identity === undefined) return reply(200, { '@odata.context': context, value: options.mailboxes.map((m) => selected(m, select)) });
    const found = options.mailboxes.find((m) => String(m.PrimarySmtpAddress).toLowerCase() === identity.toLowerCase());
    if (found === undefined) {
      return reply(
        404,
        exchangeError('ManagementObjectNotFoundException', `The operation couldn't be performed because object '${identity}' couldn't be found on 'EURP123A001DC01.EURP123A001.PROD.OUTLOOK.COM'.`),
      );
    }
    return reply(200, { '@odata.context': context, value: [selected(found, select)] });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendJson(res, 500, exchangeError('InternalServerError', (error as Error).message)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake Exchange Admin API did not get a port');
  origin = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl: origin,
    requests,
    faults,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error)))),
  };
}
