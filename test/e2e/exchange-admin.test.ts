import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeConnector } from '../fakes/connector';
import type { FakeExchangeAdmin } from '../fakes/exchange-admin';
import { DEFAULT_AUDIT_DELEGATE, exoMailbox, startFakeExchangeAdmin } from '../fakes/exchange-admin';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import { cardText, postActivity, teamsMessage } from '../support/activities';
import type { AppProcess } from './support/app-process';
import { startAppProcess } from './support/app-process';

const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const CLIENT = '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70';
const SECRET = 'test-only-secret';
const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
/** payroll@ is the fifth shared mailbox of a demo tenant of 100 users. */
const PAYROLL = 'payroll@contoso.com';

describe('mailbox audit settings from the Exchange Online Admin API, end to end', () => {
  let dir: string;
  let graph: FakeGraph;
  let exchange: FakeExchangeAdmin;
  let connector: FakeConnector;
  let child: AppProcess;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sendas-exchange-e2e-'));
    connector = await new FakeConnector().start();
    graph = await startFakeGraph({
      records: [],
      now: () => new Date(),
      identity: { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, resources: ['https://graph.microsoft.com', 'https://outlook.office365.com'] },
    });
    // Only tokens the fake Entra issued for Exchange Online open the Admin API.
    const exchangeTokens = (token: string): boolean =>
      graph.tokenRequests.some((r) => r.token === token && (r.params.scope ?? '').split(' ').includes(EXCHANGE_SCOPE));
    exchange = await startFakeExchangeAdmin({
      tenant: TENANT,
      mailboxes: [exoMailbox('finance@contoso.com'), exoMailbox(PAYROLL, { AuditDelegate: DEFAULT_AUDIT_DELEGATE.filter((a) => a !== 'SendAs'), DefaultAuditSet: ['Admin', 'Owner'] })],
      organization: { Name: 'contoso', AuditDisabled: false, MailTipsAllTipsEnabled: true },
      acceptToken: exchangeTokens,
    });
    child = await startAppProcess(
      {
        NODE_EXTRA_CA_CERTS: graph.caCertPath ?? '',
        LOG_LEVEL: 'silent',
        STORE_PATH: join(dir, 'sendas.db'),
        DEMO_USERS: '100',
        DEMO_DAYS: '14',
        SENDAS_TEST_EPOCH: '2026-11-20T06:00:00.000Z',
        SENDAS_WATCHLIST: PAYROLL,
        EXCHANGE_ADMIN_API: 'on',
        EXCHANGE_ADMIN_BASE_URL: exchange.baseUrl,
        AZURE_TENANT_ID: TENANT,
        AZURE_CLIENT_ID: CLIENT,
        AZURE_CLIENT_SECRET: SECRET,
        AZURE_AUTHORITY_HOST: graph.authorityHost ?? '',
      },
      'the bot',
    );
    url = child.url;
  }, 120_000);

  afterAll(async () => {
    if (child.process.exitCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await connector.stop();
    await exchange.close();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ask(text: string, locale = 'en-US'): Promise<string> {
    const before = connector.cards().length;
    expect((await postActivity(url, teamsMessage({ serviceUrl: connector.url, text, locale }))).status).toBe(200);
    await connector.waitFor(() => connector.cards().length > before, 30_000);
    return cardText(connector.cards().at(-1));
  }

  it('reads the watched mailbox at start, with an Exchange Online token from Entra, and lists it in audit health', async () => {
    const health = await ask('audit health');
    // Status lines are markdown: Teams shows the escaped parentheses as plain ones.
    expect(health).toContain(`${PAYROLL}: delegate Send As not recorded \\(missing from AuditDelegate\\).`);
    const read = exchange.requests.filter((r) => r.endpoint === 'Mailbox' && r.status === 200);
    expect(read.map((r) => r.anchor)).toContain(`UPN:${PAYROLL}`);
    expect(graph.tokenRequests.some((r) => r.kind === 'token' && r.status === 200 && r.params.scope.split(' ').includes(EXCHANGE_SCOPE))).toBe(true);
  });

  it('warns on every answer about the mailbox that delegate Send As is not recorded there, in English and Japanese', async () => {
    const answer = await ask(`who sent as ${PAYROLL} this week`);
    expect(answer).toContain(`${PAYROLL}'s mailbox audit settings do not record Send As by delegates`);
    const japanese = await ask(`今週 ${PAYROLL} として送信したのは誰`, 'ja-JP');
    expect(japanese).toContain(`${PAYROLL} のメールボックス監査設定では、代理人による「送信者として送信」が記録されません`);
    // Read once, then from the cache.
    expect(exchange.requests.filter((r) => r.endpoint === 'Mailbox' && r.anchor === `UPN:${PAYROLL}`)).toHaveLength(1);
  });

  it('says nothing of the kind about a mailbox on the default audit set', async () => {
    const answer = await ask('who sent as finance@contoso.com this week');
    expect(answer).toContain('finance@contoso.com');
    expect(answer).not.toContain('do not record');
    expect(answer).not.toContain('not checked');
  });

  it('says the settings could not be read when the app lacks the permission, and still answers', async () => {
    exchange.faults.forbidden = true;
    const answer = await ask('who sent as hr@contoso.com this week');
    expect(answer).toContain('The audit settings of hr@contoso.com could not be read');
    expect(answer).toContain('Exchange.ManageAsAppV2');
    exchange.faults.forbidden = false;
  });
});
