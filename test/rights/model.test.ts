import { identityOf } from '../../src/rights/identity';
import { buildIntervals, covers } from '../../src/rights/model';
import { dormantRights, grantHistory, rightBehindSend, sendsWithoutKnownRight, whoCanSendAs } from '../../src/rights/questions';
import { grant as grantWithId, removal as removalWithId, use as useWithId } from '../../src/rights/detectors/base-input.cases';

let serial = 0;
const grant = (...args: Parameters<typeof grantWithId> extends [string, ...infer R] ? R : never) => grantWithId(`grant-${(serial += 1)}`, ...args);
const removal = (...args: Parameters<typeof removalWithId> extends [string, ...infer R] ? R : never) => removalWithId(`removal-${(serial += 1)}`, ...args);
const use = (...args: Parameters<typeof useWithId> extends [string, ...infer R] ? R : never) => useWithId(`use-${(serial += 1)}`, ...args);

const finance = 'finance@contoso.com';
const ceo = 'ceo@contoso.com';
const alice = 'alice@contoso.com';
const bob = 'bob@contoso.com';
const carol = 'carol@contoso.com';

function holding(mailbox: string, trustee: string, right: 'SendAs' | 'SendOnBehalf' | 'FullAccess' = 'SendAs') {
  return { mailbox: identityOf(mailbox), trustee: identityOf(trustee), right };
}

describe('the rights model', () => {
  it('opens an interval at a grant and closes it at the removal, with who did each', () => {
    const g = grant('2026-10-01T09:00:00.000Z', finance, alice);
    const r = removal('2026-10-09T09:00:00.000Z', finance, alice, 'SendAs', { grantedBy: 'helpdesk@contoso.com' });
    const [interval] = buildIntervals(null, [r, g]);
    expect(interval).toMatchObject({ from: g.time, grantedBy: 'admin@contoso.com', grantId: g.id, until: r.time, removedBy: 'helpdesk@contoso.com', removalId: r.id });
    expect(covers(interval, '2026-10-05T00:00:00.000Z')).toBe(true);
    expect(covers(interval, r.time)).toBe(false);
  });

  it('says a right removed without a recorded grant was held before the retained history', () => {
    const [interval] = buildIntervals(null, [removal('2026-10-03T00:00:00.000Z', finance, bob)]);
    expect(interval).toMatchObject({ from: null, grantedBy: null, until: '2026-10-03T00:00:00.000Z' });
  });

  it('ignores failed cmdlets and keeps the first grant behind a right granted twice', () => {
    const first = grant('2026-10-01T00:00:00.000Z', finance, alice);
    const intervals = buildIntervals(null, [
      first,
      grant('2026-10-02T00:00:00.000Z', finance, alice, 'SendAs', { grantedBy: 'other@contoso.com' }),
      removal('2026-10-03T00:00:00.000Z', finance, alice, 'SendAs', { succeeded: false }),
    ]);
    expect(intervals).toHaveLength(1);
    expect(intervals[0]).toMatchObject({ from: first.time, grantedBy: 'admin@contoso.com', until: null });
  });

  it('starts the inventory’s rights before the history, ends those it no longer lists, and applies later records', () => {
    const snapshot = { takenAt: '2026-10-10T00:00:00.000Z', holdings: [holding(finance, bob), holding(finance, alice, 'FullAccess')] };
    const intervals = buildIntervals(snapshot, [
      grant('2026-10-01T00:00:00.000Z', finance, carol),
      removal('2026-10-12T00:00:00.000Z', finance, bob),
    ]);
    const of = (trustee: string) => intervals.filter((i) => i.trustee.key === trustee);
    expect(of(bob)).toEqual([expect.objectContaining({ from: null, until: '2026-10-12T00:00:00.000Z' })]);
    expect(of(alice)).toEqual([expect.objectContaining({ right: 'FullAccess', from: null, until: null })]);
    // Carol's grant is in the records but not in the inventory: it ended by then, unrecorded.
    expect(of(carol)).toEqual([expect.objectContaining({ from: '2026-10-01T00:00:00.000Z', until: snapshot.takenAt, removedBy: null })]);
  });

  it('replaces the Send on Behalf list, and marks rights an unnamed removal may have ended', () => {
    const intervals = buildIntervals(null, [
      grant('2026-10-01T00:00:00.000Z', ceo, alice, 'SendOnBehalf'),
      grant('2026-10-01T00:00:00.000Z', ceo, bob, 'SendOnBehalf'),
      grant('2026-10-02T00:00:00.000Z', ceo, carol, 'SendOnBehalf', { added: [identityOf(bob), identityOf(carol)], replaces: true }),
      grant('2026-10-03T00:00:00.000Z', ceo, carol, 'SendOnBehalf', { added: [], removedUnnamed: true }),
    ]);
    expect(intervals.find((i) => i.trustee.key === alice)).toMatchObject({ until: '2026-10-02T00:00:00.000Z' });
    expect(intervals.find((i) => i.trustee.key === bob)).toMatchObject({ from: '2026-10-01T00:00:00.000Z', until: null, doubtfulSince: '2026-10-03T00:00:00.000Z' });
    expect(intervals.find((i) => i.trustee.key === carol)).toMatchObject({ from: '2026-10-02T00:00:00.000Z', until: null });
  });
});

describe('questions on the model', () => {
  const now = '2026-11-20T00:00:00.000Z';
  const intervals = buildIntervals({ takenAt: '2026-09-01T00:00:00.000Z', holdings: [holding(finance, bob), holding(finance, carol, 'FullAccess')] }, [
    grant('2026-10-01T09:00:00.000Z', finance, alice),
    grant('2026-11-15T09:00:00.000Z', ceo, alice, 'SendOnBehalf'),
  ]);
  const uses = [
    use('2026-11-18T10:00:00.000Z', alice, finance),
    use('2026-10-02T10:00:00.000Z', alice, finance),
    use('2026-08-20T10:00:00.000Z', bob, finance),
    use('2026-11-16T10:00:00.000Z', alice, ceo, 'SendOnBehalf'),
    // Dave has no right on finance; Carol's Full Access does not let her send as it.
    use('2026-11-17T10:00:00.000Z', 'dave@contoso.com', finance),
    use('2026-11-17T11:00:00.000Z', carol, finance, 'SendAs', finance),
    // Owners sending as themselves are not delegate sends.
    use('2026-11-17T12:00:00.000Z', finance, finance),
    use('2026-08-01T00:00:00.000Z', 'erin@contoso.com', finance),
  ];

  it('who can send as finance: senders first, since when (or before the history), who granted, last use, recent uses', () => {
    const holders = whoCanSendAs(intervals, uses, finance, now);
    expect(holders.map((h) => [h.interval.trustee.key, h.interval.right, h.canSend, h.interval.from, h.interval.grantedBy, h.lastUse, h.recentUses])).toEqual([
      [alice, 'SendAs', true, '2026-10-01T09:00:00.000Z', 'admin@contoso.com', '2026-11-18T10:00:00.000Z', 1],
      [bob, 'SendAs', true, null, null, '2026-08-20T10:00:00.000Z', 0],
      [carol, 'FullAccess', false, null, null, '2026-11-17T11:00:00.000Z', 1],
    ]);
  });

  it('dormant rights: held more than N days and unused in them, per mailbox or tenant-wide', () => {
    expect(dormantRights(intervals, uses, now).map((d) => [d.interval.trustee.key, d.lastUse])).toEqual([[bob, '2026-08-20T10:00:00.000Z']]);
    // Alice's Send on Behalf on the CEO is five days old: not dormant yet, whatever its use.
    expect(dormantRights(intervals, [], now, { days: 30, mailboxKey: ceo })).toEqual([]);
    expect(dormantRights(intervals, [], now, { days: 3, mailboxKey: ceo }).map((d) => d.interval.right)).toEqual(['SendOnBehalf']);
  });

  it('the right behind a delegate send, and sends without a known right (Full Access alone does not count)', () => {
    expect(rightBehindSend(intervals, uses[0], '2026-09-01T00:00:00.000Z')).toMatchObject({ kind: 'known', interval: { right: 'SendAs', grantId: expect.any(String) } });
    expect(rightBehindSend(intervals, uses[3], '2026-09-01T00:00:00.000Z')).toMatchObject({ kind: 'known', interval: { right: 'SendOnBehalf' } });
    expect(rightBehindSend(intervals, uses[7], '2026-09-01T00:00:00.000Z')).toEqual({ kind: 'before-history' });
    expect(rightBehindSend(intervals, uses[4], '2026-09-01T00:00:00.000Z')).toEqual({ kind: 'none-known', fullAccess: null });
    expect(rightBehindSend(intervals, uses[5], '2026-09-01T00:00:00.000Z')).toMatchObject({ kind: 'none-known', fullAccess: { right: 'FullAccess', trustee: { key: carol } } });
    expect(sendsWithoutKnownRight(intervals, uses, '2026-09-01T00:00:00.000Z').map((u) => u.actor)).toEqual(['dave@contoso.com', carol]);
  });

  it('grant history of a trustee, on one mailbox or all, with failed attempts and list replacements that dropped them', () => {
    const changes = [
      grant('2026-10-01T00:00:00.000Z', ceo, alice, 'SendOnBehalf'),
      grant('2026-10-02T00:00:00.000Z', ceo, bob, 'SendOnBehalf', { added: [identityOf(bob)], replaces: true }),
      grant('2026-10-03T00:00:00.000Z', finance, alice, 'SendAs', { succeeded: false }),
      grant('2026-10-04T00:00:00.000Z', finance, bob),
    ];
    expect(grantHistory(changes, alice).map((h) => [h.change.mailbox.key, h.action, h.change.succeeded])).toEqual([
      [ceo, 'granted', true],
      [ceo, 'removed', true],
      [finance, 'granted', false],
    ]);
    expect(grantHistory(changes, bob, { mailboxKey: finance }).map((h) => h.action)).toEqual(['granted']);
    expect(grantHistory(changes, alice, { right: 'SendAs' }).map((h) => h.change.mailbox.key)).toEqual([finance]);
  });
});
