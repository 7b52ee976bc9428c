import { neverConnected, parseRetryAfter } from '../../src/runtime/http';

describe('Retry-After, one rule for Graph, the Bot Connector and delivery', () => {
  const now = Date.parse('2026-11-20T06:00:00.000Z');
  it('reads seconds, fractions and HTTP dates; a past date means now', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Fri, 20 Nov 2026 06:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 05:00:00 GMT', now)).toBe(0);
  });
  it('reads the whole seconds and dates Graph sends', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 06:00:30 GMT', now)).toBe(30_000);
  });
  it('ignores what is absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('a socket error that means nothing was sent', () => {
  it('is one raised before the connection opened', () => {
    expect(neverConnected('ECONNREFUSED')).toBe(true);
    expect(neverConnected('ECONNRESET')).toBe(false);
    expect(neverConnected(null)).toBe(false);
  });
});
