import { decide, describeFailure } from '../../src/notify/retry';
import type { SendOutcome } from '../../src/notify/retry';
import { RateLimiter } from '../../src/notify/rate';
import { DEFAULT_NOTIFY_SETTINGS } from '../../src/notify/settings';

const settings = { ...DEFAULT_NOTIFY_SETTINGS, backoffBaseMs: 1000, backoffCapMs: 60_000, maxAttempts: 5, retryAfterCapMs: 600_000 };
const middle = () => 0.5;

function failed(status: number | null, code: string | null = null, retryAfterMs: number | null = null, certain = status !== null): SendOutcome {
  return { ok: false, status, code, retryAfterMs, certain };
}

describe('what a send outcome leads to', () => {
  it('completes a send the connector accepted', () => {
    expect(decide({ ok: true, activityId: 'a1' }, 3, settings, middle)).toEqual({ kind: 'sent', activityId: 'a1' });
  });

  it.each([412, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(decide(failed(status), 0, settings, middle).kind).toBe('retry');
  });

  it('honours Retry-After, with at most a second of jitter on top, and caps an absurd one', () => {
    expect(decide(failed(429, null, 7000), 0, settings, () => 0)).toMatchObject({ kind: 'retry', delayMs: 7000 });
    expect(decide(failed(429, null, 7000), 0, settings, () => 0.999)).toMatchObject({ kind: 'retry', delayMs: 7699 });
    expect(decide(failed(503, null, 86_400_000), 0, settings, () => 0)).toMatchObject({ kind: 'retry', delayMs: 600_000 });
  });

  it('backs off exponentially without Retry-After, ±20 %, up to the cap', () => {
    const delays = [0, 1, 2, 3].map((attempts) => {
      const d = decide(failed(502), attempts, settings, middle);
      return d.kind === 'retry' ? d.delayMs : -1;
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    const low = decide(failed(502), 1, settings, () => 0);
    const high = decide(failed(502), 1, settings, () => 0.9999);
    expect(low).toMatchObject({ delayMs: 1600 });
    expect(high).toMatchObject({ delayMs: 2400 });
    const capped = decide(failed(502), 3, { ...settings, maxAttempts: 50, backoffCapMs: 5000 }, middle);
    expect(capped).toMatchObject({ delayMs: 5000 });
  });

  it('gives up after the last attempt', () => {
    expect(decide(failed(429, null, 1000), 3, settings, middle).kind).toBe('retry');
    expect(decide(failed(429, null, 1000), 4, settings, middle)).toEqual({ kind: 'dead', failure: 'HTTP 429 Retry-After 1 s; gave up after 5 attempts' });
  });

  it.each([
    [403, 'BotNotInConversationRoster'],
    [403, 'MessageWritesBlocked'],
    [403, 'ConversationBlockedByUser'],
    [404, 'ConversationNotFound'],
    [404, null],
  ])('forgets the conversation on %i %s', (status, code) => {
    expect(decide(failed(status, code), 0, settings, middle)).toEqual({ kind: 'gone', failure: describeFailure(failed(status, code) as never) });
  });

  it('gives up on other refusals but keeps the conversation', () => {
    expect(decide(failed(403, 'Forbidden'), 0, settings, middle)).toEqual({ kind: 'dead', failure: 'HTTP 403 Forbidden' });
    expect(decide(failed(400, 'BadArgument'), 0, settings, middle).kind).toBe('dead');
    expect(decide(failed(413), 0, settings, middle).kind).toBe('dead');
  });

  it('retries a connection that never opened, and never resends one that may have been read', () => {
    expect(decide(failed(null, 'ECONNREFUSED', null, true), 0, settings, middle).kind).toBe('retry');
    expect(decide(failed(null, 'ECONNRESET', null, false), 0, settings, middle)).toEqual({ kind: 'unknown', failure: 'no answer ECONNRESET' });
  });
});

describe('the rate limiter', () => {
  it('allows one send per conversation per second and counts each conversation apart', () => {
    const limiter = new RateLimiter([{ windowMs: 1000, max: 1 }]);
    expect(limiter.delayFor('a', 0)).toBe(0);
    limiter.record('a', 0);
    expect(limiter.delayFor('a', 400)).toBe(600);
    expect(limiter.delayFor('b', 400)).toBe(0);
    expect(limiter.delayFor('a', 1000)).toBe(0);
  });

  it('applies every window: the longest full one decides', () => {
    const limiter = new RateLimiter([
      { windowMs: 1000, max: 7 },
      { windowMs: 30_000, max: 10 },
    ]);
    for (let i = 0; i < 10; i += 1) limiter.record('a', i * 1000);
    // Ten in the last 30 s: the oldest (t=0) must leave the window first.
    expect(limiter.delayFor('a', 10_000)).toBe(20_000);
    expect(limiter.delayFor('a', 30_000)).toBe(0);
  });

  it('holds a conversation while the connector asked it to wait', () => {
    const limiter = new RateLimiter([{ windowMs: 1000, max: 5 }]);
    limiter.pause('a', 9000);
    limiter.pause('a', 4000);
    expect(limiter.delayFor('a', 1000)).toBe(8000);
    expect(limiter.delayFor('a', 9000)).toBe(0);
  });
});
