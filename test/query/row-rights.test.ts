import { answerCard } from '../../src/cards';
import type { ActivityAnswer, Answer } from '../../src/query/answer';
import { answerQuery } from '../../src/query/engine';
import type { DataQuery } from '../../src/query/engine';
import type { QueryRange } from '../../src/query/query';
import { grant } from '../../src/rights/detectors/base-input.cases';
import { identityOf } from '../../src/rights/identity';
import { SqliteStore } from '../../src/store/sqlite/store';
import { classified, event } from '../support/events';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const range: QueryRange = { from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), kind: 'this-week', timeZone: 'UTC' };
const finance = 'finance@contoso.com';
const alex = 'alex.wilber@contoso.com';
const bob = 'bob@contoso.com';
const whoSentAsFinance: DataQuery = { intent: 'who-sent-as', subject: { text: finance, kind: 'address' }, range };

function activity(answer: Answer): ActivityAnswer {
  if (answer.intent !== 'who-sent-as' && answer.intent !== 'who-sent-on-behalf' && answer.intent !== 'what-did-send-as') throw new Error(`expected an activity answer, got ${answer.intent}`);
  return answer;
}

async function storeWithSends(): Promise<SqliteStore> {
  const store = new SqliteStore(':memory:');
  await store.ingest([
    classified(event({ actor: alex, time: '2026-11-16T09:00:00.000Z' })),
    classified(event({ actor: alex, time: '2026-11-17T09:00:00.000Z' })),
    classified(event({ actor: bob, time: '2026-11-17T11:00:00.000Z' })),
  ]);
  return store;
}

const cardText = (answer: ActivityAnswer): string => JSON.stringify(answerCard(answer));

describe('the right behind each delegate row of an activity answer', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = await storeWithSends();
    await store.ingestRightsChanges([
      grant('g-alex', '2026-11-10T08:00:00.000Z', finance, alex),
      // Bob holds Full Access only: it opens the mailbox but sends nothing.
      grant('g-bob', '2026-11-10T08:30:00.000Z', finance, bob, 'FullAccess'),
    ]);
    await store.markRightsCovered({ from: '2026-09-01T00:00:00.000Z', to: NOW.toISOString() }, 'test');
  });
  afterAll(() => store.close());

  it('attaches the grant behind a delegate with one, and says a delegate without one has no known right', async () => {
    const answer = activity(await answerQuery(whoSentAsFinance, { store, now: NOW, language: 'en', timeZone: 'UTC' }));
    const row = (actor: string) => answer.rows.find((r) => r.actor === actor && r.category === 'delegate');
    expect(row(alex)?.rights).toEqual([{ operation: 'SendAs', at: '2026-11-17T09:00:00.000Z', kind: 'held', since: '2026-11-10T08:00:00.000Z', grantedBy: 'admin@contoso.com' }]);
    expect(row(bob)?.rights).toEqual([{ operation: 'SendAs', at: '2026-11-17T11:00:00.000Z', kind: 'none-known', fullAccess: true }]);
  });

  it('shows the right in the row detail on the card, in English and Japanese, worded as a gap when none is known', async () => {
    const en = cardText(activity(await answerQuery(whoSentAsFinance, { store, now: NOW, language: 'en', timeZone: 'UTC' })));
    expect(en).toContain('Send As held since');
    expect(en).toContain('granted by admin@contoso.com');
    expect(en).toContain('no known Send As right (a gap in what we know');
    expect(en).toContain('holds Full Access, which alone does not send');
    const ja = cardText(activity(await answerQuery(whoSentAsFinance, { store, now: NOW, language: 'ja', timeZone: 'Asia/Tokyo' })));
    expect(ja).toContain('送信者 (Send As)権限: ');
    expect(ja).toContain('から保有（付与者: admin@contoso.com）');
    expect(ja).toContain('把握している送信者 (Send As)権限なし');
  });

  it('says a right held since before the retained history, from an inventory, for what a person sent as', async () => {
    const withInventory = await storeWithSends();
    await withInventory.replaceSnapshot('recipient-permission', {
      takenAt: '2026-11-18T00:00:00.000Z',
      holdings: [{ mailbox: identityOf(finance), trustee: identityOf(alex), right: 'SendAs' }],
    });
    const query: DataQuery = { intent: 'what-did-send-as', actor: { text: alex, kind: 'address' }, range };
    const answer = activity(await answerQuery(query, { store: withInventory, now: NOW, language: 'en', timeZone: 'UTC' }));
    expect(answer.rows[0].rights).toEqual([{ operation: 'SendAs', at: '2026-11-17T09:00:00.000Z', kind: 'held', since: null, grantedBy: null }]);
    expect(cardText(answer)).toContain('Send As held since before the retained history');
    await withInventory.close();
  });

  it('shows nothing of rights on a store that never loaded rights data', async () => {
    const bare = await storeWithSends();
    const answer = activity(await answerQuery(whoSentAsFinance, { store: bare, now: NOW, language: 'en', timeZone: 'UTC' }));
    expect(answer.rows.filter((r) => r.category === 'delegate')).toHaveLength(2);
    expect(answer.rows.every((r) => r.rights === undefined)).toBe(true);
    expect(cardText(answer)).not.toContain('no known');
    await bare.close();
  });
});
