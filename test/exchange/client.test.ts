import { EXCHANGE_SCOPE, ExchangeAdminClient } from '../../src/exchange/client';
import { AdminApiAuditSettings } from '../../src/exchange/lookup';
import type { FakeExchangeAdmin } from '../fakes/exchange-admin';
import { DEFAULT_AUDIT_DELEGATE, exoMailbox, startFakeExchangeAdmin } from '../fakes/exchange-admin';

const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const PAYROLL = 'payroll@contoso.com';
const FINANCE = 'finance@contoso.com';

/** A credential that names the scope it was asked for in its token, so the fake can tell Exchange tokens apart. */
const credential = { getToken: (scope: string | string[]) => Promise.resolve({ token: `token-for ${String(scope)}`, expiresOnTimestamp: Date.now() + 3600_000 }) };

describe('ExchangeAdminClient against the fake Admin API', () => {
  let fake: FakeExchangeAdmin;
  const sleeps: number[] = [];
  let client: ExchangeAdminClient;

  beforeEach(async () => {
    fake = await startFakeExchangeAdmin({
      tenant: TENANT,
      mailboxes: [
        exoMailbox(FINANCE),
        exoMailbox(PAYROLL, { AuditDelegate: DEFAULT_AUDIT_DELEGATE.filter((a) => a !== 'SendAs'), DefaultAuditSet: ['Admin', 'Owner'], MailboxRegion: 'JPN' }),
      ],
      organization: { Name: 'contoso', AuditDisabled: false, AllowedMailboxRegions: ['EUR', 'JPN'], MailTipsAllTipsEnabled: true },
      acceptToken: (token) => token === `token-for ${EXCHANGE_SCOPE}`,
    });
    sleeps.length = 0;
    client = new ExchangeAdminClient({ credential, tenant: TENANT, baseUrl: fake.baseUrl, sleep: (ms) => Promise.resolve(void sleeps.push(ms)) });
  });
  afterEach(async () => fake.close());

  it('reads a mailbox’s audit settings with Get-Mailbox, an Exchange token, a UPN routing hint and only the properties it needs', async () => {
    const result = await client.mailbox(PAYROLL);
    expect(result).toEqual({
      ok: true,
      value: {
        mailbox: PAYROLL,
        recipientType: 'SharedMailbox',
        auditEnabled: true,
        delegateActions: DEFAULT_AUDIT_DELEGATE.filter((a) => a !== 'SendAs'),
        adminActions: [...DEFAULT_AUDIT_DELEGATE, 'UpdateCalendarDelegation'],
        defaultAuditSet: ['Admin', 'Owner'],
        region: 'JPN',
      },
    });
    const [request] = fake.requests;
    expect(request).toMatchObject({ endpoint: 'Mailbox', tenant: TENANT, anchor: `UPN:${PAYROLL}`, status: 200, body: { CmdletInput: { CmdletName: 'Get-Mailbox', Parameters: { Identity: PAYROLL } } } });
    expect(request.select?.split(',')).toEqual(expect.arrayContaining(['AuditDelegate', 'AuditAdmin', 'DefaultAuditSet', 'AuditEnabled']));
  });

  it('reads the organisation’s AuditDisabled and multi-geo regions with Get-OrganizationConfig and the system-mailbox routing hint', async () => {
    expect(await client.organization()).toEqual({ ok: true, value: { auditDisabled: false, multiGeo: true } });
    expect(fake.requests[0]).toMatchObject({
      endpoint: 'OrganizationConfig',
      anchor: `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${TENANT}`,
      body: { CmdletInput: { CmdletName: 'Get-OrganizationConfig' } },
    });
  });

  it('says not-found for an address Exchange knows no mailbox by', async () => {
    expect(await client.mailbox('marketing-news@contoso.com')).toMatchObject({ ok: false, code: 'not-found', message: expect.stringContaining("couldn't be found") as string });
  });

  it('names the permission and the roles on a 403, without retrying', async () => {
    fake.faults.forbidden = true;
    const result = await client.mailbox(FINANCE);
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    expect(!result.ok && result.message).toMatch(/Exchange\.ManageAsAppV2.*admin consent/);
    expect(fake.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After asks on a 429, then succeeds', async () => {
    fake.faults.throttle = { times: 1, retryAfter: '7' };
    expect((await client.mailbox(FINANCE)).ok).toBe(true);
    expect(sleeps).toEqual([7000]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('backs off on 5xx and gives up after three attempts with the service’s words', async () => {
    fake.faults.serverError = { times: 5, status: 503 };
    const result = await client.mailbox(FINANCE);
    expect(result).toMatchObject({ ok: false, code: 'server-error', message: expect.stringContaining('temporarily unavailable') as string });
    expect(fake.requests.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('is refused with a token for another resource', async () => {
    const graphOnly = new ExchangeAdminClient({ credential: { getToken: () => Promise.resolve({ token: 'token-for https://graph.microsoft.com/.default', expiresOnTimestamp: 0 }) }, tenant: TENANT, baseUrl: fake.baseUrl });
    expect(await graphOnly.mailbox(FINANCE)).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('reports an unreachable API as a network problem, never a throw', async () => {
    await fake.close();
    const offline = new ExchangeAdminClient({ credential, tenant: TENANT, baseUrl: fake.baseUrl, sleep: () => Promise.resolve() });
    expect(await offline.mailbox(FINANCE)).toMatchObject({ ok: false, code: 'network' });
    fake = await startFakeExchangeAdmin({ tenant: TENANT, mailboxes: [], acceptToken: () => true });
  });
});

describe('AdminApiAuditSettings: the cache in front of the API', () => {
  let fake: FakeExchangeAdmin;
  let nowMs: number;
  let lookup: AdminApiAuditSettings;

  beforeEach(async () => {
    fake = await startFakeExchangeAdmin({ tenant: TENANT, mailboxes: [exoMailbox(FINANCE)], acceptToken: () => true });
    nowMs = Date.parse('2026-11-20T09:00:00.000Z');
    lookup = new AdminApiAuditSettings(new ExchangeAdminClient({ credential, tenant: TENANT, baseUrl: fake.baseUrl, sleep: () => Promise.resolve() }), () => new Date(nowMs));
  });
  afterEach(async () => fake.close());

  const mailboxCalls = (): number => fake.requests.filter((r) => r.endpoint === 'Mailbox').length;

  it('reads a mailbox once for concurrent asks and again only after six hours', async () => {
    const [a, b] = await Promise.all([lookup.view('Finance@Contoso.com'), lookup.view(FINANCE)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 'checked', mailbox: FINANCE, organization: { auditDisabled: false, multiGeo: null }, checkedAt: '2026-11-20T09:00:00.000Z' });
    expect(mailboxCalls()).toBe(1);
    nowMs += 5 * 3600_000;
    await lookup.view(FINANCE);
    expect(mailboxCalls()).toBe(1);
    nowMs += 2 * 3600_000;
    await lookup.view(FINANCE);
    expect(mailboxCalls()).toBe(2);
  });

  it('keeps an unreadable answer for five minutes only, and lists what it knows', async () => {
    fake.faults.forbidden = true;
    expect(await lookup.view(FINANCE)).toMatchObject({ status: 'unreadable', problem: expect.stringContaining('403') as string });
    fake.faults.forbidden = false;
    expect((await lookup.view(FINANCE)).status).toBe('unreadable');
    nowMs += 6 * 60_000;
    expect((await lookup.view(FINANCE)).status).toBe('checked');
    expect(await lookup.view('nobody@contoso.com')).toEqual({ status: 'no-mailbox', mailbox: 'nobody@contoso.com' });
    expect((await lookup.known()).map((v) => `${v.mailbox} ${v.status}`)).toEqual([`${FINANCE} checked`, 'nobody@contoso.com no-mailbox']);
  });
});
