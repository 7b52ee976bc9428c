import { GraphHttp } from '../../src/audit/graph/http';
import { normalizeRecord } from '../../src/audit/normalize';
import { answerCard } from '../../src/cards';
import { owaDelegateSend } from '../../src/classify/rules/base-record.cases';
import { createGraphDirectory } from '../../src/directory';
import { answerQuery } from '../../src/query/engine';
import { SqliteStore } from '../../src/store/sqlite/store';
import { classified } from '../support/events';
import { DEFAULT_RETRY_POLICY } from '../../src/audit/graph/retry';
import { GraphDirectory } from '../../src/directory/graph';
import { NO_DIRECTORY } from '../../src/directory/lookup';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import type { FakeDirectory, FakeUser } from '../fakes/graph-directory';
import { createFakeDirectory } from '../fakes/graph-directory';
import { TEST_BOUNDS } from '../support/read';

const MAILER = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

const PEOPLE: FakeUser[] = [
  { id: '1a000000-0000-4000-8000-000000000001', userPrincipalName: 'megan.bowen@contoso.com', displayName: 'Megan Bowen', jobTitle: 'Marketing Manager', department: 'Marketing', accountEnabled: true, userType: 'Member', userPurpose: 'user' },
  { id: '1a000000-0000-4000-8000-000000000002', userPrincipalName: 'alex.linked@contoso.com', displayName: 'Alex Linked', accountEnabled: true, userType: 'Member', userPurpose: 'linked' },
  { id: '1a000000-0000-4000-8000-000000000003', userPrincipalName: 'finance@contoso.com', displayName: 'Finance', accountEnabled: false, userType: 'Member', userPurpose: 'shared' },
  { id: '1a000000-0000-4000-8000-000000000004', userPrincipalName: 'room-fuji@contoso.com', displayName: 'Fuji', accountEnabled: false, userType: 'Member', userPurpose: 'room' },
  { id: '1a000000-0000-4000-8000-000000000005', userPrincipalName: 'projector-7@contoso.com', displayName: 'Projector 7', accountEnabled: false, userType: 'Member', userPurpose: 'equipment' },
  { id: '1a000000-0000-4000-8000-000000000006', userPrincipalName: 'odd@contoso.com', displayName: 'Odd', accountEnabled: true, userType: 'Member', userPurpose: 'others' },
  { id: '1a000000-0000-4000-8000-000000000007', userPrincipalName: 'no.mailbox@contoso.com', displayName: 'No Mailbox', accountEnabled: true, userType: 'Member' },
];

describe('the Graph directory over real HTTP', () => {
  let graph: FakeGraph;
  let directory: FakeDirectory;
  let clock = Date.parse('2026-11-20T06:00:00Z');
  const problems: string[] = [];

  beforeAll(async () => {
    directory = createFakeDirectory({
      servicePrincipals: [{ appId: MAILER, displayName: "Invoice Mailer (Contoso's)" }],
      groups: [{ mail: 'Marketing-News@contoso.com', groupTypes: ['Unified'] }],
      users: PEOPLE,
    });
    graph = await startFakeGraph({ records: [], now: () => new Date(clock), directory });
  });
  afterAll(async () => graph.close());

  function lookup(): GraphDirectory {
    const http = new GraphHttp(graph.credential(), { now: () => new Date(clock), sleep: () => Promise.resolve() }, { ...DEFAULT_RETRY_POLICY, maxAttempts: 2 }, 5_000);
    return new GraphDirectory(http, { baseUrl: graph.baseUrl, ttlMs: 3600_000, now: () => clock, onProblem: (what, message) => problems.push(`${what}: ${message}`) });
  }

  it('names an app by its service principal, and caches the name until the TTL runs out', async () => {
    const dir = lookup();
    const before = directory.requests.length;
    expect(await dir.appName(MAILER.toUpperCase())).toEqual({ kind: 'known', value: "Invoice Mailer (Contoso's)" });
    expect(await dir.appName(MAILER)).toEqual({ kind: 'known', value: "Invoice Mailer (Contoso's)" });
    expect(directory.requests.length - before).toBe(1);
    expect(directory.requests.at(-1)).toEqual({ route: 'servicePrincipals', filter: `appId eq '${MAILER}'` });
    clock += 3600_001;
    await dir.appName(MAILER);
    expect(directory.requests.length - before).toBe(2);
  });

  it('says an unregistered app id is not found, and asks nothing for what is not an app id', async () => {
    const dir = lookup();
    expect(await dir.appName('7d3c1e2f-aaaa-4bbb-8ccc-123456789abc')).toEqual({ kind: 'unknown', why: 'not-found' });
    const before = directory.requests.length;
    expect(await dir.appName("x' or 1 eq 1")).toEqual({ kind: 'unknown', why: 'not-found' });
    expect(directory.requests.length).toBe(before);
  });

  it('knows a Microsoft 365 group mailbox by its address, quoting the address for OData', async () => {
    const dir = lookup();
    expect(await dir.mailboxKind('marketing-news@contoso.com')).toEqual({ kind: 'known', value: 'group' });
    const before = directory.requests.length;
    expect(await dir.mailboxKind("o'brien@contoso.com")).toEqual({ kind: 'unknown', why: 'not-found' });
    expect(directory.requests.slice(before)).toEqual([
      { route: 'groups', filter: "mail eq 'o''brien@contoso.com'" },
      { route: 'mailboxSettings', filter: null, user: "o'brien@contoso.com" },
    ]);
  });

  it('knows any other mailbox by its userPurpose: a person’s, a shared one, a room or equipment; a group is never asked for it', async () => {
    const dir = lookup();
    const before = directory.requests.length;
    expect(await dir.mailboxKind('Megan.Bowen@contoso.com')).toEqual({ kind: 'known', value: 'person' });
    expect(await dir.mailboxKind('alex.linked@contoso.com')).toEqual({ kind: 'known', value: 'person' });
    expect(await dir.mailboxKind('finance@contoso.com')).toEqual({ kind: 'known', value: 'shared' });
    expect(await dir.mailboxKind('room-fuji@contoso.com')).toEqual({ kind: 'known', value: 'resource' });
    expect(await dir.mailboxKind('projector-7@contoso.com')).toEqual({ kind: 'known', value: 'resource' });
    expect(await dir.mailboxKind('odd@contoso.com')).toEqual({ kind: 'unknown', why: 'not-found' });
    expect(await dir.mailboxKind('no.mailbox@contoso.com')).toEqual({ kind: 'unknown', why: 'not-found' });
    expect(await dir.mailboxKind('marketing-news@contoso.com')).toEqual({ kind: 'known', value: 'group' });
    const asked = directory.requests.slice(before);
    expect(asked.filter((r) => r.route === 'mailboxSettings').map((r) => r.user)).toEqual(['megan.bowen@contoso.com', 'alex.linked@contoso.com', 'finance@contoso.com', 'room-fuji@contoso.com', 'projector-7@contoso.com', 'odd@contoso.com', 'no.mailbox@contoso.com']);
    // Cached: asking again costs nothing.
    const count = directory.requests.length;
    expect(await dir.mailboxKind('megan.bowen@contoso.com')).toEqual({ kind: 'known', value: 'person' });
    expect(directory.requests.length).toBe(count);
  });

  it('without consent the answer is "unavailable", named for the permission, never a guess', async () => {
    directory.forbidden = true;
    try {
      const dir = lookup();
      const before = problems.length;
      expect(await dir.mailboxKind('finance@contoso.com')).toEqual({ kind: 'unknown', why: 'unavailable' });
      expect(problems.slice(before)).toEqual([expect.stringMatching(/Group\.Read\.All.*403/), expect.stringMatching(/MailboxSettings\.Read.*403/)]);
    } finally {
      directory.forbidden = false;
    }
  });

  it('without MailboxSettings.Read a non-group mailbox is "unavailable", and the refusal is reported once', async () => {
    directory.mailboxSettingsForbidden = true;
    try {
      const dir = lookup();
      const before = problems.length;
      expect(await dir.mailboxKind('megan.bowen@contoso.com')).toEqual({ kind: 'unknown', why: 'unavailable' });
      expect(await dir.mailboxKind('finance@contoso.com')).toEqual({ kind: 'unknown', why: 'unavailable' });
      expect(await dir.mailboxKind('marketing-news@contoso.com')).toEqual({ kind: 'known', value: 'group' });
      expect(problems.slice(before)).toEqual([expect.stringMatching(/MailboxSettings\.Read.*403/)]);
    } finally {
      directory.mailboxSettingsForbidden = false;
    }
  });

  it('without Graph every lookup is unknown: no directory', async () => {
    expect(await NO_DIRECTORY.appName(MAILER)).toEqual({ kind: 'unknown', why: 'no-directory' });
    expect(await NO_DIRECTORY.mailboxKind('finance@contoso.com')).toEqual({ kind: 'unknown', why: 'no-directory' });
  });
});

describe('explain cards name apps through the fake Graph directory', () => {
  it('shows the service principal name and the group kind on the explain card, en and ja', async () => {
    const directory = createFakeDirectory({ servicePrincipals: [{ appId: MAILER, displayName: 'Invoice Mailer' }], groups: [{ mail: 'noreply@contoso.com', groupTypes: ['Unified'] }] });
    const now = new Date('2026-11-20T06:00:00Z');
    const graph = await startFakeGraph({ records: [], now: () => now, directory });
    const store = new SqliteStore(':memory:');
    try {
      const result = normalizeRecord({
        ...owaDelegateSend,
        Id: '3c4d5e6f-0000-4000-8000-00000000abcd',
        UserId: 'ServicePrincipal_7d3c1e2f-aaaa-4bbb-8ccc-123456789abc',
        UserType: 6,
        MailboxOwnerUPN: 'noreply@contoso.com',
        SendAsUserSmtp: 'noreply@contoso.com',
        ClientInfoString: 'Client=REST;Client=REST;;',
        AppAccessContext: { ClientAppId: MAILER, UniqueTokenId: 'tok' },
      }, TEST_BOUNDS);
      if (result.kind !== 'event') throw new Error('record did not normalize');
      await store.ingest([classified(result.event)]);
      const lookup = createGraphDirectory({ credential: graph.credential(), baseUrl: graph.baseUrl, now: () => now });
      for (const [language, expected] of [['en', `Invoice Mailer (${MAILER})`], ['ja', `Invoice Mailer（${MAILER}）`]] as const) {
        const answer = await answerQuery({ intent: 'explain', eventId: result.event.id }, { store, now, language, timeZone: 'UTC', directory: lookup });
        const card = JSON.stringify(answerCard(answer));
        expect(card).toContain(expected);
        expect(card).toContain(language === 'en' ? 'Microsoft 365 group' : 'Microsoft 365 グループ');
      }
      expect(directory.requests.map((r) => r.route).sort()).toEqual(['groups', 'servicePrincipals']);
    } finally {
      await store.close();
      await graph.close();
    }
  });
});

describe('explain cards say who the actor is through the fake Graph directory', () => {
  const now = new Date('2026-11-20T06:00:00Z');

  async function explained(users: FakeUser[], withDirectory: boolean, mutate?: (directory: FakeDirectory) => void): Promise<{ en: string; ja: string; requests: FakeDirectory['requests'] }> {
    const directory = createFakeDirectory({ users });
    mutate?.(directory);
    const graph = await startFakeGraph({ records: [], now: () => now, directory });
    const store = new SqliteStore(':memory:');
    try {
      const result = normalizeRecord({ ...owaDelegateSend, Id: '3c4d5e6f-0000-4000-8000-00000000beef' }, TEST_BOUNDS);
      if (result.kind !== 'event') throw new Error('record did not normalize');
      await store.ingest([classified(result.event)]);
      const lookup = withDirectory ? createGraphDirectory({ credential: graph.credential(), baseUrl: graph.baseUrl, now: () => now }) : undefined;
      const card = async (language: 'en' | 'ja') =>
        JSON.stringify(answerCard(await answerQuery({ intent: 'explain', eventId: result.event.id }, { store, now, language, timeZone: 'UTC', ...(lookup === undefined ? {} : { directory: lookup }) })));
      return { en: await card('en'), ja: await card('ja'), requests: directory.requests };
    } finally {
      await store.close();
      await graph.close();
    }
  }

  const ALEX: FakeUser = { id: '1a000000-0000-4000-8000-0000000000a1', userPrincipalName: 'Alex.Wilber@contoso.com', displayName: 'Alex Wilber', jobTitle: 'Marketing Assistant', department: 'Marketing', accountEnabled: true, userType: 'Member', userPurpose: 'user' };

  it('shows display name, job title, department, account state and member/guest, en and ja, asking Graph once', async () => {
    const { en, ja, requests } = await explained([ALEX], true);
    expect(en).toContain('Actor in the directory');
    expect(en).toContain('Alex Wilber · Marketing Assistant · Marketing · account enabled · member');
    expect(ja).toContain('ディレクトリ上の実行者');
    expect(ja).toContain('Alex Wilber・Marketing Assistant・Marketing・アカウント有効・メンバー');
    expect(requests.filter((r) => r.route === 'users')).toEqual([{ route: 'users', filter: null, user: 'alex.wilber@contoso.com' }]);
  });

  it('a disabled guest without job title or department is shown as such', async () => {
    const { en, ja } = await explained([{ ...ALEX, jobTitle: null, department: null, accountEnabled: false, userType: 'Guest' }], true);
    expect(en).toContain('Alex Wilber · account disabled · guest');
    expect(ja).toContain('Alex Wilber・アカウント無効・ゲスト');
  });

  it('says why the person is unknown: not in the directory, the directory refused, or no directory at all', async () => {
    const missing = await explained([], true);
    expect(missing.en).toContain('unknown (not a user in the directory)');
    expect(missing.ja).toContain('不明（ディレクトリにユーザーとして登録されていません）');
    const refused = await explained([ALEX], true, (d) => {
      d.forbidden = true;
    });
    expect(refused.en).toContain('unknown (the directory could not be asked)');
    const none = await explained([ALEX], false);
    expect(none.en).toContain('unknown (no directory is configured)');
    expect(none.ja).toContain('不明（ディレクトリが設定されていません）');
    expect(none.en).not.toContain('Alex Wilber');
  });
});
