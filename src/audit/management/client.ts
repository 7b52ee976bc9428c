import type { TokenCredential } from '@azure/identity';
import type { ApiService, FetchLike, GraphOutcome, GraphRuntime } from '../graph/http';
import { GraphHttp } from '../graph/http';
import type { RetryPolicy } from '../graph/retry';
import type { QueryWindow } from '../graph/wire';
import type { ContentBlob, Subscription } from './wire';
import { AF, CONTENT_TYPE, contentListSchema, managementDateTime, MANAGEMENT_PERMISSION, MANAGEMENT_SCOPE, subscriptionSchema } from './wire';

/** The 403 message: which permission of which API, and that an admin must consent to it. */
export function managementForbiddenMessage(apiSays: string): string {
  return (
    `the Office 365 Management Activity API refused access (403 Forbidden): ${MANAGEMENT_PERMISSION} needs admin consent. ` +
    `Give the app registration the Office 365 Management APIs application permission ${MANAGEMENT_PERMISSION} and have an admin grant consent ` +
    `(Entra admin center → App registrations → this app → API permissions → Add a permission → Office 365 Management APIs). The API said: ${apiSays}`
  );
}

export const MANAGEMENT_SERVICE: ApiService = {
  name: 'the Management Activity API',
  scope: MANAGEMENT_SCOPE,
  forbiddenMessage: managementForbiddenMessage,
  throttleCode: AF.throttled,
};

/** One page of a content listing and the `NextPageUri` header, when the listing goes on. */
export interface ContentPage {
  readonly blobs: readonly ContentBlob[];
  readonly nextPageUri: string | null;
}

/** Starting a subscription: it was started now, or it already was (AF20024). */
export type StartOutcome = 'started' | 'already-enabled';

export interface ManagementSettings {
  /** https://manage.office.com (GCC, GCC High and DoD have their own hosts). */
  readonly baseUrl: string;
  /** The tenant whose audit log is read. */
  readonly tenantId: string;
  /** PublisherIdentifier: the quota is counted per publisher; the tenant's own id when not a vendor. */
  readonly publisherId: string;
  readonly retry: RetryPolicy;
  readonly requestTimeoutMs: number;
}

/**
 * The three routes the feed uses: start the Audit.Exchange subscription, list content for a window
 * (following `NextPageUri`), and read a content blob as bytes for the filter. Retries, tokens and
 * throttling (403 AF429) live in GraphHttp.
 */
export class ManagementActivityClient {
  constructor(
    private readonly http: GraphHttp,
    private readonly settings: Pick<ManagementSettings, 'baseUrl' | 'tenantId' | 'publisherId'>,
  ) {}

  private feedUrl(operation: string, params: Record<string, string>): string {
    const query = new URLSearchParams({ contentType: CONTENT_TYPE, ...params, PublisherIdentifier: this.settings.publisherId });
    return `${this.settings.baseUrl.replace(/\/+$/, '')}/api/v1.0/${encodeURIComponent(this.settings.tenantId)}/activity/feed/subscriptions/${operation}?${query.toString()}`;
  }

  async startSubscription(): Promise<GraphOutcome<StartOutcome>> {
    const started = await this.http.send<Subscription>({
      method: 'POST',
      url: this.feedUrl('start', {}),
      body: {},
      purpose: `start the ${CONTENT_TYPE} subscription`,
      parse: (json) => {
        const parsed = subscriptionSchema.safeParse(json);
        return parsed.success ? parsed.data : null;
      },
    });
    if (started.ok) return { ok: true, value: 'started' };
    if (started.problem.apiCode === AF.alreadyEnabled) return { ok: true, value: 'already-enabled' };
    return started;
  }

  firstContentPageUrl(window: QueryWindow): string {
    return this.feedUrl('content', { startTime: managementDateTime(window.from), endTime: managementDateTime(window.to) });
  }

  /** One page of the listing. `NextPageUri` must stay on the API's own host: the token goes nowhere else. */
  async contentPage(url: string, page: number): Promise<GraphOutcome<ContentPage>> {
    const origin = new URL(this.settings.baseUrl).origin;
    const pageUrl = new URL(url);
    if (pageUrl.origin !== origin) {
      return { ok: false, problem: { code: 'malformed-response', message: `the content listing's next page leaves ${origin} (${pageUrl.origin}); not followed` } };
    }
    // Every call names the publisher, a NextPageUri that dropped it included: the quota is counted per publisher.
    if (!pageUrl.searchParams.has('PublisherIdentifier')) pageUrl.searchParams.set('PublisherIdentifier', this.settings.publisherId);
    return this.http.send({
      method: 'GET',
      url: pageUrl.toString(),
      purpose: `list available ${CONTENT_TYPE} content (page ${page + 1})`,
      read: (body, headers) => {
        let json: unknown;
        try {
          json = JSON.parse(new TextDecoder().decode(body));
        } catch {
          return null;
        }
        const parsed = contentListSchema.safeParse(json);
        if (!parsed.success) return null;
        const next = headers.get('NextPageUri');
        return { blobs: parsed.data, nextPageUri: next === null || next.trim() === '' ? null : next.trim() };
      },
    });
  }

  /**
   * Reads a blob: `read` gets its bytes unparsed (the filter) and answers null when they are not a
   * readable blob, which is retried like any unreadable answer. The URI must be on the API's own host.
   */
  async content<T>(blob: ContentBlob, read: (bytes: Uint8Array) => T | null): Promise<GraphOutcome<T>> {
    const origin = new URL(this.settings.baseUrl).origin;
    const url = new URL(blob.contentUri);
    if (url.origin !== origin) {
      return { ok: false, problem: { code: 'malformed-response', message: `content ${blob.contentId} is on ${url.origin}, not ${origin}; not fetched` } };
    }
    if (!url.searchParams.has('PublisherIdentifier')) url.searchParams.set('PublisherIdentifier', this.settings.publisherId);
    return this.http.send({
      method: 'GET',
      url: url.toString(),
      purpose: `read content ${blob.contentId}`,
      read: (body) => read(body),
    });
  }
}

export interface ManagementClientDeps {
  readonly credential: Pick<TokenCredential, 'getToken'>;
  readonly runtime: GraphRuntime;
  readonly settings: ManagementSettings;
  readonly fetch?: FetchLike;
}

export function createManagementActivityClient(deps: ManagementClientDeps): ManagementActivityClient {
  const http = new GraphHttp(deps.credential, deps.runtime, deps.settings.retry, deps.settings.requestTimeoutMs, deps.fetch, MANAGEMENT_SERVICE);
  return new ManagementActivityClient(http, deps.settings);
}
