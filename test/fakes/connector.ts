import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackFake } from './loopback';

/** One call the bot made to the Bot Connector, as the fake received it. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** The activity id in the path (reply-to or updated activity), if any. */
  readonly activityId: string | null;
  readonly kind: 'reply' | 'send' | 'update' | 'member' | 'create' | 'other';
  readonly body: Record<string, unknown> | null;
  readonly authorization: string | null;
  /** The id the fake assigned to a posted activity. */
  readonly assignedId: string | null;
  readonly at: number;
}

export interface Member {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly userPrincipalName: string;
  readonly email?: string;
}

/** A scripted answer for the next matching call: fault injection for 429s, 403s, slow replies. */
export interface Fault {
  readonly kind?: ConnectorCall['kind'];
  readonly conversationId?: string;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly delayMs?: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A fake Bot Connector service speaking the REST routes a bot uses (Bot Framework v3): replies, sends,
 * updates, members and conversation creation, over real HTTP on loopback.
 */
export class FakeConnector extends LoopbackFake {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, Member>();
  private readonly faults: Fault[] = [];
  private nextId = 1;
  private waiters: { predicate: (calls: readonly ConnectorCall[]) => boolean; resolve: () => void }[] = [];
  /** Delay every answer by this much (a slow connector). */
  delayMs = 0;

  constructor() {
    super('fake connector');
  }

  get url(): string {
    return `${this.origin}/`;
  }

  /** The next call matching the fault's kind and conversation gets this answer instead. */
  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  addMember(member: Member): void {
    this.members.set(member.id, member);
  }

  /** Activities the bot delivered (replies, sends, updates) with their bodies. */
  activities(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => (c.kind === 'reply' || c.kind === 'send' || c.kind === 'update') && (conversationId === undefined || c.conversationId === conversationId),
    );
  }

  /** Card attachments the bot delivered, newest last. */
  cards(conversationId?: string): Record<string, unknown>[] {
    return this.activities(conversationId).flatMap((c) => {
      const attachments = (c.body?.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [];
      return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
    });
  }

  /** Resolves once `predicate` holds for the calls received so far. */
  waitFor(predicate: (calls: readonly ConnectorCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate(this.calls)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake connector: condition not met in ${timeoutMs} ms (${this.calls.length} calls)`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
    // v3/conversations[/{id}[/activities[/{activityId}] | /members/{userId}]]
    const conversationId = parts[2] ?? '';
    let kind: ConnectorCall['kind'] = 'other';
    let activityId: string | null = null;
    if (parts[0] === 'v3' && parts[1] === 'conversations') {
      if (parts.length === 2 && req.method === 'POST') kind = 'create';
      else if (parts[3] === 'activities' && parts.length === 5) {
        activityId = parts[4];
        kind = req.method === 'PUT' ? 'update' : 'reply';
      } else if (parts[3] === 'activities' && parts.length === 4) kind = 'send';
      else if (parts[3] === 'members' && parts.length === 5) kind = 'member';
    }
    let body: Record<string, unknown> | null = null;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = { unparsable: raw };
      }
    }
    const faultIndex = this.faults.findIndex((f) => (f.kind === undefined || f.kind === kind) && (f.conversationId === undefined || f.conversationId === conversationId));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : null;
    const delay = fault?.delayMs ?? this.delayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

    let status = 200;
    let answer: unknown = {};
    let assignedId: string | null = null;
    if (fault !== null) {
      status = fault.status;
      answer = fault.body ?? { error: { code: 'Injected', message: `injected ${fault.status}` } };
      for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
    } else if (kind === 'reply' || kind === 'send' || kind === 'create') {
      assignedId = `fake-${this.nextId++}`;
      answer = kind === 'create' ? { id: `conversation-${assignedId}`, activityId: assignedId } : { id: assignedId };
      status = kind === 'create' ? 201 : 200;
    } else if (kind === 'update') {
      answer = { id: activityId };
    } else if (kind === 'member') {
      const member = this.members.get(parts[4]);
      if (member === undefined) {
        status = 404;
        answer = { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation.' } };
      } else answer = member;
    } else {
      status = 404;
      answer = { error: { code: 'NotFound', message: `no route ${req.method ?? ''} ${url.pathname}` } };
    }
    this.calls.push({
      method: req.method ?? '',
      path: url.pathname,
      conversationId,
      activityId,
      kind,
      body,
      authorization: req.headers.authorization ?? null,
      assignedId: fault === null ? assignedId : null,
      at: Date.now(),
    });
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer));
    const ready = this.waiters.filter((w) => w.predicate(this.calls));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}
