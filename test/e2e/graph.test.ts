import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import { FakeConnector } from '../fakes/connector';
import { demoGraphRecords } from '../fakes/demo-records';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import { cardText, postActivity, teamsMessage } from '../support/activities';
import { quickTimers } from '../support/timers';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const isProgress = (body: unknown): boolean => cardText(body).includes('Asking Microsoft Graph');

function graphConfig(storePath: string, fake: FakeGraph): Config {
  const result = loadConfig({
    PORT: '0',
    STORE_PATH: storePath,
    LOG_LEVEL: 'silent',
    AUDIT_SOURCE: 'graph',
    AZURE_TENANT_ID: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    AZURE_CLIENT_ID: '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70',
    AZURE_CLIENT_SECRET: 'test-only-secret',
    GRAPH_BASE_URL: fake.baseUrl,
    BACKFILL_DAYS: '2',
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

describe('questions the store cannot answer go to Graph: progress card, then the same card updated', () => {
  let dir: string;
  let connector: FakeConnector;
  let fake: FakeGraph;
  const apps: App[] = [];

  async function start(): Promise<App> {
    const app = await startApp(graphConfig(join(dir, 'sendas.db'), fake), createLogger('silent'), {
      now: () => NOW,
      graph: { clock: { now: () => NOW }, timers: quickTimers, credential: fake.credential() },
      progressEveryMs: 50,
    });
    apps.push(app);
    return app;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-graph-e2e-'));
    connector = await new FakeConnector().start();
    fake = await startFakeGraph({ records: demoGraphRecords({ end: NOW.toISOString(), days: 90, users: 200, seed: 42 }), now: () => NOW, pollsNotStarted: 1, pollsRunning: 2 });
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await connector.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const september = { from: '2026-09-01T00:00:00.000Z', to: '2026-10-01T00:00:00.000Z' };
  const createsFor = (window: { from: string; to: string }) =>
    fake.requests.filter(
      (r) => r.route === 'create' && r.status < 300 && Date.parse((r.body as { filterStartDateTime?: string }).filterStartDateTime ?? '') === Date.parse(window.from),
    );

  async function askAndAwaitUpdate(app: App, text: string): Promise<{ progress: string; final: string; activityId: string }> {
    const activity = teamsMessage({ serviceUrl: connector.url, text });
    const before = connector.calls.length;
    expect((await postActivity(app.url, activity)).status).toBe(200);
    await connector.waitFor((calls) => calls.slice(before).some((c) => c.kind === 'reply' && c.activityId === activity.id));
    const reply = connector.calls.slice(before).find((c) => c.kind === 'reply' && c.activityId === activity.id);
    const activityId = reply?.assignedId as string;
    await connector.waitFor((calls) => calls.some((c) => c.kind === 'update' && c.activityId === activityId && !isProgress(c.body)), 20_000);
    const update = [...connector.calls].reverse().find((c) => c.kind === 'update' && c.activityId === activityId);
    return { progress: cardText(reply?.body), final: cardText(update?.body), activityId };
  }

  it('fetches September from Graph and answers into the progress card', async () => {
    const app = await start();
    const { progress, final } = await askAndAwaitUpdate(app, 'who sent as finance@contoso.com in September 2026');
    expect(progress).toMatch(/Asking Microsoft Graph/);
    expect(createsFor(september)).toHaveLength(1);
    const expected = fake.idsIn(september.from, september.to).length;
    expect(expected).toBeGreaterThan(100);
    const stored = await app.store.stats(september);
    expect(stored.totalEvents).toBe(expected);
    expect(final).toMatch(/finance@contoso\.com/);
    expect(final).not.toMatch(/No audit data has been loaded/);
    expect(await app.store.uncovered(september)).toEqual([]);
    // Asked again: answered from the store at once, no new Graph query.
    const again = teamsMessage({ serviceUrl: connector.url, text: 'who sent as finance@contoso.com in September 2026' });
    const before = connector.cards().length;
    await postActivity(app.url, again);
    await connector.waitFor(() => connector.cards().length > before);
    expect(createsFor(september)).toHaveLength(1);
  });

  it('shares one Graph query between two identical questions in flight', async () => {
    const app = await start();
    const [a, b] = await Promise.all([
      askAndAwaitUpdate(app, 'who sent as finance@contoso.com in September 2026'),
      askAndAwaitUpdate(app, 'who sent as finance@contoso.com in September 2026'),
    ]);
    expect(a.activityId).not.toBe(b.activityId);
    expect(createsFor(september)).toHaveLength(1);
    expect(a.final).toMatch(/finance@contoso\.com/);
    expect(b.final).toMatch(/finance@contoso\.com/);
  });

  it('resumes a question after a restart without submitting the query again', async () => {
    fake.faults.slowQueries = { times: 1, polls: 1_000_000, window: september };
    const first = await start();
    const activity = teamsMessage({ serviceUrl: connector.url, text: 'who sent as finance@contoso.com in September 2026' });
    await postActivity(first.url, activity);
    await connector.waitFor((calls) => calls.some((c) => c.kind === 'reply' && c.activityId === activity.id));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(createsFor(september)).toHaveLength(1);
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const progressId = connector.calls.find((c) => c.kind === 'reply' && c.activityId === activity.id)?.assignedId as string;

    fake.faults.slowQueries = { times: 0, polls: 0 };
    for (const query of fake.queries.values()) query.polls = Math.max(query.polls, query.pollsToFinish);
    await start();
    await connector.waitFor((calls) => calls.some((c) => c.kind === 'update' && c.activityId === progressId && cardText(c.body).includes('finance@contoso.com') && !isProgress(c.body)), 20_000);
    expect(createsFor(september)).toHaveLength(1);
  });

  it('says plainly which permission needs consent when Graph refuses', async () => {
    fake.faults.forbidden = 'graph';
    const app = await start();
    const { final } = await askAndAwaitUpdate(app, 'who sent as finance@contoso.com in September 2026');
    expect(final).toMatch(/AuditLogsQuery-Exchange\.Read\.All/);
  });
});
