import { createHash, createPublicKey, constants as cryptoConstants, randomUUID, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { FakeDirectory } from './graph-directory';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { USER_TYPE_NAMES } from '../../src/audit/event';

/**
 * A local Microsoft Graph for the audit log query API, speaking the real wire format over real HTTP:
 * `POST/GET /{v1.0|beta}/security/auditLog/queries[/{id}[/records]]` with status progression,
 * `auditLogRecord` pages built from AuditData and `@odata.nextLink` paging, plus the Entra endpoints
 * @azure/identity calls (OpenID metadata and the v2.0 token endpoint over HTTPS with a self-signed
 * certificate; the App Service managed-identity endpoint over HTTP). Switches in `faults` inject what
 * the real service does on bad days.
 */

export interface FakeAuditRecord {
  readonly auditData: Readonly<Record<string, unknown>>;
  /** When the record becomes searchable (Exchange events arrive late); always, when absent. */
  readonly searchableAt?: string;
}

export interface FakeGraphOptions {
  readonly records: readonly FakeAuditRecord[];
  /** The fake's clock: query creation time decides which late records are searchable yet. */
  readonly now: () => Date;
  /** Largest page served; a smaller `$top` is honoured. */
  readonly maxPageSize?: number;
  /** Status polls answered `notStarted` (after the create) and then `running`, before the final status. */
  readonly pollsNotStarted?: number;
  readonly pollsRunning?: number;
  /** A query matching more records returns only this many: flagged by isRecordCountLimitExceeded on v1.0, unflagged on beta. */
  readonly recordCountLimit?: number;
  /** Queries per page of `GET .../queries` (the list of every query in the tenant). */
  readonly listPageSize?: number;
  /** Queries other apps of the tenant created before the test: they fill the list the client searches. */
  readonly otherAppsQueries?: number;
  /** Starts the HTTPS Entra endpoints for @azure/identity. */
  readonly identity?: FakeIdentityOptions;
  /** Serves the directory routes (service principals, groups) from this fake directory. */
  readonly directory?: FakeDirectory;
}

export interface FakeIdentityOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** PEM of the app's certificate: client assertions must be signed by its key. */
  readonly clientCertificatePem?: string;
  /** X-IDENTITY-HEADER the App Service managed-identity endpoint expects. */
  readonly managedIdentityHeader?: string;
  /** Short lifetimes make MSAL renew the token on every call (it renews 5 minutes before expiry). */
  readonly tokenLifetimeSeconds?: number;
  /** Resources tokens are issued for (`<resource>/.default` scopes); Graph only by default. */
  readonly resources?: readonly string[];
}

/** A fault fires on matching requests while `times` is above zero. `page` is 0-based; null = any page. */
export interface FakeGraphFaults {
  createThrottle: { times: number; retryAfter: string | null };
  pageThrottle: { times: number; retryAfter: string | null; page: number | null };
  /** 5xx on a page (of the query for exactly `window`, when given). */
  pageError: { times: number; status: number; page: number | null; window?: { from: string; to: string } };
  malformedPage: { times: number; page: number | null };
  /** A page holding one of these records is always malformed, as some real records break paging. */
  poisonRecordIds: Set<string>;
  /** These records are served with AuditData the normalizer must refuse. */
  garbledRecordIds: Set<string>;
  /** The next `times` queries end in this status instead of succeeding. */
  queryOutcome: { times: number; status: 'failed' | 'cancelled' };
  /** The next `times` queries (for exactly `window`, when given) need `polls` more status polls before they finish. */
  slowQueries: { times: number; polls: number; window?: { from: string; to: string } };
  /** 403 on every audit route, with Graph's error body or the audit backend's. */
  forbidden: 'graph' | 'audit-backend' | null;
  /**
   * The next `times` creates make the query but the client never learns it: a 5xx after the fact, no
   * answer until the client's timeout, or the connection reset.
   */
  ambiguousCreate: { times: number; failure: { status: number } | 'timeout' | 'reset' };
  /** A 5xx on the next `times` creates before any query is made: from the client's side, as ambiguous as the above. */
  createError: { times: number; status: number };
  /** A 5xx on the next `times` requests for the list of queries. */
  listError: { times: number; status: number };
  /** A passing 403 from the audit backend on `times` status polls or record pages of a created query. */
  transientForbidden: { times: number; route: 'get' | 'records' };
  /** 404 on POST to v1.0 (as some tenants saw in 2025–26); beta works. */
  v1CreateNotFound: boolean;
  /** The next page's `@odata.nextLink` points at another host. */
  foreignNextLink: { times: number };
}

export interface FakeRequest {
  readonly method: string;
  readonly version: string;
  /** Path and query after the version, e.g. `/security/auditLog/queries/q/records?$top=100`. */
  readonly path: string;
  readonly route: 'create' | 'get' | 'records' | 'list' | 'other';
  readonly queryId: string | null;
  readonly authorization: string | null;
  readonly body: unknown;
  /** The status sent; 0 when the fake never answered, -1 when it reset the connection. */
  readonly status: number;
}

export interface FakeTokenRequest {
  readonly kind: 'openid-configuration' | 'token' | 'managed-identity';
  readonly params: Readonly<Record<string, string>>;
  readonly status: number;
  readonly token: string | null;
}

export interface FakeQuery {
  readonly id: string;
  readonly version: string;
  readonly body: Record<string, unknown>;
  readonly from: string;
  readonly to: string;
  readonly recordIds: readonly string[];
  readonly truncated: boolean;
  readonly finalStatus: 'succeeded' | 'failed' | 'cancelled';
  readonly pollsToFinish: number;
  polls: number;
}

export interface FakeGraph {
  /** http://127.0.0.1:PORT/v1.0 */
  readonly baseUrl: string;
  readonly betaUrl: string;
  /** https://127.0.0.1:PORT, when identity is on. */
  readonly authorityHost: string | null;
  /** The self-signed certificate of the HTTPS endpoints, for NODE_EXTRA_CA_CERTS. */
  readonly caCertPath: string | null;
  /** http://127.0.0.1:PORT/msi/token, for IDENTITY_ENDPOINT. */
  readonly managedIdentityEndpoint: string;
  readonly faults: FakeGraphFaults;
  readonly requests: FakeRequest[];
  readonly tokenRequests: FakeTokenRequest[];
  readonly queries: Map<string, FakeQuery>;
  /** A TokenCredential whose every call mints a new token, as a credential renewing each time would. */
  credential(): { getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number }> };
  /** Ids of the records a query for [from, to) would return at `at`: the test's expectation, computed independently of the client. */
  idsIn(from: string, to: string, at?: Date): string[];
  close(): Promise<void>;
}

const RECORD_TYPES = new Set(['exchangeAdmin', 'exchangeItem', 'exchangeItemGroup', 'sharePoint', 'oneDrive', 'azureActiveDirectory', 'microsoftTeams']);
const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** The Office 365 Management Activity API's resource: the same app registration asks for both (test/fakes/management-activity.ts). */
export const MANAGEMENT_RESOURCE = 'https://manage.office.com';

function noFaults(): FakeGraphFaults {
  return {
    createThrottle: { times: 0, retryAfter: null },
    pageThrottle: { times: 0, retryAfter: null, page: null },
    pageError: { times: 0, status: 503, page: null },
    malformedPage: { times: 0, page: null },
    poisonRecordIds: new Set(),
    garbledRecordIds: new Set(),
    queryOutcome: { times: 0, status: 'failed' },
    slowQueries: { times: 0, polls: 0 },
    forbidden: null,
    ambiguousCreate: { times: 0, failure: { status: 504 } },
    transientForbidden: { times: 0, route: 'records' },
    createError: { times: 0, status: 500 },
    listError: { times: 0, status: 503 },
    v1CreateNotFound: false,
    foreignNextLink: { times: 0 },
  };
}

interface IndexedRecord {
  readonly id: string;
  readonly time: number;
  readonly operation: string;
  readonly recordType: unknown;
  readonly searchableAt: number;
  readonly auditData: Readonly<Record<string, unknown>>;
}

/** The record types the fake serves: the create body's camelCase filter, and AuditData's RecordType number or name. */
const RECORD_TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ['exchangeAdmin', 'ExchangeAdmin'],
  ['exchangeItem', 'ExchangeItem'],
]);
const RECORD_TYPE_NUMBERS: ReadonlyMap<unknown, string> = new Map<unknown, string>([
  [1, 'ExchangeAdmin'],
  [2, 'ExchangeItem'],
  ['ExchangeAdmin', 'ExchangeAdmin'],
  ['ExchangeItem', 'ExchangeItem'],
]);

function recordTypeName(recordType: unknown): string | undefined {
  return RECORD_TYPE_NUMBERS.get(recordType);
}

function indexRecords(records: readonly FakeAuditRecord[]): IndexedRecord[] {
  return records
    .map((r) => ({
      id: String(r.auditData.Id),
      time: Date.parse(String(r.auditData.CreationTime).replace(/Z?$/, 'Z')),
      operation: String(r.auditData.Operation),
      recordType: r.auditData.RecordType,
      searchableAt: r.searchableAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(r.searchableAt),
      auditData: r.auditData,
    }))
    .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
}

/**
 * AuditData as Graph serves it: an open type tagged `defaultAuditData`, every whole number preceded by
 * its `#Int64` annotation, CreationTime in UTC with its `Z`.
 */
function graphAuditData(data: Readonly<Record<string, unknown>>, garbled: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.type': '#microsoft.graph.security.defaultAuditData' };
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'number' && Number.isInteger(value)) out[`${key}@odata.type`] = '#Int64';
    out[key] = key === 'CreationTime' && typeof value === 'string' ? value.replace(/Z?$/, 'Z') : value;
  }
  if (garbled) out.CreationTime = 'Record Truncated';
  return out;
}

/** The Graph envelope: identities and IP as field reports say Graph fills them (userId holds the UserKey, clientIp null). */
function toAuditLogRecord(record: IndexedRecord, garbled: boolean): Record<string, unknown> {
  const data = record.auditData;
  const userType = typeof data.UserType === 'number' ? (USER_TYPE_NAMES[data.UserType] ?? 'Regular') : 'Regular';
  return {
    '@odata.type': '#microsoft.graph.security.auditLogRecord',
    id: record.id,
    createdDateTime: new Date(record.time).toISOString().replace('.000Z', 'Z'),
    auditLogRecordType: recordTypeName(record.recordType) ?? 'ExchangeItem',
    operation: record.operation,
    organizationId: data.OrganizationId,
    userType,
    userId: data.UserKey,
    service: 'Exchange',
    objectId: null,
    userPrincipalName: data.UserId,
    clientIp: null,
    administrativeUnits: [''],
    auditData: graphAuditData(data, garbled),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8', 'request-id': randomUUID(), ...headers });
  res.end(text);
}

function graphError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message, innerError: { date: '2026-09-01T10:15:22', 'request-id': randomUUID(), 'client-request-id': randomUUID() } } };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function skipToken(offset: number, top: number): string {
  return Buffer.from(JSON.stringify({ o: offset, t: top })).toString('base64url');
}

function readSkipToken(token: string): { o: number; t: number } | null {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o: unknown; t: unknown };
    return typeof parsed.o === 'number' && typeof parsed.t === 'number' ? { o: parsed.o, t: parsed.t } : null;
  } catch {
    return null;
  }
}

function base64urlJson(part: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Checks a client assertion the way Entra does: signed by the registered certificate's key, thumbprint in the header. */
function assertionSignedBy(assertion: string, certificatePem: string): boolean {
  const [head, payload, signature] = assertion.split('.');
  if (head === undefined || payload === undefined || signature === undefined) return false;
  const header = base64urlJson(head);
  if (header === null) return false;
  const cert = new X509Certificate(certificatePem);
  const der = cert.raw;
  const sha256 = createHash('sha256').update(der).digest('base64url');
  const sha1 = createHash('sha1').update(der).digest('base64url');
  if (header['x5t#S256'] !== sha256 && header.x5t !== sha1) return false;
  const key = createPublicKey(certificatePem);
  const data = Buffer.from(`${head}.${payload}`);
  const sig = Buffer.from(signature, 'base64url');
  if (header.alg === 'PS256') return verify('sha256', data, { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig);
  if (header.alg === 'RS256') return verify('sha256', data, key, sig);
  return false;
}

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  const records = indexRecords(options.records);
  const faults = noFaults();
  const requests: FakeRequest[] = [];
  const tokenRequests: FakeTokenRequest[] = [];
  const queries = new Map<string, FakeQuery>();
  const issued = new Set<string>();
  const maxPageSize = options.maxPageSize ?? 100;
  const pollsNotStarted = options.pollsNotStarted ?? 1;
  const pollsRunning = options.pollsRunning ?? 1;
  const listPageSize = options.listPageSize ?? 10;
  const otherApps: FakeQuery[] = Array.from({ length: options.otherAppsQueries ?? 0 }, (_, i) => ({
    id: randomUUID(),
    version: 'v1.0',
    body: { displayName: `Mailbox audit export ${i + 1}`, recordTypeFilters: ['exchangeAdmin'], operationFilters: [] },
    from: '2026-08-01T00:00:00Z',
    to: '2026-08-02T00:00:00Z',
    recordIds: [],
    truncated: false,
    finalStatus: 'succeeded',
    pollsToFinish: 0,
    polls: 0,
  }));
  let tokenCounter = 0;

  const mint = (): string => {
    tokenCounter += 1;
    const token = `fake-graph-token-${tokenCounter}-${randomUUID()}`;
    issued.add(token);
    return token;
  };

  /**
   * Graph's filter semantics, as Purview's audit search has them: the values of one filter are OR'd, the
   * filters AND'd, and a filter left out (or empty) does not narrow. Operations match without case.
   */
  const matching = (from: number, to: number, at: number, types: readonly unknown[], operations: readonly string[]): IndexedRecord[] => {
    const ops = new Set(operations.map((o) => o.toLowerCase()));
    const wanted = new Set(types.map((t) => RECORD_TYPE_NAMES.get(String(t))).filter((t) => t !== undefined));
    return records.filter(
      (r) =>
        r.time >= from &&
        r.time < to &&
        r.searchableAt <= at &&
        (ops.size === 0 || ops.has(r.operation.toLowerCase())) &&
        (wanted.size === 0 || wanted.has(recordTypeName(r.recordType) ?? '')),
    );
  };

  /** Status after `q.polls` GETs: notStarted when created and for the first polls, then running, then final. */
  const statusOf = (q: FakeQuery): string => (q.polls <= pollsNotStarted ? 'notStarted' : q.polls <= q.pollsToFinish ? 'running' : q.finalStatus);

  const queryResource = (origin: string, q: FakeQuery): Record<string, unknown> => {
    const status = statusOf(q);
    return {
      '@odata.context': `${origin}/${q.version}/$metadata#security/auditLog/queries/$entity`,
      '@odata.type': '#microsoft.graph.security.auditLogQuery',
      id: q.id,
      displayName: q.body.displayName ?? null,
      filterStartDateTime: q.from,
      filterEndDateTime: q.to,
      recordTypeFilters: q.body.recordTypeFilters ?? [],
      keywordFilter: null,
      serviceFilters: [],
      operationFilters: q.body.operationFilters ?? [],
      userPrincipalNameFilters: [],
      ipAddressFilters: [],
      objectIdFilters: [],
      administrativeUnitIdFilters: [],
      status,
      // Beta has none of the three count properties: a capped result there is exactly the limit.
      ...(status === 'succeeded' && q.version === 'v1.0'
        ? { isRecordCountLimitExceeded: q.truncated, approximateReturnedRecordCount: q.recordIds.length, recordCountLimit: options.recordCountLimit ?? 1_000_000 }
        : {}),
    };
  };

  const recordsById = new Map(records.map((r) => [r.id, r]));

  async function handleGraph(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const origin = url.origin;
    if (url.pathname === '/msi/token') return handleManagedIdentity(req, res, url);
    const match = /^\/(v1\.0|beta)(\/security\/auditLog\/queries)(?:\/([^/]+))?(\/records)?\/?$/.exec(url.pathname);
    const text = await readBody(req);
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const version = match?.[1] ?? '';
    const queryId = match?.[3] === undefined ? null : decodeURIComponent(match[3]);
    const route: FakeRequest['route'] =
      match === null ? 'other' : req.method === 'POST' && queryId === null ? 'create' : queryId === null ? 'list' : match[4] === undefined ? 'get' : 'records';
    const log = (status: number): void => {
      requests.push({ method: req.method ?? '', version, path: `${url.pathname.slice(version.length + 1)}${url.search}`, route, queryId, authorization: req.headers.authorization ?? null, body, status });
    };
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      log(status);
      sendJson(res, status, payload, headers);
    };

    const bearer = req.headers.authorization?.startsWith('Bearer ') === true ? req.headers.authorization.slice('Bearer '.length) : null;
    const directoryReply = options.directory?.answer(req.method ?? '', url, bearer !== null && issued.has(bearer));
    if (directoryReply !== undefined && directoryReply !== null) return reply(directoryReply.status, directoryReply.body);
    if (match === null) return reply(404, graphError('UnknownError', 'Resource not found for the segment.'));
    const auth = req.headers.authorization;
    if (auth === undefined || !auth.startsWith('Bearer ')) return reply(401, graphError('InvalidAuthenticationToken', 'Access token is empty.'));
    if (!issued.has(auth.slice('Bearer '.length))) return reply(401, graphError('InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.'));
    if (faults.forbidden === 'graph') return reply(403, graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'));
    if (faults.forbidden === 'audit-backend') return reply(403, { Message: `App:${randomUUID()} dont have any permissions` });
    if (faults.transientForbidden.times > 0 && faults.transientForbidden.route === route) {
      faults.transientForbidden.times -= 1;
      return reply(403, { Message: `User:${randomUUID()} dont have any permissions` });
    }

    switch (route) {
      case 'create': {
        if (version === 'v1.0' && faults.v1CreateNotFound) return reply(404, graphError('UnknownError', ''));
        if (faults.createThrottle.times > 0) {
          faults.createThrottle.times -= 1;
          const headers: Record<string, string> = faults.createThrottle.retryAfter === null ? {} : { 'Retry-After': faults.createThrottle.retryAfter };
          return reply(429, graphError('TooManyRequests', 'Too many requests. Please retry after some time.'), headers);
        }
        if (faults.createError.times > 0) {
          faults.createError.times -= 1;
          return reply(faults.createError.status, graphError('UnknownError', 'An error has occurred.'));
        }
        if (typeof body !== 'object' || body === null) return reply(400, graphError('BadRequest', 'Empty Payload. JSON content expected.'));
        const b = body as Record<string, unknown>;
        const from = Date.parse(String(b.filterStartDateTime));
        const to = Date.parse(String(b.filterEndDateTime));
        if (Number.isNaN(from) || Number.isNaN(to)) return reply(400, graphError('BadRequest', 'Invalid filterStartDateTime or filterEndDateTime.'));
        const types = Array.isArray(b.recordTypeFilters) ? (b.recordTypeFilters as unknown[]) : [];
        const unknownType = types.find((t) => typeof t !== 'string' || !RECORD_TYPES.has(t));
        if (unknownType !== undefined) return reply(400, graphError('BadRequest', `The provided value '${JSON.stringify(unknownType)}' is not valid for auditLogRecordType.`));
        const operations = Array.isArray(b.operationFilters) ? b.operationFilters.map(String) : [];
        let found = matching(from, to, options.now().getTime(), types, operations);
        const limit = options.recordCountLimit ?? Number.POSITIVE_INFINITY;
        const truncated = found.length > limit;
        if (truncated) found = found.slice(0, limit);
        let finalStatus: FakeQuery['finalStatus'] = 'succeeded';
        if (faults.queryOutcome.times > 0) {
          faults.queryOutcome.times -= 1;
          finalStatus = faults.queryOutcome.status;
        }
        let extraPolls = 0;
        const slowWindow = faults.slowQueries.window;
        if (faults.slowQueries.times > 0 && (slowWindow === undefined || (Date.parse(slowWindow.from) === from && Date.parse(slowWindow.to) === to))) {
          faults.slowQueries.times -= 1;
          extraPolls = faults.slowQueries.polls;
        }
        const q: FakeQuery = {
          id: randomUUID(),
          version,
          body: b,
          from: new Date(from).toISOString().replace('.000Z', 'Z'),
          to: new Date(to).toISOString().replace('.000Z', 'Z'),
          recordIds: found.map((r) => r.id),
          truncated,
          finalStatus,
          pollsToFinish: pollsNotStarted + pollsRunning + extraPolls,
          polls: 0,
        };
        queries.set(q.id, q);
        if (faults.ambiguousCreate.times > 0) {
          faults.ambiguousCreate.times -= 1;
          const failure = faults.ambiguousCreate.failure;
          log(failure === 'timeout' ? 0 : failure === 'reset' ? -1 : failure.status);
          // The query exists; the client is left not knowing it.
          if (failure === 'reset') return void req.socket.destroy();
          if (failure === 'timeout') return; // never answered: the client's own timeout ends the request
          return sendJson(res, failure.status, graphError(failure.status === 504 ? 'GatewayTimeout' : 'UnknownError', 'The request timed out.'));
        }
        return reply(201, queryResource(origin, q), { Location: `${origin}/${version}/security/auditLog/queries('${q.id}')` });
      }
      case 'get': {
        const q = queryId === null ? undefined : queries.get(queryId);
        if (q === undefined) return reply(404, graphError('UnknownError', `No query found with id ${String(queryId)}`));
        q.polls += 1;
        return reply(200, queryResource(origin, q));
      }
      case 'records': {
        const q = queryId === null ? undefined : queries.get(queryId);
        if (q === undefined) return reply(404, graphError('UnknownError', `No query found with id ${String(queryId)}`));
        if (statusOf(q) !== 'succeeded') return reply(400, graphError('BadRequest', 'The query has not completed successfully.'));
        const token = url.searchParams.get('$skiptoken');
        const state = token === null ? null : readSkipToken(token);
        if (token !== null && state === null) return reply(400, graphError('BadRequest', 'Invalid skip token.'));
        const topParam = Number(url.searchParams.get('$top') ?? maxPageSize);
        const top = state?.t ?? Math.max(1, Math.min(maxPageSize, Number.isFinite(topParam) ? topParam : maxPageSize));
        const offset = state?.o ?? 0;
        const page = Math.floor(offset / top);
        const hits = (fault: { times: number; page: number | null; window?: { from: string; to: string } }): boolean => {
          if (fault.times <= 0 || (fault.page !== null && fault.page !== page)) return false;
          if (fault.window !== undefined && (Date.parse(fault.window.from) !== Date.parse(q.from) || Date.parse(fault.window.to) !== Date.parse(q.to))) return false;
          fault.times -= 1;
          return true;
        };
        if (hits(faults.pageThrottle)) {
          return reply(429, graphError('TooManyRequests', 'Too many requests.'), faults.pageThrottle.retryAfter === null ? {} : { 'Retry-After': faults.pageThrottle.retryAfter });
        }
        if (hits(faults.pageError)) return reply(faults.pageError.status, graphError(faults.pageError.status === 500 ? 'InternalServerError' : 'ServiceUnavailable', 'The service is temporarily unavailable.'));
        const ids = q.recordIds.slice(offset, offset + top);
        const value = ids.map((id) => {
          const r = recordsById.get(id);
          if (r === undefined) throw new Error(`fake lost record ${id}`);
          return toAuditLogRecord(r, faults.garbledRecordIds.has(id));
        });
        const next = offset + top < q.recordIds.length;
        let nextLink = `${origin}/${version}/security/auditLog/queries/${q.id}/records?$top=${top}&$skiptoken=${skipToken(offset + top, top)}`;
        if (next && faults.foreignNextLink.times > 0) {
          faults.foreignNextLink.times -= 1;
          nextLink = nextLink.replace(origin, 'https://graph.example.com');
        }
        const payload = {
          '@odata.context': `${origin}/${version}/$metadata#security/auditLog/queries('${q.id}')/records`,
          ...(next ? { '@odata.nextLink': nextLink } : {}),
          value,
        };
        const poisoned = ids.some((id) => faults.poisonRecordIds.has(id));
        if (poisoned || hits(faults.malformedPage)) {
          // The reported failure: a stray '{' after a value ("Path 'value[406].administrativeUnits'").
          return reply(200, JSON.stringify(payload).replace('"administrativeUnits":[""]', '"administrativeUnits":[""]{'));
        }
        return reply(200, payload);
      }
      case 'other':
        return reply(404, graphError('UnknownError', 'Resource not found for the segment.'));
      case 'list': {
        // Every query of the tenant, oldest first, paged by $skiptoken.
        if (faults.listError.times > 0) {
          faults.listError.times -= 1;
          return reply(faults.listError.status, graphError('ServiceUnavailable', 'The service is temporarily unavailable.'));
        }
        const token = url.searchParams.get('$skiptoken');
        const state = token === null ? { o: 0, t: listPageSize } : readSkipToken(token);
        if (state === null) return reply(400, graphError('BadRequest', 'Invalid skip token.'));
        const all = [...otherApps, ...queries.values()];
        const value = all.slice(state.o, state.o + state.t).map((q) => queryResource(origin, q));
        const next = state.o + state.t < all.length;
        return reply(200, {
          '@odata.context': `${origin}/${version}/$metadata#security/auditLog/queries`,
          ...(next ? { '@odata.nextLink': `${origin}/${version}/security/auditLog/queries?$skiptoken=${skipToken(state.o + state.t, state.t)}` } : {}),
          value,
        });
      }
      default:
        return reply(405, graphError('BadRequest', 'Unsupported method.'));
    }
  }

  function handleManagedIdentity(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const identity = options.identity;
    const params = Object.fromEntries(url.searchParams);
    const ok = identity?.managedIdentityHeader !== undefined && req.headers['x-identity-header'] === identity.managedIdentityHeader;
    if (!ok || params.resource !== GRAPH_RESOURCE) {
      tokenRequests.push({ kind: 'managed-identity', params, status: 400, token: null });
      return sendJson(res, 400, { statusCode: 400, message: 'Unable to load the proper Managed Identity.' });
    }
    const token = mint();
    tokenRequests.push({ kind: 'managed-identity', params, status: 200, token });
    const lifetime = identity.tokenLifetimeSeconds ?? 3600;
    sendJson(res, 200, {
      access_token: token,
      expires_on: String(Math.floor(options.now().getTime() / 1000) + lifetime),
      resource: GRAPH_RESOURCE,
      token_type: 'Bearer',
      client_id: params.client_id ?? identity.clientId,
    });
  }

  const graphServer = createServer((req, res) => {
    handleGraph(req, res).catch((error: unknown) => sendJson(res, 500, graphError('InternalServerError', (error as Error).message)));
  });
  const graphPort = await listen(graphServer);
  const graphOrigin = `http://127.0.0.1:${graphPort}`;

  let identityServer: Server | null = null;
  let authorityHost: string | null = null;
  let caCertPath: string | null = null;
  let tempDir: string | null = null;
  const identity = options.identity;
  if (identity !== undefined) {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      algorithm: 'sha256',
      keySize: 2048,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    tempDir = mkdtempSync(join(tmpdir(), 'sendas-fake-entra-'));
    caCertPath = join(tempDir, 'fake-entra.pem');
    writeFileSync(caCertPath, pems.cert);
    const server = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      handleIdentity(req, res).catch((error: unknown) => sendJson(res, 500, { error: 'server_error', error_description: (error as Error).message }));
    });
    identityServer = server;
    authorityHost = `https://127.0.0.1:${await listen(server)}`;
  }

  async function handleIdentity(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (identity === undefined || authorityHost === null) return sendJson(res, 404, {});
    const url = new URL(req.url ?? '/', authorityHost);
    const tenant = identity.tenantId;
    if (req.method === 'GET' && url.pathname === `/${tenant}/v2.0/.well-known/openid-configuration`) {
      tokenRequests.push({ kind: 'openid-configuration', params: {}, status: 200, token: null });
      return sendJson(res, 200, {
        token_endpoint: `${authorityHost}/${tenant}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${authorityHost}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${authorityHost}/${tenant}/v2.0`,
        authorization_endpoint: `${authorityHost}/${tenant}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${authorityHost}/${tenant}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${authorityHost}/${tenant}/oauth2/v2.0/logout`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
      });
    }
    if (req.method === 'POST' && url.pathname === `/${tenant}/oauth2/v2.0/token`) {
      const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const refuse = (code: number, error: string, description: string): void => {
        tokenRequests.push({ kind: 'token', params, status: code, token: null });
        sendJson(res, code, { error, error_description: description, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)], timestamp: '2026-09-01 10:15:22Z', trace_id: randomUUID(), correlation_id: randomUUID() });
      };
      if (params.grant_type !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
      if (params.client_id !== identity.clientId) return refuse(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${params.client_id}' was not found in the directory.`);
      if (!(identity.resources ?? [GRAPH_RESOURCE, MANAGEMENT_RESOURCE]).some((resource) => (params.scope ?? '').split(' ').includes(`${resource}/.default`))) return refuse(400, 'invalid_scope', 'AADSTS1002012: The provided value for scope is not valid.');
      const secretOk = identity.clientSecret !== undefined && params.client_secret === identity.clientSecret;
      const assertionOk =
        identity.clientCertificatePem !== undefined &&
        params.client_assertion_type === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' &&
        typeof params.client_assertion === 'string' &&
        assertionSignedBy(params.client_assertion, identity.clientCertificatePem);
      if (!secretOk && !assertionOk) return refuse(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
      const token = mint();
      tokenRequests.push({ kind: 'token', params, status: 200, token });
      const lifetime = identity.tokenLifetimeSeconds ?? 3600;
      return sendJson(res, 200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token });
    }
    return sendJson(res, 404, { error: 'invalid_request', error_description: `AADSTS900561: The endpoint only accepts ${req.method === 'GET' ? 'POST' : 'GET'} requests.` });
  }

  return {
    baseUrl: `${graphOrigin}/v1.0`,
    betaUrl: `${graphOrigin}/beta`,
    authorityHost,
    caCertPath,
    managedIdentityEndpoint: `${graphOrigin}/msi/token`,
    faults,
    requests,
    tokenRequests,
    queries,
    credential: () => ({
      getToken: () => Promise.resolve({ token: mint(), expiresOnTimestamp: options.now().getTime() + 3600_000 }),
    }),
    idsIn: (from, to, at = options.now()) => matching(Date.parse(from), Date.parse(to), at.getTime(), ['exchangeItem'], ['SendAs', 'SendOnBehalf']).map((r) => r.id),
    close: async () => {
      await close(graphServer);
      if (identityServer !== null) await close(identityServer);
      if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
