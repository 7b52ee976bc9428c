import type { Operation } from '../audit/event';
import type { RightsStore } from '../rights/ports';
import { buildIntervals } from '../rights/model';
import { rightBehindSend } from '../rights/questions';
import type { ActivityGroupFilter, EventStore, TimeWindow } from '../store/store';
import type { AnswerRow, RowRight } from './answer';

const key = (actor: string, sentAs: string): string => `${actor}\u0000${sentAs}`;

/**
 * Delegate rows with the right behind their sends (Send As for SendAs, Send on Behalf for SendOnBehalf)
 * as known at each operation's last send in the range. The rights are read once for the answer: the
 * admin records up to `now` (of the subject mailbox alone when one is asked about) and the inventory.
 * A store that never loaded rights data leaves the rows as they are: "no known right" on every row
 * would only say that nothing was loaded.
 */
export async function withRowRights(
  rows: readonly AnswerRow[],
  store: Pick<RightsStore, 'listRightsChanges' | 'currentSnapshot' | 'rightsHistoryStart'> & Pick<EventStore, 'activityGroups'>,
  options: { readonly window: TimeWindow; readonly subject: string; readonly byActor: boolean; readonly operation: Operation | undefined; readonly now: string },
): Promise<AnswerRow[]> {
  if (!rows.some((r) => r.category === 'delegate')) return [...rows];
  const [start, snapshot, changes] = await Promise.all([
    store.rightsHistoryStart(),
    store.currentSnapshot(),
    store.listRightsChanges({ to: options.now, ...(options.byActor ? {} : { mailboxKey: options.subject }) }),
  ]);
  if (start === null && snapshot === null && changes.length === 0) return [...rows];
  const historyStart = start ?? snapshot?.takenAt ?? changes.reduce((oldest, c) => (c.time < oldest ? c.time : oldest), options.now);
  const intervals = buildIntervals(snapshot, changes);

  // The last delegate send per actor, identity and operation: a row mixes Send As and Send on Behalf only when no operation was asked for.
  const filter: ActivityGroupFilter = { ...options.window, categories: ['delegate'], ...(options.byActor ? { actors: [options.subject] } : { sentAs: [options.subject] }) };
  const lastSend = new Map<string, Map<Operation, string>>();
  for (const group of await store.activityGroups(filter, 0)) {
    if (options.operation !== undefined && group.operation !== options.operation) continue;
    const sentAs = group.sentAs ?? group.mailbox;
    if (sentAs === null) continue;
    const perOperation = lastSend.get(key(group.actor, sentAs)) ?? new Map<Operation, string>();
    const last = perOperation.get(group.operation);
    if (last === undefined || group.last > last) perOperation.set(group.operation, group.last);
    lastSend.set(key(group.actor, sentAs), perOperation);
  }

  return rows.map((row) => {
    if (row.category !== 'delegate') return row;
    const perOperation = lastSend.get(key(row.actor, row.sentAs));
    if (perOperation === undefined) return row;
    const rights = [...perOperation.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, at]): RowRight => {
        const found = rightBehindSend(intervals, { id: '', time: at, operation, actor: row.actor, mailbox: null, sentAs: row.sentAs }, historyStart);
        if (found.kind === 'known') return { operation, at, kind: 'held', since: found.interval.from, grantedBy: found.interval.grantedBy };
        if (found.kind === 'before-history') return { operation, at, kind: 'before-history' };
        return { operation, at, kind: 'none-known', fullAccess: found.fullAccess !== null };
      });
    return { ...row, rights };
  });
}
