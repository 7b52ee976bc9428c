import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { ConnectorCall } from '../fakes/connector';
import { FakeConnector } from '../fakes/connector';
import { cardActions, postActivity, teamsMessage } from '../support/activities';
import type { AppProcess } from './support/app-process';
import { startAppProcess } from './support/app-process';

/** The demo tenant's anomalies are planted on 2026-11-19; the first process starts the next morning. */
const FIRST_START = '2026-11-20T06:00:00.000Z';
/** The second start is ten minutes later: the first one's two-minute leases have run out by then. */
const SECOND_START = '2026-11-20T06:10:00.000Z';

const PERSONAL = 'a:restart-personal';
const GROUP = '19:restart-group@thread.v2';
const CHANNEL = '19:restart-channel@thread.tacv2';
const BLOCKED = 'a:restart-blocked';

function startChild(storePath: string, epoch: string): Promise<AppProcess> {
  return startAppProcess({ STORE_PATH: storePath, AUDIT_SOURCE: 'demo', DEMO_USERS: '200', DEMO_DAYS: '30', LOG_LEVEL: 'info', SENDAS_TEST_EPOCH: epoch });
}

async function eventually(condition: () => Promise<boolean> | boolean, what: string, tries = 1000): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not in time: ${what}`);
}

/** Reads the outbox of the store a child process is writing (WAL lets a reader in beside it). */
function outbox(storePath: string): { anomalies: number; deliveries: Record<string, number> } {
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    const anomalies = db.prepare('SELECT COUNT(*) FROM anomalies WHERE announced_ms IS NOT NULL').pluck().get() as number;
    const rows = db.prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all() as { state: string; n: number }[];
    return { anomalies, deliveries: Object.fromEntries(rows.map((r) => [r.state, r.n])) };
  } finally {
    db.close();
  }
}

/** The states of a conversation's deliveries, with failed attempts, e.g. `pending/1`. */
function statesOf(storePath: string, conversationId: string): string[] {
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT DISTINCT state, attempts FROM deliveries WHERE conversation_id = ? ORDER BY state').all(conversationId) as { state: string; attempts: number }[];
    return rows.map((r) => `${r.state}/${r.attempts}`);
  } finally {
    db.close();
  }
}

/** The (kind, mailbox) of each anomaly on a card, read from its mute buttons. */
function itemsOf(call: ConnectorCall): string[] {
  const card = (call.body?.attachments as { content: unknown }[])[0].content;
  return cardActions(card)
    .filter((a) => a.type === 'Action.Execute' && a.data?.verb === 'mute')
    .map((a) => `${String(a.data?.kind)} ${String(a.data?.mailbox).toLowerCase()}`);
}

describe('delivery across a crash, over real HTTP, with the app in its own process', () => {
  let dir: string;
  let connector: FakeConnector;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-notify-'));
    connector = await new FakeConnector().start();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is killed mid-delivery (one send on the wire, one waiting out a 429) and restarted: one card per anomaly per conversation', async () => {
    const storePath = join(dir, 'sendas.db');
    const first = await startChild(storePath, FIRST_START);
    children.push(first.process);
    await eventually(() => outbox(storePath).anomalies >= 3, 'the first detection run');

    // The group chat's card reaches Teams, but only after the process is gone; the personal chat is
    // throttled; the blocked chat has removed the bot.
    connector.inject({ kind: 'send', conversationId: GROUP, status: 200, body: { id: 'accepted-while-the-bot-died' }, delayMs: 6000 });
    connector.inject({ kind: 'send', conversationId: PERSONAL, status: 429, headers: { 'Retry-After': '3' } });
    connector.inject({ kind: 'send', conversationId: BLOCKED, status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
    const subscribe = async (conversationId: string, conversationType: 'personal' | 'groupChat' | 'channel') => {
      const activity = teamsMessage({ serviceUrl: connector.url, text: 'subscribe', conversationId, conversationType });
      expect((await postActivity(first.url, activity)).status).toBe(200);
      await connector.waitFor((calls) => calls.some((c) => c.kind === 'reply' && c.activityId === activity.id));
    };
    await subscribe(GROUP, 'groupChat');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await subscribe(PERSONAL, 'personal');
    await subscribe(CHANNEL, 'channel');
    await subscribe(BLOCKED, 'personal');
    const sends = (conversationId: string) => connector.calls.filter((c) => c.kind === 'send' && c.conversationId === conversationId);
    await connector.waitFor(() => sends(PERSONAL).length === 1 && sends(CHANNEL).length === 1 && sends(BLOCKED).length === 1, 10_000);
    const throttled = sends(PERSONAL)[0];
    const refused = sends(BLOCKED)[0];
    expect(sends(GROUP)).toEqual([]);
    // The moment to die: the personal chat waits out its 429, the group chat's card is on the wire.
    await eventually(() => statesOf(storePath, PERSONAL).join() === 'pending/1' && statesOf(storePath, BLOCKED).join() === 'dead/1' && statesOf(storePath, CHANNEL).join() === 'sent/0', 'the answers recorded');
    expect(statesOf(storePath, GROUP)).toEqual(['sending/0']);
    expect(sends(GROUP)).toEqual([]);
    first.process.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    // Teams took the group chat's card after all.
    await connector.waitFor(() => sends(GROUP).length === 1, 10_000);

    expect(statesOf(storePath, GROUP)).toEqual(['sending/0']);
    expect(statesOf(storePath, PERSONAL)).toEqual(['pending/1']);

    const second = await startChild(storePath, SECOND_START);
    children.push(second.process);
    await connector.waitFor(() => sends(PERSONAL).length === 2, 20_000);
    await eventually(() => {
      const { deliveries } = outbox(storePath);
      return (deliveries.pending ?? 0) === 0 && (deliveries.sending ?? 0) === 0 && (deliveries.unknown ?? 0) > 0;
    }, 'the outbox to settle');
    second.process.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // Exactly one card per anomaly per conversation; nothing ever reached the blocked chat.
    const after = new SqliteStore(storePath);
    const refusedCalls = new Set([throttled, refused]);
    for (const conversationId of [PERSONAL, GROUP, CHANNEL]) {
      const delivered = (await after.listDeliveries({ conversationId })).filter((d) => d.state !== 'cancelled');
      const expected = await Promise.all(delivered.map(async (d) => {
        const a = (await after.getAnomaly(d.anomalyKey))?.anomaly;
        return `${String(a?.kind)} ${String(a?.mailbox)}`;
      }));
      expect(new Set(expected).size).toBe(expected.length);
      const shown = sends(conversationId).filter((c) => !refusedCalls.has(c)).flatMap(itemsOf);
      expect(shown.sort()).toEqual(expected.sort());
      expect(expected.length).toBeGreaterThanOrEqual(3);
    }
    expect(sends(BLOCKED)).toEqual([refused]);
    // Each conversation got one reply, the "notifications are on" notice: no error card after a refusal.
    for (const conversationId of [PERSONAL, GROUP, CHANNEL, BLOCKED]) {
      expect(connector.calls.filter((c) => c.kind === 'reply' && c.conversationId === conversationId && c.body?.type === 'message')).toHaveLength(1);
    }
    expect(await after.getConversation(BLOCKED)).toBeNull();
    expect((await after.listDeliveries({ conversationId: GROUP })).every((d) => d.state === 'unknown' || d.state === 'sent')).toBe(true);
    expect((await after.listDeliveries({ conversationId: PERSONAL })).every((d) => d.state === 'sent')).toBe(true);
    await after.close();

    const events = (name: string) => second.logs.filter((l) => l.event === name);
    expect(events('delivery-unknown')).toEqual([expect.objectContaining({ conversation: GROUP, reason: 'lease expired' })]);
    expect(events('notification-sent')).toContainEqual(expect.objectContaining({ conversation: PERSONAL, attempt: 2 }));
    expect(JSON.stringify(second.logs)).not.toMatch(/Invoice|"subject":"[^[]/);
  }, 180_000);
});
