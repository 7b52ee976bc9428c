import { turnErrorHandler } from '../../src/bot/bot';
import { createLogger } from '../../src/runtime/logger';
import { loadConfig } from '../../src/config';
import { createAdapter } from '../../src/bot/adapter';
import { BotFrameworkSender, outcomeOfError } from '../../src/notify/sender';
import type { StoredConversation } from '../../src/store/store';
import { FakeConnector } from '../fakes/connector';
import { conversation } from './fixtures';

const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'hello' }] } as const;
const NOW = Date.parse('2026-11-20T06:00:00.000Z');

function stored(id: string, serviceUrl: string, type: 'personal' | 'channel' = 'personal'): StoredConversation {
  return { ...conversation(id, serviceUrl, type), subscribed: true, subscribedAt: null, locale: 'en', timeZone: 'UTC', seenAt: '2026-11-20T06:00:00.000Z' };
}

describe('the Bot Framework sender, anonymous, against the fake connector over HTTP', () => {
  let connector: FakeConnector;
  let sender: BotFrameworkSender;
  const warnings: string[] = [];

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    if (!config.ok) throw new Error(config.errors.join('; '));
    // As in the app: a turn error handler that would post an error card if a failed send reached it.
    const adapter = createAdapter(config.config);
    adapter.onTurnError = turnErrorHandler(createLogger('silent'));
    sender = new BotFrameworkSender(adapter, '', 5000, () => NOW, (message) => warnings.push(message));
  });
  afterAll(() => connector.stop());

  it('posts a new message to the conversation, not a reply, and returns the activity id', async () => {
    const outcome = await sender.send(stored('a:chat-1', connector.url), CARD);
    expect(outcome).toEqual({ ok: true, activityId: expect.stringMatching(/^fake-/) });
    const call = connector.calls.at(-1);
    expect(call).toMatchObject({ kind: 'send', method: 'POST', conversationId: 'a:chat-1', authorization: null });
    expect(call?.body).toMatchObject({ type: 'message', conversation: { id: 'a:chat-1' }, from: { id: '28:bot-id' }, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: CARD }] });
    expect(call?.body?.replyToId).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('reports a 429 at once with its Retry-After: one call, no retry hidden in the client', async () => {
    const before = connector.calls.length;
    connector.inject({ kind: 'send', status: 429, headers: { 'Retry-After': '7' } });
    const outcome = await sender.send(stored('a:chat-2', connector.url), CARD);
    expect(outcome).toEqual({ ok: false, status: 429, code: 'Injected', retryAfterMs: 7000, certain: true });
    expect(connector.calls.length - before).toBe(1);
  });

  it.each([
    [503, 'ServiceUnavailable'],
    [502, 'BadGateway'],
  ])('reports a %i at once too', async (status, code) => {
    const before = connector.calls.length;
    connector.inject({ kind: 'send', status, body: { error: { code, message: 'try later' } } });
    expect(await sender.send(stored('a:chat-3', connector.url), CARD)).toEqual({ ok: false, status, code, retryAfterMs: null, certain: true });
    expect(connector.calls.length - before).toBe(1);
  });

  it('reads the error code Teams gives with a 403', async () => {
    connector.inject({ kind: 'send', status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    expect(await sender.send(stored('a:chat-4', connector.url), CARD)).toMatchObject({ ok: false, status: 403, code: 'BotNotInConversationRoster', certain: true });
    // Nothing else went to that conversation: no error card from the turn error handler.
    expect(connector.calls.filter((c) => c.conversationId === 'a:chat-4')).toHaveLength(1);
  });

  it('calls a refused connection certain (nothing was sent) and answers without throwing', async () => {
    const closed = await new FakeConnector().start();
    const url = closed.url;
    await closed.stop();
    expect(await sender.send(stored('a:chat-5', url), CARD)).toEqual({ ok: false, status: null, code: 'ECONNREFUSED', retryAfterMs: null, certain: true });
  });

  it('calls a send that got no answer in time uncertain: it may have been read', async () => {
    const config = loadConfig({});
    if (!config.ok) throw new Error(config.errors.join('; '));
    const slow = new BotFrameworkSender(createAdapter(config.config), '', 300, () => NOW, () => undefined);
    connector.inject({ kind: 'send', status: 200, delayMs: 1500, body: { id: 'late' } });
    const outcome = await slow.send(stored('a:chat-6', connector.url), CARD);
    expect(outcome).toMatchObject({ ok: false, status: null, certain: false });
    // And indeed the connector took it, after the sender had stopped waiting.
    await connector.waitFor((calls) => calls.some((c) => c.conversationId === 'a:chat-6' && c.kind === 'send'));
  });
});

describe('outcomeOfError', () => {
  it('reads status, code and a Retry-After date from a connector error', () => {
    const error = {
      statusCode: 429,
      code: 'Throttled',
      details: { error: { code: 'Throttled' } },
      response: { headers: { get: (name: string) => (name === 'retry-after' ? 'Fri, 20 Nov 2026 06:00:30 GMT' : undefined) } },
    };
    expect(outcomeOfError(error, NOW)).toEqual({ ok: false, status: 429, code: 'Throttled', retryAfterMs: 30_000, certain: true });
  });

  it('treats a reset connection and anything unrecognisable as uncertain', () => {
    expect(outcomeOfError({ code: 'ECONNRESET' }, NOW)).toEqual({ ok: false, status: null, code: 'ECONNRESET', retryAfterMs: null, certain: false });
    expect(outcomeOfError('boom', NOW)).toEqual({ ok: false, status: null, code: null, retryAfterMs: null, certain: false });
  });
});
