import { DEFAULT_RETRY_POLICY } from '../../src/audit/graph';
import { createManagementActivityClient } from '../../src/audit/management';
import { FakeClock, instantRuntime } from '../fakes/clock';

const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PUBLISHER = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const BASE = 'https://manage.office.com';

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** A fetch answering from a script, recording each URL and token. */
function scripted(answers: Answer[]): { fetch: (url: string, init: RequestInit) => Promise<Response>; calls: { url: string; authorization: string }[] } {
  const calls: { url: string; authorization: string }[] = [];
  return {
    calls,
    fetch: (url, init) => {
      calls.push({ url, authorization: String((init.headers as Record<string, string>).Authorization) });
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected call to ${url}`);
      return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json', ...answer.headers } }));
    },
  };
}

function client(answers: Answer[]) {
  const script = scripted(answers);
  const runtime = instantRuntime(new FakeClock('2026-11-18T08:00:00.000Z'));
  const scopes: string[] = [];
  const created = createManagementActivityClient({
    credential: { getToken: (scope) => (scopes.push(String(scope)), Promise.resolve({ token: 'manage-token', expiresOnTimestamp: 0 })) },
    runtime,
    settings: { baseUrl: BASE, tenantId: TENANT, publisherId: PUBLISHER, retry: DEFAULT_RETRY_POLICY, requestTimeoutMs: 1000 },
    fetch: script.fetch,
  });
  return { client: created, calls: script.calls, sleeps: runtime.sleeps, scopes };
}

const blob = (id: string) => ({ contentType: 'Audit.Exchange', contentId: id, contentUri: `${BASE}/api/v1.0/${TENANT}/activity/feed/audit/${id}`, contentCreated: '2026-11-18T07:55:00.000Z', contentExpiration: '2026-11-25T07:55:00.000Z' });

describe('ManagementActivityClient on the wire', () => {
  it('starts the subscription with contentType and PublisherIdentifier, and takes AF20024 as already enabled', async () => {
    const { client: c, calls, scopes } = client([{ status: 400, body: { error: { code: 'AF20024', message: 'The subscription is already enabled. No property change.' } } }]);
    expect(await c.startSubscription()).toEqual({ ok: true, value: 'already-enabled' });
    expect(calls[0].url).toBe(`${BASE}/api/v1.0/${TENANT}/activity/feed/subscriptions/start?contentType=Audit.Exchange&PublisherIdentifier=${PUBLISHER}`);
    expect(scopes).toEqual(['https://manage.office.com/.default']);
  });

  it('backs off on 403 AF429 (throttling, not a permission problem) and succeeds', async () => {
    const throttled = { status: 403, body: { error: { code: 'AF429', message: 'Too many requests. Method=GetBlob, PublisherId=x' } } };
    const { client: c, sleeps } = client([throttled, throttled, { status: 200, body: [blob('a')] }]);
    const page = await c.contentPage(c.firstContentPageUrl({ from: '2026-11-18T07:00:00.000Z', to: '2026-11-18T08:00:00.000Z' }), 0);
    expect(page.ok && page.value.blobs.map((b) => b.contentId)).toEqual(['a']);
    expect(sleeps).toEqual([2000, 4000]);
  });

  it('a 403 without AF429 names the permission to consent to', async () => {
    const { client: c } = client([{ status: 403, body: { error: { code: 'AF10001', message: 'The permission set () sent in the request does not include the expected permission.' } } }]);
    const started = await c.startSubscription();
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.problem).toMatchObject({ code: 'forbidden', apiCode: 'AF10001' });
    expect(started.problem.message).toMatch(/ActivityFeed\.Read.*Office 365 Management APIs/);
  });

  it('follows NextPageUri on the API host only, adding the PublisherIdentifier it lacks', async () => {
    const next = `${BASE}/api/v1.0/${TENANT}/activity/feed/subscriptions/content?contentType=Audit.Exchange&startTime=2026-11-18T07:00:00&endTime=2026-11-18T08:00:00&nextPage=2026111807`;
    const { client: c, calls } = client([
      { status: 200, body: [blob('a')], headers: { NextPageUri: next } },
      { status: 200, body: [blob('b')] },
    ]);
    const first = await c.contentPage(c.firstContentPageUrl({ from: '2026-11-18T07:00:00.000Z', to: '2026-11-18T08:00:00.000Z' }), 0);
    expect(first.ok && first.value.nextPageUri).toBe(next);
    expect(calls[0].url).toContain('startTime=2026-11-18T07%3A00%3A00&endTime=2026-11-18T08%3A00%3A00');
    const second = await c.contentPage(first.ok ? (first.value.nextPageUri ?? '') : '', 1);
    expect(second.ok && second.value).toEqual({ blobs: [blob('b')], nextPageUri: null });
    expect(new URL(calls[1].url).searchParams.get('PublisherIdentifier')).toBe(PUBLISHER);
    const foreign = await c.contentPage('https://elsewhere.example.com/content?nextPage=1', 2);
    expect(foreign.ok).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('reads a blob as bytes, retries one the reader refuses, and reports AF20051 with its code', async () => {
    const { client: c } = client([
      { status: 200, body: 'not an array' },
      { status: 200, body: [{ Operation: 'SendAs' }] },
      { status: 400, body: { error: { code: 'AF20051', message: 'Content requested with the key x has already expired. Content older than 7 days cannot be retrieved.' } } },
    ]);
    const read = (bytes: Uint8Array): string | null => {
      const text = new TextDecoder().decode(bytes);
      return text.startsWith('[') ? text : null;
    };
    expect(await c.content(blob('a'), read)).toEqual({ ok: true, value: '[{"Operation":"SendAs"}]' });
    const expired = await c.content(blob('b'), read);
    expect(expired.ok === false && expired.problem.apiCode).toBe('AF20051');
  });
});
