import { answerCard } from '../../src/cards';
import { createGraphDirectory } from '../../src/directory';
import { demoDirectory } from '../../src/directory/demo';
import type { Lookup, Person } from '../../src/directory/lookup';
import { ANSWER_LOOKUP_BOUNDS, lookUpAll } from '../../src/directory/people';
import { buildDemoTenant, departedDelegation } from '../../src/audit/demo/tenant';
import type { ActivityAnswer, Answer } from '../../src/query/answer';
import { answerQuery } from '../../src/query/engine';
import type { DataQuery } from '../../src/query/engine';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import type { FakeDirectory, FakeUser } from '../fakes/graph-directory';
import { createFakeDirectory } from '../fakes/graph-directory';
import { classified, event } from '../support/events';

const NOW = new Date('2026-11-20T06:00:00.000Z');
const RANGE = { from: '2026-11-16T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z', kind: 'this-week' as const, timeZone: 'UTC' };
const whoSentAs = (mailbox: string): DataQuery => ({ intent: 'who-sent-as', subject: { text: mailbox, kind: 'address' }, range: RANGE });

function activity(answer: Answer): ActivityAnswer {
  if (answer.intent !== 'who-sent-as' && answer.intent !== 'what-did-send-as') throw new Error(`expected an activity answer, got ${answer.intent}`);
  return answer;
}

const actorOf = (i: number): string => `delegate${String(i).padStart(3, '0')}@contoso.com`;

describe('people on answer rows, over the fake Graph directory', () => {
  let graph: FakeGraph;
  let directory: FakeDirectory;
  let store: SqliteStore;
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    const users: FakeUser[] = Array.from({ length: 200 }, (_, i) => ({
      id: `1a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      userPrincipalName: actorOf(i),
      displayName: `Delegate ${i}`,
      jobTitle: 'Accountant',
      department: 'Finance',
      accountEnabled: i !== 0,
      userType: i === 1 ? 'Guest' : 'Member',
      userPurpose: 'user',
    }));
    users.push({ id: '1a000000-0000-4000-8000-999999999999', userPrincipalName: 'finance@contoso.com', displayName: 'Finance', accountEnabled: false, userType: 'Member', userPurpose: 'shared' });
    directory = createFakeDirectory({ users });
    graph = await startFakeGraph({ records: [], now: () => NOW, directory });
    store = new SqliteStore(':memory:');
    // 200 people sent as finance@: the busiest first, so the rows shown first are the ones looked up.
    await store.ingest(Array.from({ length: 200 }, (_, i) => Array.from({ length: i < 60 ? 3 : 1 }, (__, n) => classified(event({ actor: actorOf(i), time: `2026-11-17T${String(9 + n).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z` })))).flat());
  });
  afterAll(async () => {
    await store.close();
    await graph.close();
  });

  function countingDirectory() {
    return createGraphDirectory({
      credential: graph.credential(),
      baseUrl: graph.baseUrl,
      now: () => NOW,
      fetch: async (url, init) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        try {
          return await fetch(url, init);
        } finally {
          inFlight -= 1;
        }
      },
    });
  }

  it('asks about at most 60 of 200 actors, a few at a time, and the cache answers the next question', async () => {
    const lookup = countingDirectory();
    const before = directory.requests.filter((r) => r.route === 'users').length;
    const answer = activity(await answerQuery(whoSentAs('finance@contoso.com'), { store, now: NOW, language: 'en', timeZone: 'UTC', directory: lookup }));
    expect(answer.rows).toHaveLength(200);
    const asked = directory.requests.filter((r) => r.route === 'users').length - before;
    expect(asked).toBe(ANSWER_LOOKUP_BOUNDS.maxLookups);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(ANSWER_LOOKUP_BOUNDS.concurrency);
    const known = answer.rows.filter((r) => r.actorPerson?.kind === 'known');
    expect(known).toHaveLength(60);
    expect(known.every((r) => Number(r.actor.slice(8, 11)) < 60)).toBe(true);
    expect(answer.rows.filter((r) => r.actorPerson?.kind === 'unknown').map((r) => r.actorPerson)).toEqual(Array.from({ length: 140 }, () => ({ kind: 'unknown', why: 'not-asked' })));
    expect(answer.subjectKind).toBe('shared');

    const again = directory.requests.length;
    await answerQuery(whoSentAs('finance@contoso.com'), { store, now: NOW, language: 'en', timeZone: 'UTC', directory: lookup });
    expect(directory.requests.length).toBe(again);
  });

  it('shows who each actor is and names the mailbox by its kind, in English and Japanese', async () => {
    const lookup = countingDirectory();
    const en = JSON.stringify(answerCard(await answerQuery(whoSentAs('finance@contoso.com'), { store, now: NOW, language: 'en', timeZone: 'UTC', directory: lookup })));
    expect(en).toContain('finance@contoso.com (shared mailbox)');
    expect(en).toContain('Delegate 0 · Accountant · Finance · account disabled · member');
    expect(en).toContain('Delegate 1 · Accountant · Finance · account enabled · guest');
    const ja = JSON.stringify(answerCard(await answerQuery(whoSentAs('finance@contoso.com'), { store, now: NOW, language: 'ja', timeZone: 'Asia/Tokyo', directory: lookup })));
    expect(ja).toContain('finance@contoso.com（共有メールボックス）');
    expect(ja).toContain('Delegate 0・Accountant・Finance・アカウント無効・メンバー');
    expect(ja).toContain('Delegate 1・Accountant・Finance・アカウント有効・ゲスト');
  });

  it('names each mailbox a person sent as by its kind, and says plainly who the directory does not know', async () => {
    await store.ingest([
      classified(event({ actor: 'ghost@contoso.com', sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com', time: '2026-11-18T10:00:00.000Z' })),
      // delegate005 also sends on behalf of a colleague: that mailbox is a person's, and its owner is named.
      classified(event({ actor: actorOf(5), operation: 'SendOnBehalf', sentAs: actorOf(20), mailbox: actorOf(20), time: '2026-11-18T11:00:00.000Z' })),
    ]);
    const lookup = countingDirectory();
    const what: DataQuery = { intent: 'what-did-send-as', actor: { text: actorOf(5), kind: 'address' }, range: RANGE };
    const en = JSON.stringify(answerCard(await answerQuery(what, { store, now: NOW, language: 'en', timeZone: 'UTC', directory: lookup })));
    expect(en).toContain('finance@contoso.com (shared mailbox)');
    expect(en).toContain(`${actorOf(20)} (a person's mailbox)`);
    expect(en).toContain('mailbox of Delegate 20 · Accountant · Finance · account enabled · member · 1 send');
    const ja = JSON.stringify(answerCard(await answerQuery(what, { store, now: NOW, language: 'ja', timeZone: 'UTC', directory: lookup })));
    expect(ja).toContain('finance@contoso.com（共有メールボックス）');
    expect(ja).toContain('メールボックスの所有者: Delegate 20・Accountant・Finance・アカウント有効・メンバー');
    const hr = JSON.stringify(answerCard(await answerQuery(whoSentAs('hr@contoso.com'), { store, now: NOW, language: 'en', timeZone: 'UTC', directory: lookup })));
    expect(hr).toContain('Who sent as hr@contoso.com"');
    expect(hr).toContain('directory: unknown (not a user in the directory) · 1 send');
    const hrJa = JSON.stringify(answerCard(await answerQuery(whoSentAs('hr@contoso.com'), { store, now: NOW, language: 'ja', timeZone: 'UTC', directory: lookup })));
    expect(hrJa).toContain('ディレクトリ: 不明（ディレクトリにユーザーとして登録されていません）');
  });

  it('without a directory, rows name nobody and the card says once why', async () => {
    const answer = await answerQuery(whoSentAs('finance@contoso.com'), { store, now: NOW, language: 'en', timeZone: 'UTC' });
    const card = JSON.stringify(answerCard(answer));
    expect(card).not.toContain('(shared mailbox)');
    expect(card).not.toContain('directory: unknown');
    expect(card.split('no directory (Microsoft Graph) is configured')).toHaveLength(2);
  });
});

describe('lookUpAll', () => {
  it('gives up on lookups that outlast the budget, and says so', async () => {
    const never = new Promise<Lookup<Person>>(() => undefined);
    const quick: Lookup<Person> = { kind: 'known', value: { displayName: 'Quick', jobTitle: null, department: null, accountEnabled: true, guest: false } };
    const answers = await lookUpAll(['quick@contoso.com', 'slow@contoso.com', 'QUICK@contoso.com'], (a) => (a.startsWith('quick') ? Promise.resolve(quick) : never), { concurrency: 2, maxLookups: 10, budgetMs: 50 });
    expect([...answers]).toEqual([
      ['quick@contoso.com', quick],
      ['slow@contoso.com', { kind: 'unknown', why: 'unavailable' }],
    ]);
  });

  it('takes a failed lookup for unavailable rather than failing the answer', async () => {
    const answers = await lookUpAll(['a@contoso.com'], () => Promise.reject(new Error('socket hang up')));
    expect(answers.get('a@contoso.com')).toEqual({ kind: 'unknown', why: 'unavailable' });
  });
});

describe('the demo directory', () => {
  const tenant = buildDemoTenant(200, 42);
  const dir = demoDirectory(200, 42);

  it('knows the tenant people as members, the one who left as disabled, and each mailbox by its kind', async () => {
    const departed = departedDelegation(tenant)?.actor ?? '';
    expect(await dir.personOf(departed)).toMatchObject({ kind: 'known', value: { accountEnabled: false, guest: false } });
    expect(await dir.personOf(tenant.users[5])).toMatchObject({ kind: 'known', value: { accountEnabled: true, guest: false } });
    expect(await dir.mailboxKind(tenant.sharedMailboxes[0])).toEqual({ kind: 'known', value: 'shared' });
    expect(await dir.mailboxKind(tenant.groups[0])).toEqual({ kind: 'known', value: 'group' });
    expect(await dir.mailboxKind(tenant.users[5])).toEqual({ kind: 'known', value: 'person' });
    expect(await dir.personOf('nobody@contoso.com')).toEqual({ kind: 'unknown', why: 'not-found' });
  });
});
