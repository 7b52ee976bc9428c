import { QueryJournal } from '../../src/audit/graph';
import { MemoryStore } from '../fakes/memory-store';

const AT = new Date('2026-09-01T10:00:00Z');

test('concurrent reservations never overshoot the budget', async () => {
  const journal = new QueryJournal(new MemoryStore());
  const granted = await Promise.all(Array.from({ length: 10 }, () => journal.reserveSubmission(AT, 4)));
  expect(granted.filter(Boolean)).toHaveLength(4);
  expect(await journal.submissionsInLastDay(AT)).toBe(4);
});

test('the budget rolls: a submission counts for 24 hours', async () => {
  const journal = new QueryJournal(new MemoryStore());
  await journal.reserveSubmission(AT, 2);
  await journal.reserveSubmission(new Date('2026-09-01T18:00:00Z'), 2);
  expect(await journal.reserveSubmission(new Date('2026-09-02T09:59:59Z'), 2)).toBe(false);
  expect((await journal.budgetFreesAt(new Date('2026-09-02T09:59:59Z')))?.toISOString()).toBe('2026-09-02T10:00:00.000Z');
  expect(await journal.reserveSubmission(new Date('2026-09-02T10:00:01Z'), 2)).toBe(true);
});

test('concurrent records and forgets keep every entry they should', async () => {
  const journal = new QueryJournal(new MemoryStore());
  const entries = Array.from({ length: 8 }, (_, i) => ({
    queryId: `q${i}`,
    window: { from: `2026-09-0${i + 1}T00:00:00.000Z`, to: `2026-09-0${i + 2}T00:00:00.000Z` },
    baseUrl: 'https://graph.microsoft.com/v1.0',
    createdAt: AT.toISOString(),
  }));
  await Promise.all(entries.map((e) => journal.record(e)));
  await Promise.all(['q1', 'q4', 'q6'].map((id) => journal.forget(id)));
  expect((await journal.pending()).map((e) => e.queryId).sort()).toEqual(['q0', 'q2', 'q3', 'q5', 'q7']);
  expect(await journal.find({ from: '2026-09-03T00:00:00Z', to: '2026-09-04T00:00:00Z' })).toMatchObject({ queryId: 'q2' });
  expect(await journal.hasPartsOf({ from: '2026-09-01T00:00:00.000Z', to: '2026-09-03T00:00:00.000Z' })).toBe(true);
});

test('unreadable journal state counts as empty rather than crashing', async () => {
  const store = new MemoryStore();
  await store.setState('graph.queries', '{not json');
  await store.setState('graph.submissions', '{"a":1}');
  const journal = new QueryJournal(store);
  expect(await journal.pending()).toEqual([]);
  expect(await journal.submissionsInLastDay(AT)).toBe(0);
});

test('create intents: one per window, found by the window however its times are written, forgotten alone', async () => {
  const journal = new QueryJournal(new MemoryStore());
  const day = (d: number) => ({ from: `2026-09-0${d}T00:00:00.000Z`, to: `2026-09-0${d + 1}T00:00:00.000Z` });
  const intent = (d: number, name: string) => ({ window: day(d), displayName: name, baseUrl: 'https://graph.microsoft.com/v1.0', submittedAt: AT.toISOString() });
  await Promise.all([journal.recordIntent(intent(1, 'first')), journal.recordIntent(intent(2, 'second'))]);
  await journal.recordIntent(intent(1, 'first, again'));
  expect((await journal.findIntent({ from: '2026-09-01T00:00:00Z', to: '2026-09-02T00:00:00Z' }))?.displayName).toBe('first, again');
  await journal.forgetIntent(day(1));
  expect(await journal.findIntent(day(1))).toBeNull();
  expect((await journal.findIntent(day(2)))?.displayName).toBe('second');
});
