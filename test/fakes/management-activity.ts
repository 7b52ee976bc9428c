import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { FakeGraph } from './graph';
import { MANAGEMENT_RESOURCE } from './graph';

/**
 * A local Office 365 Management Activity API speaking the real wire format over real HTTP:
 * `POST /api/v1.0/{tenant}/activity/feed/subscriptions/start`, `GET …/subscriptions/content`
 * (listing by availability time, `NextPageUri` paging) and `GET …/activity/feed/audit/{contentId}`
 * (a JSON array of AuditData records). Tokens come from the Graph fake's HTTPS Entra endpoints and
 * must have been issued for https://manage.office.com/.default. Switches in `faults`, and the
 * options, inject what the real service does: AF429 throttling (a 403), no content for hours after
 * subscribing, expired content (AF20051), duplicate blobs, paging, and a restart refused within
 * 15 minutes.
 */

export interface FakeFeedRecord {
  /** AuditData as the API serves it: integer RecordType, CreationTime without a zone. */
  readonly auditData: Readonly<Record<string, unknown>>;
  /** When the record becomes available in the feed (it lands in the blob of that time). */
  readonly availableAt: string;
}

export interface FakeManagementOptions {
  readonly tenantId: string;
  readonly records: readonly FakeFeedRecord[];
  readonly now: () => Date;
  /** The fake Entra that issues the tokens this API accepts. */
  readonly identity: Pick<FakeGraph, 'tokenRequests'>;
  /** Records available within one such period share a blob. */
  readonly blobEveryMs?: number;
  /** Blobs per listing page before `NextPageUri`. */
  readonly pageSize?: number;
  /** Nothing is listed until this long after the first subscription start (the API says up to 12 hours). */
  readonly firstContentDelayMs?: number;
}

export interface FakeManagementFaults {
  /** The next `times` requests to `route` (any route when null) answer 403 AF429. */
  throttle: { times: number; route: 'start' | 'content' | 'blob' | null };
  /** Blobs answering 400 AF20051, as if older than their retention. */
  expiredContentIds: Set<string>;
  /**
   * The blob of the n-th bucket after the first subscription (0 = the subscription's own bucket) answers
   * AF20051 too: chosen by the fake when the subscription starts, so no test has to race the app to it.
   * It never has a twin, so its records are truly lost to the feed.
   */
  expiredBucketAfterSubscribing: number | null;
  /** Every n-th blob (0 = none) has a twin: the same records under another content id, listed 2 minutes later. */
  duplicateEvery: number;
  /** Every listing page lists its first blob twice. */
  repeatInListing: boolean;
}

export interface FakeManagementRequest {
  readonly method: string;
  readonly route: 'start' | 'content' | 'blob' | 'other';
  readonly url: string;
  readonly publisherId: string | null;
  readonly status: number;
  readonly apiCode: string | null;
}

export interface FakeBlob {
  readonly contentId: string;
  readonly contentCreated: number;
  readonly records: readonly FakeFeedRecord[];
}

export interface FakeManagementActivity {
  /** http://127.0.0.1:PORT, the MANAGEMENT_BASE_URL. */
  readonly baseUrl: string;
  readonly faults: FakeManagementFaults;
  readonly requests: FakeManagementRequest[];
  /** The subscription as the API sees it. */
  readonly subscription: { enabled: boolean; firstStartAt: number | null; lastStartAt: number | null; lastStopAt: number | null };
  /** An admin (or Microsoft) stops the subscription: listings answer AF20022 until it is started again. */
  stopSubscription(): void;
  /** The blobs listed by now, twins included. */
  blobs(): FakeBlob[];
  close(): Promise<void>;
}

const RESTART_BLOCK_MS = 15 * 60_000;
const RETENTION_MS = 7 * 24 * 3600_000;
const DAY_MS = 24 * 3600_000;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'request-id': randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}

function apiError(code: string, message: string): Record<string, unknown> {
  return { error: { code, message } };
}

/** `yyyy-MM-ddTHH:mm:ss.fffZ` as contentCreated reads. */
function stamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** The shape of real content ids: `{created}${created}$audit_exchange$Audit_Exchange${region}`. */
export function contentIdOf(ms: number, twin: boolean): string {
  const compact = new Date(ms).toISOString().replace(/\D/g, '').slice(0, 17);
  return `${compact}${twin ? '1' : '0'}$${compact}$audit_exchange$Audit_Exchange$emea0010`;
}

export async function startFakeManagementActivity(options: FakeManagementOptions): Promise<FakeManagementActivity> {
  const blobEveryMs = options.blobEveryMs ?? 5 * 60_000;
  const pageSize = options.pageSize ?? 20;
  const faults: FakeManagementFaults = { throttle: { times: 0, route: null }, expiredContentIds: new Set(), expiredBucketAfterSubscribing: null, duplicateEvery: 0, repeatInListing: false };
  const requests: FakeManagementRequest[] = [];
  const subscription = { enabled: false, firstStartAt: null as number | null, lastStartAt: null as number | null, lastStopAt: null as number | null };
  const tenantPrefix = `/api/v1.0/${options.tenantId}/activity/feed`;

  /** The content id of the bucket `expiredBucketAfterSubscribing` names, once subscribed. */
  const expiredBucketId = (first: number | null): string | null =>
    faults.expiredBucketAfterSubscribing !== null && first !== null
      ? contentIdOf(Math.floor(first / blobEveryMs) * blobEveryMs + faults.expiredBucketAfterSubscribing * blobEveryMs, false)
      : null;

  /** Every blob that exists by now, by availability: none before the first start, none before the first-content delay. */
  const allBlobs = (): FakeBlob[] => {
    const now = options.now().getTime();
    return everyBlob().filter((b) => b.contentCreated <= now);
  };

  // Every blob the records make, sorted by creation; rebuilt only when what shapes them changes (long simulations list thousands of times).
  let cached: { key: string; blobs: FakeBlob[]; byId: Map<string, FakeBlob> } | null = null;
  const blobIndex = (): { blobs: FakeBlob[]; byId: Map<string, FakeBlob> } => {
    const first = subscription.firstStartAt;
    const key = `${first}:${faults.duplicateEvery}:${faults.expiredBucketAfterSubscribing}`;
    if (cached?.key === key) return cached;
    const blobs: FakeBlob[] = [];
    if (first !== null) {
      const opensAt = first + (options.firstContentDelayMs ?? 0);
      const buckets = new Map<number, FakeFeedRecord[]>();
      for (const record of options.records) {
        const at = Date.parse(record.availableAt);
        if (at < first) continue;
        const bucket = Math.floor(at / blobEveryMs) * blobEveryMs;
        const list = buckets.get(bucket);
        if (list === undefined) buckets.set(bucket, [record]);
        else list.push(record);
      }
      [...buckets.entries()]
        .sort(([a], [b]) => a - b)
        .forEach(([bucket, records], n) => {
          const created = Math.max(bucket + blobEveryMs, opensAt);
          blobs.push({ contentId: contentIdOf(bucket, false), contentCreated: created, records });
          // Twins go by position among the non-empty buckets, so the expired bucket is kept apart by id.
          const twinned = faults.duplicateEvery > 0 && n % faults.duplicateEvery === 0 && contentIdOf(bucket, false) !== expiredBucketId(first);
          if (twinned) blobs.push({ contentId: contentIdOf(bucket, true), contentCreated: created + 2 * 60_000, records });
        });
    }
    blobs.sort((a, b) => a.contentCreated - b.contentCreated);
    cached = { key, blobs, byId: new Map(blobs.map((b) => [b.contentId, b])) };
    return cached;
  };
  const everyBlob = (): FakeBlob[] => blobIndex().blobs;

  /** Blobs created in [start, end) and by now: a binary search, then a walk. */
  const blobsCreatedIn = (start: number, end: number, now: number): FakeBlob[] => {
    const blobs = everyBlob();
    let lo = 0;
    let hi = blobs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blobs[mid].contentCreated < start) lo = mid + 1;
      else hi = mid;
    }
    const out: FakeBlob[] = [];
    for (let i = lo; i < blobs.length && blobs[i].contentCreated < end && blobs[i].contentCreated <= now; i += 1) out.push(blobs[i]);
    return out;
  };

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
    if (token === null) return false;
    const issued = options.identity.tokenRequests.find((t) => t.token === token);
    return issued !== undefined && (issued.params.scope ?? '').split(' ').includes(`${MANAGEMENT_RESOURCE}/.default`);
  };

  const throttled = (route: 'start' | 'content' | 'blob'): boolean => {
    if (faults.throttle.times <= 0 || (faults.throttle.route !== null && faults.throttle.route !== route)) return false;
    faults.throttle.times -= 1;
    return true;
  };

  async function handle(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname;
    const route: FakeManagementRequest['route'] =
      path === `${tenantPrefix}/subscriptions/start` ? 'start' : path === `${tenantPrefix}/subscriptions/content` ? 'content' : path.startsWith(`${tenantPrefix}/audit/`) ? 'blob' : 'other';
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      const code = (body as { error?: { code?: string } }).error?.code ?? null;
      requests.push({ method: req.method ?? '', route, url: url.toString(), publisherId: url.searchParams.get('PublisherIdentifier'), status, apiCode: code });
      sendJson(res, status, body, headers);
    };
    for await (const chunk of req) void chunk;
    if (!authorized(req)) return answer(401, apiError('AF10001', 'The permission set () sent in the request does not include the expected permission ActivityFeed.Read.'));
    if (route === 'other') return answer(404, apiError('AF20010', `The requested resource ${path} was not found.`));
    const now = options.now().getTime();

    if (route === 'start') {
      if (req.method !== 'POST') return answer(405, apiError('AF20001', 'The request method is not supported.'));
      if (url.searchParams.get('contentType') !== 'Audit.Exchange') return answer(400, apiError('AF20021', `The content type ${url.searchParams.get('contentType') ?? ''} is not supported.`));
      if (throttled('start')) return answer(403, apiError('AF429', 'Too many requests. Method=StartSubscription, PublisherId=' + (url.searchParams.get('PublisherIdentifier') ?? '')));
      if (subscription.enabled) return answer(400, apiError('AF20024', 'The subscription is already enabled. No property change.'));
      const last = Math.max(subscription.lastStartAt ?? Number.NEGATIVE_INFINITY, subscription.lastStopAt ?? Number.NEGATIVE_INFINITY);
      if (now - last < RESTART_BLOCK_MS) return answer(403, apiError('AF429', 'Too many requests. Method=StartSubscription, PublisherId=' + (url.searchParams.get('PublisherIdentifier') ?? '')));
      subscription.enabled = true;
      subscription.lastStartAt = now;
      subscription.firstStartAt ??= now;
      return answer(200, { contentType: 'Audit.Exchange', status: 'enabled', webhook: null });
    }

    if (route === 'content') {
      if (throttled('content')) return answer(403, apiError('AF429', 'Too many requests. Method=ListContent, PublisherId=' + (url.searchParams.get('PublisherIdentifier') ?? '')));
      if (!subscription.enabled) return answer(400, apiError('AF20022', 'No subscription found for the specified content type.'));
      const start = Date.parse(`${url.searchParams.get('startTime') ?? ''}Z`);
      const end = Date.parse(`${url.searchParams.get('endTime') ?? ''}Z`);
      if (Number.isNaN(start) || Number.isNaN(end) || end <= start || end - start > DAY_MS || start < now - RETENTION_MS) {
        return answer(400, apiError('AF20055', 'Start time and end time must both be specified (or both omitted) and must be less than or equal to 24 hours apart, with the start time no more than 7 days in the past.'));
      }
      const listed = blobsCreatedIn(start, end, now);
      // Content comes in no particular order: every pair swapped.
      for (let i = 0; i + 1 < listed.length; i += 2) [listed[i], listed[i + 1]] = [listed[i + 1], listed[i]];
      const offset = Number(url.searchParams.get('nextPage') ?? '0');
      const page = listed.slice(offset, offset + pageSize);
      if (faults.repeatInListing && page.length > 0) page.push(page[0]);
      const headers: Record<string, string> = {};
      if (offset + pageSize < listed.length) {
        const next = new URL(url.toString());
        next.searchParams.set('nextPage', String(offset + pageSize));
        headers.NextPageUri = next.toString();
      }
      return answer(
        200,
        page.map((b) => ({
          contentUri: `${origin}${tenantPrefix}/audit/${encodeURIComponent(b.contentId)}`,
          contentId: b.contentId,
          contentType: 'Audit.Exchange',
          contentCreated: stamp(b.contentCreated),
          contentExpiration: stamp(b.contentCreated + RETENTION_MS),
        })),
        headers,
      );
    }

    if (throttled('blob')) return answer(403, apiError('AF429', 'Too many requests. Method=GetBlob, PublisherId=' + (url.searchParams.get('PublisherIdentifier') ?? '')));
    const contentId = decodeURIComponent(path.slice(`${tenantPrefix}/audit/`.length));
    const blob = blobIndex().byId.get(contentId);
    if (blob === undefined || blob.contentCreated > now) return answer(404, apiError('AF20052', `Content ID ${contentId} in the URL is invalid.`));
    if (faults.expiredContentIds.has(contentId) || contentId === expiredBucketId(subscription.firstStartAt) || now > blob.contentCreated + RETENTION_MS) {
      return answer(400, apiError('AF20051', `Content requested with the key ${contentId} has already expired. Content older than 7 days cannot be retrieved.`));
    }
    return answer(200, blob.records.map((r) => r.auditData));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res, origin).catch((error: unknown) => sendJson(res, 500, apiError('AF50000', (error as Error).message)));
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: origin,
    faults,
    requests,
    subscription,
    stopSubscription: () => {
      subscription.enabled = false;
      subscription.lastStopAt = options.now().getTime();
    },
    blobs: allBlobs,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface FeedRecordOptions {
  /** The first record's time (ISO, UTC). */
  readonly from: string;
  readonly minutes: number;
  /** Records per minute, all operations. */
  readonly perMinute: number;
  /** Minutes between an event and its availability in the feed (the community measured about 2). */
  readonly delayMinutes?: number;
}

const MAILBOXES = ['adele.vance', 'alex.wilber', 'megan.bowen', 'shared.finance', 'shared.hr'];

/**
 * Audit.Exchange as a tenant produces it: mostly MailItemsAccessed, then every 20th record a SendAs,
 * every 50th a SendOnBehalf and every 97th a permission cmdlet. Deterministic: ids follow the index.
 */
export function feedRecords(options: FeedRecordOptions): FakeFeedRecord[] {
  const start = Date.parse(options.from);
  const delay = (options.delayMinutes ?? 2) * 60_000;
  const out: FakeFeedRecord[] = [];
  const total = options.minutes * options.perMinute;
  for (let i = 0; i < total; i += 1) {
    const at = start + Math.floor((i * 60_000) / options.perMinute);
    const owner = MAILBOXES[i % MAILBOXES.length];
    const actor = MAILBOXES[(i + 1) % MAILBOXES.length];
    const operation = i % 97 === 0 ? 'Add-RecipientPermission' : i % 50 === 0 ? 'SendOnBehalf' : i % 20 === 0 ? 'SendAs' : 'MailItemsAccessed';
    const id = `5e0c${String(i).padStart(4, '0').slice(-4)}-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const common = {
      CreationTime: new Date(at).toISOString().slice(0, 19),
      Id: id,
      Operation: operation,
      OrganizationId: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      UserType: 0,
      Version: 1,
      Workload: 'Exchange',
      UserId: `${actor}@contoso.com`,
      ResultStatus: 'Succeeded',
    };
    const auditData =
      operation === 'Add-RecipientPermission'
        ? { ...common, RecordType: 1, ObjectId: `${owner}@contoso.com`, Parameters: [{ Name: 'Identity', Value: owner }, { Name: 'Trustee', Value: actor }, { Name: 'AccessRights', Value: 'SendAs' }] }
        : operation === 'MailItemsAccessed'
          ? { ...common, RecordType: 50, MailboxOwnerUPN: `${owner}@contoso.com`, OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }], Folders: [{ Path: '\\Inbox', FolderItems: [{ InternetMessageId: `<m${i}@contoso.com>` }] }] }
          : {
              ...common,
              RecordType: 2,
              LogonType: 1,
              ExternalAccess: false,
              ClientIP: '192.0.2.10',
              MailboxOwnerUPN: `${actor}@contoso.com`,
              ClientInfoString: 'Client=OWA;Action=ViaProxy',
              Item: { Id: `item-${i}`, InternetMessageId: `<s${i}@contoso.com>`, Subject: `Quarterly "numbers" {${i}}`, ParentFolder: { Path: '\\Sent Items' } },
              ...(operation === 'SendAs' ? { SendAsUserSmtp: `${owner}@contoso.com` } : { SendOnBehalfOfUserSmtp: `${owner}@contoso.com` }),
            };
    out.push({ auditData, availableAt: new Date(at + delay).toISOString() });
  }
  return out;
}
