/**
 * Putting a file into the upload session Teams opened in the admin's OneDrive after they accepted the
 * file consent card. The URL is pre-authorised: it takes no Authorization header. The whole file goes in
 * one PUT with `Content-Range: bytes 0-(n-1)/n` (the export stays under OneDrive's 60 MiB per fragment);
 * the session answers 200 or 201 with the finished item, 202 while it waits for more bytes, 404 once the
 * session has expired, and a 5xx may be retried.
 */

export type UploadOutcome =
  | { readonly kind: 'uploaded' }
  /** The session is gone (404/410): the admin presses Export again for a new one. */
  | { readonly kind: 'expired'; readonly status: number }
  | { readonly kind: 'failed'; readonly status: number | null; readonly detail: string };

export interface UploadOptions {
  /** Retries of a 5xx answer or a dropped connection, after the first try. */
  readonly retries?: number;
  /** Wait before retry n (1-based). */
  readonly backoffMs?: (attempt: number) => number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const RETRIED_STATUSES = new Set([500, 502, 503, 504]);

/**
 * Only an https URL is written to, or plain http to this machine (local fakes, the Agents Playground):
 * the URL comes in an invoke, and the bytes are audit data.
 */
export function acceptableUploadUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function uploadToSession(uploadUrl: string, bytes: Buffer, options: UploadOptions = {}): Promise<UploadOutcome> {
  if (!acceptableUploadUrl(uploadUrl)) return { kind: 'failed', status: null, detail: 'the upload URL is not https' };
  if (bytes.length === 0) return { kind: 'failed', status: null, detail: 'nothing to upload' };
  const doFetch = options.fetch ?? fetch;
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? ((attempt: number) => 500 * 2 ** (attempt - 1));
  let last: UploadOutcome = { kind: 'failed', status: null, detail: 'not tried' };
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    if (attempt > 0) await wait(backoff(attempt));
    let response: Response;
    try {
      response = await doFetch(uploadUrl, {
        method: 'PUT',
        headers: {
          'Content-Length': String(bytes.length),
          'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
          'Content-Type': 'application/octet-stream',
        },
        body: bytes,
        signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      last = { kind: 'failed', status: null, detail: error instanceof Error ? error.message : String(error) };
      continue;
    }
    // The body (the drive item, or an error) is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 200 || response.status === 201) return { kind: 'uploaded' };
    if (response.status === 404 || response.status === 410) return { kind: 'expired', status: response.status };
    last = { kind: 'failed', status: response.status, detail: `HTTP ${response.status}` };
    // 202 means the session still expects bytes we believe we sent: sending the same range again will not help.
    if (!RETRIED_STATUSES.has(response.status)) return last;
  }
  return last;
}
