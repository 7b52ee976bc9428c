import { rightsCard } from '../../src/cards/builders/rights';
import { answerRightsText } from '../../src/cli/rights-ask';
import { answerRightsQuestion, rightsView } from '../../src/rights/answer';
import { rightsFreshness } from '../../src/rights/freshness';
import { identityOf } from '../../src/rights/identity';
import { PostgresStore } from '../../src/store/postgres/store';
import { SqliteStore } from '../../src/store/sqlite/store';
import type { Store } from '../../src/store/store';
import { cardText } from '../support/activities';
import { usePostgres } from '../support/postgres';

const postgres = usePostgres();

const D1 = '2026-11-10T00:00:00.000Z';
const D2 = '2026-11-11T00:00:00.000Z';
const D3 = '2026-11-12T00:00:00.000Z';
const D4 = '2026-11-13T00:00:00.000Z';
const CHECKED = '2026-11-12T01:00:00.000Z';

/** One Graph window as the combined query covers it: the events' coverage with its level, and the same window rights-covered. */
async function graphWindow(store: Store, from: string, to: string, level: 'provisional' | 'settled', checkedAt = CHECKED): Promise<void> {
  await store.markCovered({ from, to }, 'graph', { level, checkedAt });
  await store.markRightsCovered({ from, to }, 'graph');
}

describe.each([
  ['SQLite', (): Promise<Store> => Promise.resolve(new SqliteStore(':memory:'))],
  ['PostgreSQL', async (): Promise<Store> => PostgresStore.open(await postgres.freshDatabase(), { poolSize: 2 })],
])('rights coverage levels, derived from the Graph coverage of the same windows, %s store', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  }, 60_000);
  afterEach(async () => {
    await store.close();
  });

  it('is not final from the first rights-covered window still provisional, with its last check', async () => {
    await graphWindow(store, D1, D2, 'settled');
    await graphWindow(store, D2, D3, 'provisional');
    expect((await rightsFreshness(store, D3, null)).provisional).toEqual({ from: D2, checkedAt: CHECKED, whole: false });
  });

  it('names the windows inside the history whose admin records were never read', async () => {
    await graphWindow(store, D1, D2, 'settled');
    // The next day's sends alone (admin records were off), then admin records again.
    await store.markCovered({ from: D2, to: D3 }, 'graph', { level: 'settled', checkedAt: CHECKED });
    await graphWindow(store, D3, D4, 'settled');
    expect(await rightsFreshness(store, D4, null)).toEqual({ provisional: null, gaps: [{ from: D2, to: D3 }] });
    const answer = await answerRightsQuestion({ kind: 'dormant', mailbox: null, days: 30 }, store, D4);
    expect(rightsView(answer, 'en', 'UTC').warnings).toEqual(['No admin records have been loaded for 11 Nov 2026 00:00 – 12 Nov 2026 00:00: grants and removals in that time are unknown.']);
    expect(rightsView(answer, 'ja', 'Asia/Tokyo').warnings).toEqual(['2026年11月11日 09:00 – 2026年11月12日 09:00 の管理者レコードは読み込まれていないため、その間の権限の付与・削除はわかりません。']);
  });

  it('is final once those windows settle, and not final again after the newest admin records read', async () => {
    await graphWindow(store, D1, D2, 'settled');
    await graphWindow(store, D2, D3, 'settled');
    expect((await rightsFreshness(store, D3, null)).provisional).toBeNull();
    // SendAs records alone for the next day (GRAPH_ADMIN_RECORDS=off): its settled level says nothing of admin records.
    await store.markCovered({ from: D3, to: D4 }, 'graph', { level: 'settled', checkedAt: CHECKED });
    expect((await rightsFreshness(store, D4, null)).provisional).toEqual({ from: D3, checkedAt: null, whole: false });
    // An inventory exported later than the newest admin records moves what is known up to its date.
    expect((await rightsFreshness(store, D4, '2026-11-12T12:00:00.000Z')).provisional).toEqual({ from: '2026-11-12T12:00:00.000Z', checkedAt: null, whole: false });
  });

  it('ignores provisional coverage of windows with no admin records read, and says nothing when no admin record was ever loaded', async () => {
    await store.markCovered({ from: D1, to: D3 }, 'graph', { level: 'provisional', checkedAt: CHECKED });
    expect((await rightsFreshness(store, D3, null)).provisional).toBeNull();
    await store.markRightsCovered({ from: D2, to: D3 }, 'file:/exports/admin.json');
    // The file's window lies in provisional Graph coverage: admin records of that time may still come late.
    expect((await rightsFreshness(store, D3, null)).provisional).toEqual({ from: D2, checkedAt: CHECKED, whole: true });
  });

  it('makes every rights answer warn "not yet complete" while provisional, in English and Japanese, on the card and in the CLI text', async () => {
    await store.replaceSnapshot('recipient-permission', { takenAt: D1, holdings: [{ mailbox: identityOf('finance@contoso.com'), trustee: identityOf('alice@contoso.com'), right: 'SendAs' }] });
    await graphWindow(store, D1, D2, 'settled');
    await graphWindow(store, D2, D3, 'provisional');
    const answer = await answerRightsQuestion({ kind: 'who-can-send-as', mailbox: 'finance@contoso.com' }, store, D3);
    expect(answer.provisional).toEqual({ from: D2, checkedAt: CHECKED, whole: false });

    const en = rightsView(answer, 'en', 'UTC');
    expect(en.warnings).toEqual([
      'Not yet complete: grants and removals of rights after 11 Nov 2026 00:00 may still arrive (Exchange delivers some audit records up to 3 days late; last checked 12 Nov 2026 01:00).',
    ]);
    const ja = rightsView(answer, 'ja', 'Asia/Tokyo');
    expect(ja.warnings).toEqual([
      'まだ確定していません: 2026年11月11日 09:00 以降の権限の付与・削除の記録が、これから届く可能性があります（Exchange の監査レコードは最大 3 日ほど遅れて届くことがあります。最終確認: 2026年11月12日 10:00）。',
    ]);
    // On the card the warning comes right under the title, in the warning colour, before the holders.
    const card = rightsCard(en);
    const body = card.body as { text?: string; color?: string }[];
    expect(body[1]).toMatchObject({ text: expect.stringMatching(/^Not yet complete/), color: 'Warning' });
    expect(cardText(card)).toMatch(/Not yet complete[\s\S]*alice@contoso\.com — Send As/);
    const text = await answerRightsText({ kind: 'who-can-send-as', mailbox: 'finance@contoso.com' }, store, { now: new Date(D3), format: 'text', locale: 'en-US', timeZone: 'UTC' }, 'who can send as finance');
    expect(text.split('\n')[1]).toMatch(/^! Not yet complete: grants and removals of rights after 11 Nov 2026 00:00/);

    // Settled, the same answer carries no warning.
    await graphWindow(store, D2, D3, 'settled', '2026-11-15T01:00:00.000Z');
    const settled = await answerRightsQuestion({ kind: 'who-can-send-as', mailbox: 'finance@contoso.com' }, store, D3);
    expect(settled.provisional).toBeNull();
    expect(rightsView(settled, 'en', 'UTC').warnings).toEqual([]);
    expect(cardText(rightsCard(rightsView(settled, 'en', 'UTC')))).not.toMatch(/Not yet complete/);
  });
});
