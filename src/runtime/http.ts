/**
 * What an outbound HTTP answer or failure says about trying again: shared by the Graph client, the
 * turn's Bot Connector calls and proactive delivery, so all three read `Retry-After` by one rule.
 */

/**
 * `Retry-After` in ms from `nowMs`: delta-seconds (`120`, and `1.5`, which some services send) or an
 * HTTP date; a date in the past is 0. Null when absent or unreadable: the caller backs off on its own.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only something that names a day or month is a date: Date.parse reads "-5" as the year 2001.
  if (!/[a-z]{3}/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Socket errors raised before a request could be written: nothing reached the other side. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether a socket error code means the connection never opened. */
export function neverConnected(code: string | null): boolean {
  return code !== null && NOT_CONNECTED.has(code);
}
