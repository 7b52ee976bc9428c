import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackFake } from './loopback';

/**
 * A fake OneDrive for Business upload session endpoint: what a bot PUTs a file into after the admin
 * accepts a Teams file consent card (`uploadInfo.uploadUrl`). It speaks the upload-session semantics of
 * driveItem/createUploadSession over real HTTP on loopback:
 *
 * - `PUT {uploadUrl}` with `Content-Range: bytes {start}-{end}/{total}` and a matching `Content-Length`;
 *   no Authorization header (the URL is pre-authorised; OneDrive fails a PUT that carries one).
 * - A fragment that leaves bytes missing: 202 Accepted with `nextExpectedRanges`; the last one: 201
 *   Created with the drive item. A fragment that does not start where the session expects: 416.
 * - An expired (or unknown) session: 404 `itemNotFound`. A malformed range: 400 `invalidRange`.
 * - `GET {uploadUrl}`: the session's status (`expirationDateTime`, `nextExpectedRanges`).
 */

export interface UploadSession {
  readonly id: string;
  readonly name: string;
  readonly uploadUrl: string;
  readonly contentUrl: string;
  readonly uniqueId: string;
  /** What `fileConsent/invoke` carries as `uploadInfo`. */
  readonly uploadInfo: { name: string; uploadUrl: string; contentUrl: string; uniqueId: string; fileType: string; etag: string };
}

export interface ReceivedPut {
  readonly sessionId: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  readonly status: number;
}

/** A scripted answer to the next PUT instead of the session's own (a 503, a 500 ...). */
export interface UploadFault {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

interface SessionState {
  readonly session: UploadSession;
  expired: boolean;
  received: Buffer;
  total: number | null;
  complete: boolean;
}

function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

export class FakeOneDriveUpload extends LoopbackFake {
  readonly puts: ReceivedPut[] = [];
  private readonly sessions = new Map<string, SessionState>();
  private readonly faults: UploadFault[] = [];

  constructor() {
    super('fake upload endpoint');
  }

  get url(): string {
    return `${this.origin}`;
  }

  /** Opens a session, as Teams does in the admin's OneDrive when they press Allow. */
  openSession(name: string): UploadSession {
    const id = randomUUID();
    const uniqueId = randomUUID().toUpperCase();
    const uploadUrl = `${this.url}/up/${id}`;
    const contentUrl = `${this.url}/personal/adele_contoso_com/Documents/Applications/SendAs%20Watch/${encodeURIComponent(name)}`;
    const session: UploadSession = {
      id,
      name,
      uploadUrl,
      contentUrl,
      uniqueId,
      uploadInfo: { name, uploadUrl, contentUrl, uniqueId, fileType: name.split('.').pop() ?? '', etag: '1' },
    };
    this.sessions.set(id, { session, expired: false, received: Buffer.alloc(0), total: null, complete: false });
    return session;
  }

  /** The session's upload URL stops working: later PUTs get 404, as after its expirationDateTime. */
  expire(sessionId: string): void {
    const state = this.sessions.get(sessionId);
    if (state !== undefined) state.expired = true;
  }

  inject(fault: UploadFault): void {
    this.faults.push(fault);
  }

  /** The file as stored once complete; null while bytes are missing. */
  file(sessionId: string): Buffer | null {
    const state = this.sessions.get(sessionId);
    return state?.complete === true ? state.received : null;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const parts = new URL(req.url ?? '/', 'http://fake').pathname.split('/').filter((p) => p !== '');
    const state = parts[0] === 'up' && parts[1] !== undefined ? this.sessions.get(parts[1]) : undefined;
    const send = (status: number, payload: string, headers: Record<string, string> = {}): void => {
      if (req.method === 'PUT') {
        const seen: Record<string, string | undefined> = {};
        for (const [key, value] of Object.entries(req.headers)) seen[key] = Array.isArray(value) ? value.join(', ') : value;
        this.puts.push({ sessionId: parts[1] ?? '', headers: seen, body, status });
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload);
    };
    if (state === undefined || state.expired) {
      send(404, errorBody('itemNotFound', 'The upload session was not found or has expired.'));
      return;
    }
    if (req.method === 'GET') {
      send(200, JSON.stringify(this.status(state)));
      return;
    }
    if (req.method !== 'PUT') {
      send(405, errorBody('invalidRequest', 'Only PUT and GET are allowed on an upload session.'));
      return;
    }
    const fault = this.faults.shift();
    if (fault !== undefined) {
      send(fault.status, errorBody('serviceNotAvailable', 'Scripted fault.'), fault.headers);
      return;
    }
    if (req.headers.authorization !== undefined) {
      send(401, errorBody('unauthenticated', 'Do not send an Authorization header to an upload URL.'));
      return;
    }
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
    if (range === null) {
      send(400, errorBody('invalidRange', 'Content-Range must read bytes {start}-{end}/{total}.'));
      return;
    }
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    const length = Number(req.headers['content-length']);
    if (end < start || end >= total || length !== end - start + 1 || body.length !== length) {
      send(400, errorBody('invalidRange', `The range ${start}-${end}/${total} does not match ${body.length} bytes sent.`));
      return;
    }
    if (start !== state.received.length || (state.total !== null && state.total !== total)) {
      send(416, JSON.stringify({ error: { code: 'invalidRange', message: 'Fragment out of order.' }, nextExpectedRanges: [`${state.received.length}-`] }));
      return;
    }
    state.total = total;
    state.received = Buffer.concat([state.received, body]);
    if (state.received.length < total) {
      send(202, JSON.stringify(this.status(state)));
      return;
    }
    state.complete = true;
    send(201, JSON.stringify({ id: state.session.uniqueId, name: state.session.name, size: total, file: { mimeType: 'text/csv' }, webUrl: state.session.contentUrl }));
  }

  private status(state: SessionState): Record<string, unknown> {
    return {
      expirationDateTime: new Date(Date.now() + 15 * 60_000).toISOString(),
      nextExpectedRanges: state.complete ? [] : [`${state.received.length}-${state.total === null ? '' : state.total - 1}`],
    };
  }
}
