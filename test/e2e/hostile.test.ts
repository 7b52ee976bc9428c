import { once } from 'node:events';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import { loadConfig } from '../../src/config';
import { FakeConnector } from '../fakes/connector';
import { cardText, postActivity, rawStatus, teamsMessage } from '../support/activities';

const NOW = new Date('2026-11-18T10:00:00.000Z');
/** A turn that has not answered by then is hung: a healthy one takes well under a second here. */
const HUNG_MS = 10_000;

interface LogLine {
  readonly level: number;
  readonly event?: string;
  readonly msg?: string;
}

describe('hostile requests to /api/messages: refused or ignored, and the next question is answered', () => {
  let connector: FakeConnector;
  let app: App;
  let maxBodyBytes = 0;
  const logs: LogLine[] = [];

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as LogLine);
        done();
      },
    });
    const config = loadConfig({ PORT: '0', STORE_PATH: ':memory:', DEMO_USERS: '40', DEMO_DAYS: '14' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    maxBodyBytes = config.config.maxBodyBytes;
    app = await startApp(config.config, createLogger('info', sink), { now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  let logsBefore = 0;
  beforeEach(() => {
    logsBefore = logs.length;
  });
  afterEach(async () => {
    // A hostile request is a value to refuse, never an exception: nothing reached the turn error boundary.
    expect(logs.slice(logsBefore).filter((line) => line.level >= 50)).toEqual([]);
    const card = await ask('help');
    expect(cardText(card)).toMatch(/who sent as/i);
  });

  function message(text = 'help', extra: Record<string, unknown> = {}): Record<string, unknown> {
    return teamsMessage({ serviceUrl: connector.url, text, extra });
  }

  function without(field: string): Record<string, unknown> {
    const activity = message();
    delete activity[field];
    return activity;
  }

  async function post(body: string | Uint8Array | FormData, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; body: string }> {
    const response = await fetch(`${app.url}/api/messages`, { method: 'POST', headers, body, signal: AbortSignal.timeout(HUNG_MS) });
    return { status: response.status, body: await response.text() };
  }

  async function postJson(activity: unknown): Promise<{ status: number; body: string }> {
    return post(JSON.stringify(activity));
  }

  /** Posts and expects a 400 before any outbound call. */
  async function expectRefused(activity: unknown, problem: RegExp): Promise<void> {
    const calls = connector.calls.length;
    const response = await postJson(activity);
    expect(response.status).toBe(400);
    expect((JSON.parse(response.body) as { message: string }).message).toMatch(problem);
    expect(connector.calls.length).toBe(calls);
  }

  /** Posts a message and returns the card the fake connector received in reply to it. */
  async function ask(text: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const activity = message(text, extra);
    const response = await postJson(activity);
    expect(response.status).toBe(200);
    await connector.waitFor((calls) => calls.some((c) => c.activityId === activity.id && c.kind === 'reply' && Array.isArray(c.body?.attachments)), HUNG_MS);
    const reply = connector.activities().find((c) => c.activityId === activity.id && Array.isArray(c.body?.attachments));
    return (reply?.body?.attachments as { content: Record<string, unknown> }[])[0].content;
  }

  describe('bodies', () => {
    it('refuses invalid JSON with 400', async () => {
      expect((await post('{"type": "message", "text": ')).status).toBe(400);
    });

    it('refuses a body over maxBodyBytes with 413, and one without a Content-Length with 411, before reading either', async () => {
      const big = JSON.stringify(message('x'.repeat(maxBodyBytes)));
      expect((await post(big)).status).toBe(413);
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      // A streamed body goes out chunked: the Bot Connector always says how long its body is.
      const streamed: RequestInit & { duplex: 'half' } = { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked, duplex: 'half', signal: AbortSignal.timeout(HUNG_MS) };
      const response = await fetch(`${app.url}/api/messages`, streamed);
      expect(response.status).toBe(411);
    });

    it('refuses a gzip body with 415 instead of inflating it past the cap', async () => {
      // 48 KB of gzip that would inflate to 50 MB.
      const bomb = gzipSync(JSON.stringify({ ...message(), text: ' '.repeat(50_000_000) }));
      expect(bomb.length).toBeLessThan(maxBodyBytes);
      expect((await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(415);
    });

    it('refuses multipart uploads and forms with 415', async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(2 * maxBodyBytes)]), 'upload.bin');
      expect((await post(form, {})).status).toBe(415);
      expect((await post('type=message&text=help', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      expect((await post('help', { 'content-type': 'text/plain' })).status).toBe(415);
    });
  });

  describe('the envelope', () => {
    it.each(['from', 'recipient', 'conversation', 'serviceUrl', 'type'])('refuses an activity without %s, before any outbound call', async (field) => {
      await expectRefused(without(field), new RegExp(`activity\\.${field}`));
    });

    it.each(['file:///etc/passwd', 'ftp://192.0.2.10/', 'javascript:alert(1)', 'gopher://192.0.2.10:70/', 'http://', 'not a url', ''])(
      'refuses serviceUrl %j: replies go to http(s) only',
      async (serviceUrl) => {
        await expectRefused({ ...message(), serviceUrl }, /activity\.serviceUrl/);
      },
    );

    it('refuses fields of the wrong type botbuilder would trip over', async () => {
      await expectRefused({ ...message(), type: 42 }, /activity\.type/);
      await expectRefused({ ...message(), text: { html: 'help' } }, /activity\.text/);
      await expectRefused({ ...message(), locale: 42 }, /activity\.locale/);
      await expectRefused({ ...message(), conversation: { id: 42 } }, /activity\.conversation\.id/);
      await expectRefused({ ...message(), entities: 'clientInfo' }, /activity\.entities/);
      await expectRefused({ ...message(), entities: [{}] }, /activity\.entities\.0\.type/);
      await expectRefused({ ...message(), entities: [{ type: 'mention', text: '<at>x</at>' }] }, /mentioned/);
    });

    it('counts what it refuses in /healthz', async () => {
      const refused = async (): Promise<number> => ((await (await fetch(`${app.url}/healthz`)).json()) as { refusedRequests: number }).refusedRequests;
      const before = await refused();
      await expectRefused(without('serviceUrl'), /serviceUrl/);
      expect((await post('{')).status).toBe(400);
      expect((await post('help', { 'content-type': 'text/plain' })).status).toBe(415);
      expect(await refused()).toBe(before + 3);
    });

    it('ignores activity types it does not know, with 200 and no reply', async () => {
      const calls = connector.calls.length;
      for (const type of ['somethingNew', 'messageReaction', 'event', 'typing']) {
        expect((await postJson({ ...message(), type })).status).toBe(200);
      }
      expect(connector.calls.length).toBe(calls);
    });
  });

  describe('anonymous mode answers this machine only', () => {
    it('refuses a Host header that is not this machine (DNS rebinding) with 403, on every path', async () => {
      const calls = connector.calls.length;
      for (const host of ['attacker.example.com', 'attacker.example.com:3978', '10.0.0.5', 'localhost.attacker.example.com']) {
        const body = JSON.stringify(message());
        expect(await rawStatus(app.url, `POST /api/messages HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)).toBe(403);
        expect(await rawStatus(app.url, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).toBe(403);
      }
      expect(connector.calls.length).toBe(calls);
      for (const host of ['localhost:3978', '127.0.0.1', '[::1]:3978']) {
        expect(await rawStatus(app.url, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).toBe(200);
      }
    });

    it('refuses a serviceUrl off this machine with 403: audit answers are never posted elsewhere', async () => {
      for (const serviceUrl of ['https://smba.trafficmanager.net/amer/', 'http://192.0.2.10/', 'http://127.0.0.1.attacker.example.com/']) {
        const response = await postJson({ ...message(), serviceUrl });
        expect(response.status).toBe(403);
        expect(response.body).not.toMatch(/who sent as/i);
      }
    });

    it('refuses a wrong method, a missing or oversized length and a wrong type before reading any body', async () => {
      const start = 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n';
      expect(await rawStatus(app.url, 'GET /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toBe(405);
      expect(await rawStatus(app.url, `${start}Content-Type: application/json\r\n\r\n`)).toBe(411);
      // The headers promise a body that never comes: the answer cannot have waited for it.
      expect(await rawStatus(app.url, `${start}Content-Type: application/json\r\nContent-Length: ${maxBodyBytes + 1}\r\n\r\n`)).toBe(413);
      expect(await rawStatus(app.url, `${start}Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\n`)).toBe(415);
    });
  });

  describe('question text', () => {
    it('answers 100,000 characters with the help card, not an answer to its first words', async () => {
      const card = await ask('who sent as payroll@contoso.com this week '.repeat(2500).slice(0, 100_000));
      expect(cardText(card)).toMatch(/who sent as/i);
      expect(cardText(card)).not.toMatch(/payroll/);
    });

    it('answers 100,000 unclosed tags without stalling the server', async () => {
      const card = await ask('<'.repeat(100_000));
      expect(cardText(card)).toMatch(/who sent as/i);
    });

    it('answers through control characters and RTL marks', async () => {
      const card = await ask('who sent as \u202efinance@contoso.com\u202c this week\u0000\u0007\u200f');
      expect(cardText(card)).toMatch(/finance@contoso\.com/);
      const odd = await ask('\u202e\u0000\u0001\u001b[31m\ufeff\ud800 help');
      expect(Object.keys(odd)).toContain('body');
    });

    it('never evaluates ${...} from a question: the card is templated once', async () => {
      for (const question of ["who sent as ${concat('pw','ned')}@contoso.com this week", "who sent as a${concat('pw','ned')}b@contoso.com", "${concat('pw','ned')}"]) {
        const card = await ask(question);
        expect(JSON.stringify(card)).not.toMatch(/pwned/);
      }
    });

    it('never turns markdown in a question into a live link', async () => {
      for (const question of ['who sent as [finance](https://attacker.example.com) this week', 'what did [adele](https://attacker.example.com) send as', 'who sent as finance_**bold**@contoso.com']) {
        const card = await ask(question);
        expect(JSON.stringify(card)).not.toMatch(/\]\(https:\/\/attacker|(?<!\\)\*\*bold/);
      }
    });
  });

  describe('card actions', () => {
    function invoke(value: unknown): Record<string, unknown> {
      return { ...message(''), type: 'invoke', name: 'adaptiveCard/action', value };
    }

    it.each([
      ['a string', 'explain'],
      ['no action', { verb: 'explain' }],
      ['an action without a type', { action: { verb: 'explain', data: {} } }],
    ])('refuses an Action.Execute invoke whose value is %s with 400', async (_label, value) => {
      await expectRefused(invoke(value), /activity\.value/);
    });

    it.each([
      ['an unknown verb', { verb: 'rm -rf', data: { verb: 'rm -rf' } }],
      ['a page that is not a number', { verb: 'page', data: { verb: 'page', page: 'seven' } }],
      ['a verb that contradicts its data', { verb: 'explain', data: { verb: 'page', page: 2 } }],
      ['an event id of 100,000 characters', { verb: 'explain', data: { verb: 'explain', eventId: 'e'.repeat(100_000).slice(0, 60_000) } }],
    ])('answers an Action.Execute with %s with a 400 invoke response', async (_label, action) => {
      const response = await postJson(invoke({ action: { type: 'Action.Execute', ...action } }));
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    });

    it.each([
      ['a message extension query', 'composeExtension/query'],
      ['a tab fetch', 'tab/fetch'],
      ['a made-up name of 10,000 characters', 'x'.repeat(10_000)],
    ])('answers an invoke for %s, which the app does not declare, with 501 and logs it', async (_label, name) => {
      const response = await postJson({ ...message(''), type: 'invoke', name, value: {} });
      expect(response.status).toBe(501);
      const warned = logs.slice(logsBefore).filter((line) => line.event === 'unhandled-invoke');
      expect(warned).toEqual([expect.objectContaining({ level: 40, name: name.slice(0, 100) })]);
    });

    it('answers an Action.Submit whose data is malformed with one card saying the button could not be read', async () => {
      const values = [{ verb: 'page', page: -1 }, 'explain', [1, 2, 3], { verb: { $gt: '' } }];
      const before = connector.cards().length;
      for (const value of values) {
        expect((await postJson({ ...message(''), value })).status).toBe(200);
      }
      const replies = connector.cards().slice(before);
      expect(replies.map((card) => cardText(card).split('\n')[0])).toEqual(values.map(() => 'That button did not work'));
    });
  });
});

describe('slow clients and floods: bounded, and /healthz keeps answering', () => {
  let connector: FakeConnector;
  let app: App;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    const config = loadConfig({ PORT: '0', STORE_PATH: ':memory:', LOG_LEVEL: 'silent', DEMO_USERS: '20', DEMO_DAYS: '3', HTTP_MAX_CONNECTIONS: '40', HTTP_MAX_CONNECTIONS_PER_ADDRESS: '10', MAX_TURNS_IN_FLIGHT: '2' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    app = await startApp(config.config, createLogger('silent'), { now: () => NOW, httpTimeouts: { headersMs: 1000, requestMs: 1500, checkEveryMs: 100 } });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    // The server counts a connection until it sees it close.
    await new Promise((resolve) => setTimeout(resolve, 200));
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
  });

  async function open(localAddress: string): Promise<Socket> {
    const { hostname, port } = new URL(app.url);
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    sockets.push(socket);
    socket.on('error', () => undefined);
    // Flowing, so that the server's 408 is read and its close is seen.
    socket.resume();
    await once(socket, 'connect');
    return socket;
  }

  const healthz = (): Promise<number> => rawStatus(app.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');

  it('cuts off a client that trickles its headers, and one that trickles its body, long before Node’s 300 s', async () => {
    const headers = await open('127.0.0.1');
    headers.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const body = await open('127.0.0.1');
    body.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
    const ended = (socket: Socket): Promise<boolean> =>
      Promise.race([once(socket, 'close').then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 8_000))]);
    expect(await Promise.all([ended(headers), ended(body)])).toEqual([true, true]);
  });

  it('closes connections past the per-address cap at once, while another address reaches /healthz', async () => {
    for (let i = 0; i < 10; i += 1) await open('127.0.0.2');
    expect(await rawStatus(app.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', '127.0.0.2')).toBe(0);
    expect(await healthz()).toBe(200);
  });

  it('answers turns past the bound with 503 and Retry-After at once, and /healthz while the turns run', async () => {
    connector.delayMs = 2_000;
    try {
      const running = [0, 1].map((n) => postActivity(app.url, teamsMessage({ serviceUrl: connector.url, text: 'help', conversationId: `a:slow-${n}` })));
      for (let tries = 0; tries < 100; tries += 1) {
        const health = (await (await fetch(`${app.url}/healthz`)).json()) as { turnsInFlight: number };
        if (health.turnsInFlight === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const refused = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsMessage({ serviceUrl: connector.url, text: 'help' })) });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await healthz()).toBe(200);
      expect((await Promise.all(running)).map((r) => r.status)).toEqual([200, 200]);
    } finally {
      connector.delayMs = 0;
    }
  });

  it('counts in /healthz the questions it answered and those whose caller left before the answer', async () => {
    type Counts = { turnsInFlight: number; questionsAnswered: number; questionsClosedUnanswered: number };
    const counts = async (): Promise<Counts> => (await (await fetch(`${app.url}/healthz`)).json()) as Counts;
    const before = await counts();
    connector.delayMs = 1_000;
    try {
      const body = JSON.stringify(teamsMessage({ serviceUrl: connector.url, text: 'help', conversationId: 'a:leaves' }));
      const leaving = await open('127.0.0.1');
      leaving.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      for (let tries = 0; tries < 100 && (await counts()).turnsInFlight === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      leaving.destroy();
      expect((await postActivity(app.url, teamsMessage({ serviceUrl: connector.url, text: 'help', conversationId: 'a:stays' }))).status).toBe(200);
    } finally {
      connector.delayMs = 0;
    }
    const after = await counts();
    expect([after.questionsAnswered - before.questionsAnswered, after.questionsClosedUnanswered - before.questionsClosedUnanswered]).toEqual([1, 1]);
  });

  it('at the total cap, lets a new caller in by closing the oldest connection that never sent a request', async () => {
    const closed: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const socket = await open(`127.0.0.${3 + Math.floor(i / 10)}`);
      socket.on('close', () => closed.push(i));
    }
    expect(await rawStatus(app.url, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', '127.0.0.9')).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Other connections of this suite may hold part of the cap: however many made room, they are the oldest.
    expect(closed.length).toBeGreaterThan(0);
    expect(closed).toEqual(closed.map((_, i) => i));
  });
});
