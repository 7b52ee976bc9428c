import { betaFallbackOf } from '../../src/audit/graph/client';
import { backoffDelay, DEFAULT_POLL_LADDER, DEFAULT_RETRY_POLICY, pollDelay } from '../../src/audit/graph/retry';
import { parseRetryAfter as retryAfterMs } from '../../src/runtime/http';
import { createQueryBody, graphErrorText } from '../../src/audit/graph/wire';

const NOW = Date.parse('2026-09-01T10:00:00Z');

describe('Retry-After', () => {
  test('delta-seconds', () => expect(retryAfterMs('120', NOW)).toBe(120_000));
  test('an HTTP date, measured from now', () => expect(retryAfterMs('Tue, 01 Sep 2026 10:00:30 GMT', NOW)).toBe(30_000));
  test('a date already past means no wait', () => expect(retryAfterMs('Tue, 01 Sep 2026 09:00:00 GMT', NOW)).toBe(0));
  test('absent or unreadable: the caller backs off on its own', () => {
    expect(retryAfterMs(null, NOW)).toBeNull();
    expect(retryAfterMs('soon', NOW)).toBeNull();
  });
});

test('exponential backoff doubles from the base and stops at the cap', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 5000 };
  expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, policy))).toEqual([1000, 2000, 4000, 5000, 5000]);
});

test('polling: 5 s in the first minute, 15 s until five minutes, 30 s after', () => {
  expect([0, 59_999, 60_000, 299_999, 300_000, 3_600_000].map((age) => pollDelay(age, DEFAULT_POLL_LADDER))).toEqual([5000, 5000, 15000, 15000, 30000, 30000]);
});

test('beta fallback only for a v1.0 root', () => {
  expect(betaFallbackOf('https://graph.microsoft.com/v1.0')).toBe('https://graph.microsoft.com/beta');
  expect(betaFallbackOf('https://graph.microsoft.com/v1.0/')).toBe('https://graph.microsoft.com/beta');
  expect(betaFallbackOf('https://graph.microsoft.com/beta')).toBeNull();
});

test('the create body asks for Exchange item SendAs / SendOnBehalf records in the window, and nothing else', () => {
  expect(createQueryBody({ from: '2026-09-01T00:00:00.000Z', to: '2026-09-01T12:30:00.250Z' }, 'x')).toEqual({
    '@odata.type': '#microsoft.graph.security.auditLogQuery',
    displayName: 'x',
    filterStartDateTime: '2026-09-01T00:00:00Z',
    filterEndDateTime: '2026-09-01T12:30:00.250Z',
    recordTypeFilters: ['exchangeItem'],
    operationFilters: ['SendAs', 'SendOnBehalf'],
  });
});

describe('Graph error text', () => {
  test('Graph error body: code, message and request id', () => {
    const body = JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.', innerError: { 'request-id': 'r-1' } } });
    expect(graphErrorText(body)).toBe('Authorization_RequestDenied: Insufficient privileges to complete the operation. (request-id r-1)');
  });
  test('the audit backend body', () => expect(graphErrorText('{"message":"User:admin@contoso.com dont have any permissions"}')).toBe('User:admin@contoso.com dont have any permissions'));
  test('the audit backend body with a capital Message, as it is usually written', () =>
    expect(graphErrorText('{"Message":"User:admin@contoso.com dont have any permissions"}')).toBe('User:admin@contoso.com dont have any permissions'));
  test('a Graph error whose message is spelt Message', () => expect(graphErrorText('{"error":{"code":"UnknownError","Message":"An error has occurred."}}')).toBe('UnknownError: An error has occurred.'));
  test('not JSON: the start of the text', () => expect(graphErrorText('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>'));
});
