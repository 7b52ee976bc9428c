import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';

export interface ActivityOptions {
  readonly serviceUrl: string;
  readonly text?: string;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly conversationId?: string;
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  readonly tenantId?: string;
  readonly aadObjectId?: string;
  readonly extra?: Record<string, unknown>;
}

export const BOT_ACCOUNT = { id: '28:bot-id', name: 'SendAs Watch' };

/** A Teams message activity as the Bot Connector posts it to /api/messages. */
export function teamsMessage(options: ActivityOptions): Record<string, unknown> {
  const tenantId = options.tenantId ?? '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: '2026-11-18T10:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: '29:admin-user', name: 'Adele Vance', aadObjectId: options.aadObjectId ?? '00000000-0000-4000-8000-00000000a001' },
    recipient: BOT_ACCOUNT,
    conversation: { id: options.conversationId ?? 'a:personal-chat-1', conversationType: options.conversationType ?? 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: options.locale ?? 'en-US',
    localTimezone: options.timeZone ?? 'UTC',
    text: options.text ?? '',
    ...options.extra,
  };
}

export async function postActivity(appUrl: string, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(`${appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}

/** Every TextBlock / FactSet text of a card, joined: for asserting on what an admin reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string') out.push(o.title);
      if (typeof o.value === 'string') out.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}

/** The actions (buttons) of a card, anywhere in it. */
export function cardActions(card: unknown): { type: string; verb?: string; data?: Record<string, unknown> }[] {
  const out: { type: string; verb?: string; data?: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as never);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/**
 * Writes `request` as raw bytes (any Host header, any framing) and resolves with the status of the
 * answer; 0 when the server closed the connection without one. `localAddress` picks the loopback
 * address the connection comes from (127.0.0.2 is another caller on this machine).
 */
export function rawStatus(appUrl: string, request: string, localAddress?: string): Promise<number> {
  const { hostname, port } = new URL(appUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    let received = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (status !== null) {
        socket.destroy();
        resolve(Number(status[1]));
      }
    });
    socket.on('close', () => resolve(0));
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve(0) : reject(error)));
    socket.write(request);
  });
}
