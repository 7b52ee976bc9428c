import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { RIGHTS_CMDLETS } from '../../src/rights';
import { createLogger } from '../../src/runtime/logger';
import { adminRecord } from '../fakes/admin-records';
import { FakeConnector } from '../fakes/connector';
import { demoGraphRecords } from '../fakes/demo-records';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import { cardText, postActivity, teamsMessage } from '../support/activities';
import { quickTimers } from '../support/timers';

const NOW = new Date('2026-11-18T10:00:00.000Z');

const GRANT = adminRecord('5b2c3d4e-0001-4e2f-8a10-bb00000000b1', '2026-11-17T08:00:00', 'Add-RecipientPermission', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'Trustee', Value: 'carol@contoso.com' },
  { Name: 'AccessRights', Value: 'SendAs' },
]);
/** No Trustee: an admin record that cannot be read. */
const UNREADABLE = adminRecord('5b2c3d4e-0002-4e2f-8a10-bb00000000b2', '2026-11-17T09:00:00', 'Add-RecipientPermission', [
  { Name: 'Identity', Value: 'finance@contoso.com' },
  { Name: 'AccessRights', Value: 'SendAs' },
]);

describe('the app on Graph with its defaults: admin records in the one query of each window', () => {
  let dir: string;
  let connector: FakeConnector;
  let fake: FakeGraph;
  let app: App;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-graph-rights-e2e-'));
    connector = await new FakeConnector().start();
    fake = await startFakeGraph({ records: [...demoGraphRecords({ end: NOW.toISOString(), days: 3, users: 100, seed: 42 }), GRANT, UNREADABLE], now: () => NOW });
    const config = loadConfig({
      PORT: '0',
      STORE_PATH: join(dir, 'sendas.db'),
      LOG_LEVEL: 'silent',
      AUDIT_SOURCE: 'graph',
      AZURE_TENANT_ID: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      AZURE_CLIENT_ID: '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70',
      AZURE_CLIENT_SECRET: 'test-only-secret',
      GRAPH_BASE_URL: fake.baseUrl,
      BACKFILL_DAYS: '2',
    });
    if (!config.ok) throw new Error(config.errors.join('; '));
    app = await startApp(config.config, createLogger('silent'), { now: () => NOW, graph: { clock: { now: () => NOW }, timers: quickTimers, credential: fake.credential() } });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await connector.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function health(): Promise<{ ingestion: { lastRunEndedAt: string | null; rejectedRecords: { total: number }; rightsRecords: { inserted: number; rejected: number } } }> {
    return (await (await fetch(`${app.url}/healthz`)).json()) as Awaited<ReturnType<typeof health>>;
  }

  async function ask(text: string, locale = 'en-US'): Promise<string> {
    const before = connector.cards().length;
    expect((await postActivity(app.url, teamsMessage({ serviceUrl: connector.url, text, locale }))).status).toBe(200);
    await connector.waitFor(() => connector.cards().length > before, 30_000);
    return cardText(connector.cards().at(-1));
  }

  it('backfills with one query per window asking for both record types, and /healthz counts unreadable admin records apart', async () => {
    const deadline = Date.now() + 30_000;
    let status = await health();
    while (status.ingestion?.lastRunEndedAt == null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await health();
    }
    const creates = fake.requests.filter((r) => r.route === 'create').map((r) => r.body as Record<string, unknown>);
    expect(creates.length).toBeGreaterThan(0);
    for (const body of creates) {
      expect(body).toMatchObject({ recordTypeFilters: ['exchangeItem', 'exchangeAdmin'], operationFilters: ['SendAs', 'SendOnBehalf', ...RIGHTS_CMDLETS] });
    }
    // Each window asked once: no second query for the same window.
    const windows = creates.map((b) => `${String(b.filterStartDateTime)}/${String(b.filterEndDateTime)}`);
    expect(new Set(windows).size).toBe(windows.length);
    expect(status.ingestion.rightsRecords).toMatchObject({ inserted: 1, rejected: 1 });
    expect(status.ingestion.rejectedRecords.total).toBe(0);
  });

  it('says so in audit health, in English and Japanese, and answers the rights question with "not yet complete"', async () => {
    // Status lines are markdown: Teams shows the escaped parentheses as plain ones.
    expect(await ask('audit health')).toContain('1 admin record \\(grants and removals of rights\\) could not be read and was set aside');
    expect(await ask('監査の状態', 'ja-JP')).toContain('読み取れなかった管理者レコード（権限の付与・削除）: 1 件。');
    const answer = await ask('who can send as finance@contoso.com');
    expect(answer).toMatch(/carol@contoso\.com — Send As/);
    expect(answer).toMatch(/Not yet complete: grants and removals of rights/);
  });
});
