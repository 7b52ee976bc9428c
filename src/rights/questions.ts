import type { AuditEvent, Operation } from '../audit/event';
import type { Right } from './identity';
import type { HeldInterval } from './model';
import { covers } from './model';
import type { RightsChange } from './record';

const DAY_MS = 24 * 3600_000;

/** One send as it bears on rights: the actor, the mailbox it went out from and the identity it went out as. */
export type RightsUse = Pick<AuditEvent, 'id' | 'time' | 'operation' | 'actor' | 'mailbox' | 'sentAs'>;

/** The right a send needs: Send As for SendAs, Send on Behalf for SendOnBehalf. Full Access alone sends nothing (identity.ts). */
export function rightNeededFor(operation: Operation): Right {
  return operation === 'SendAs' ? 'SendAs' : 'SendOnBehalf';
}

/**
 * Whether a send used `right` on the mailbox: a send as / on behalf of it needing that right, or for
 * Full Access any send from inside the mailbox (opening it is the use we can see).
 */
export function isUseOf(right: Right, mailboxKey: string, use: RightsUse): boolean {
  if (right === 'FullAccess') return use.mailbox === mailboxKey;
  return use.sentAs === mailboxKey && rightNeededFor(use.operation) === right;
}

/** Whether `use` is the interval's trustee using its right. */
export function usesRight(interval: HeldInterval, use: RightsUse): boolean {
  return use.actor === interval.trustee.key && isUseOf(interval.right, interval.mailbox.key, use);
}

export interface Holder {
  readonly interval: HeldInterval;
  /** Whether this right lets the trustee send (Full Access alone does not). */
  readonly canSend: boolean;
  readonly lastUse: string | null;
  /** Uses in the `days` before `now`. */
  readonly recentUses: number;
}

/**
 * "Who can send as finance": each right held on the mailbox at `now`, with since when (null: before the
 * retained history) and who granted it, its last use and its uses in the last `days` days. Senders first.
 */
export function whoCanSendAs(intervals: readonly HeldInterval[], uses: readonly RightsUse[], mailboxKey: string, now: string, days = 30): Holder[] {
  const since = new Date(Date.parse(now) - days * DAY_MS).toISOString();
  return intervals
    .filter((i) => i.mailbox.key === mailboxKey && covers(i, now))
    .map((interval) => {
      const mine = uses.filter((u) => u.time <= now && usesRight(interval, u));
      return {
        interval,
        canSend: interval.right !== 'FullAccess',
        lastUse: mine.reduce<string | null>((last, u) => (last === null || u.time > last ? u.time : last), null),
        recentUses: mine.filter((u) => u.time >= since).length,
      };
    })
    .sort((a, b) => Number(b.canSend) - Number(a.canSend) || a.interval.trustee.key.localeCompare(b.interval.trustee.key));
}

export type HistoryAction = 'granted' | 'removed' | 'list-replaced' | 'removal-unnamed';

export interface HistoryEntry {
  readonly change: RightsChange;
  readonly action: HistoryAction;
  readonly trustee: string | null;
}

/**
 * "When did alice get send as on finance" / "who gave bob send as": the grants and removals that name
 * the trustee (on the mailbox and of the right, when given), oldest first; failed cmdlets are kept and marked by `change.succeeded`.
 * Removals that name nobody on a mailbox the trustee held are listed too: they may have been theirs.
 */
export function grantHistory(changes: readonly RightsChange[], trusteeKey: string, options: { readonly mailboxKey?: string; readonly right?: Right } = {}): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const touched = new Set<string>();
  for (const change of [...changes].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))) {
    if (options.mailboxKey !== undefined && change.mailbox.key !== options.mailboxKey) continue;
    if (options.right !== undefined && change.right !== options.right) continue;
    const where = `${change.mailbox.key}\u0000${change.right}`;
    if (change.added.some((t) => t.key === trusteeKey)) {
      touched.add(where);
      out.push({ change, action: change.replaces ? 'list-replaced' : 'granted', trustee: trusteeKey });
    } else if (change.removed.some((t) => t.key === trusteeKey)) {
      touched.add(where);
      out.push({ change, action: 'removed', trustee: trusteeKey });
    } else if (touched.has(where) && change.replaces) {
      out.push({ change, action: 'removed', trustee: trusteeKey });
      touched.delete(where);
    } else if (touched.has(where) && change.removedUnnamed) {
      out.push({ change, action: 'removal-unnamed', trustee: null });
    }
  }
  return out;
}

export interface DormantRight {
  readonly interval: HeldInterval;
  readonly lastUse: string | null;
  /** Full Access is used by opening the mailbox, which only shows when the trustee sends from it. */
  readonly useSeenOnlyBySends: boolean;
}

/**
 * "Unused send-as rights": rights held at `now`, held for more than `days` days (a right held since
 * before the history counts), and not used in those days. Per mailbox when `mailboxKey` is given.
 */
export function dormantRights(intervals: readonly HeldInterval[], uses: readonly RightsUse[], now: string, options: { days?: number; mailboxKey?: string } = {}): DormantRight[] {
  const days = options.days ?? 30;
  const since = new Date(Date.parse(now) - days * DAY_MS).toISOString();
  return intervals
    .filter((i) => covers(i, now) && (i.from === null || i.from <= since) && (options.mailboxKey === undefined || i.mailbox.key === options.mailboxKey))
    .flatMap((interval) => {
      const mine = uses.filter((u) => u.time <= now && usesRight(interval, u));
      if (mine.some((u) => u.time >= since)) return [];
      const lastUse = mine.reduce<string | null>((last, u) => (last === null || u.time > last ? u.time : last), null);
      return [{ interval, lastUse, useSeenOnlyBySends: interval.right === 'FullAccess' }];
    });
}

export type SendRight =
  | { readonly kind: 'known'; readonly interval: HeldInterval }
  /** The send predates the oldest retained admin record and no inventory reaches back: we cannot say. */
  | { readonly kind: 'before-history' }
  /**
   * No right we know of: a gap in our knowledge, or a right granted another way (group membership).
   * `fullAccess` is the trustee's Full Access on the identity sent as, when held: it opens the mailbox
   * but does not let them send as it, which is worth telling the admin.
   */
  | { readonly kind: 'none-known'; readonly fullAccess: HeldInterval | null };

/**
 * The right behind a delegate send: the interval of the needed right (Send As or Send on Behalf) on the
 * identity sent as, covering the send's time. `historyStart` is the oldest retained admin record's time.
 */
export function rightBehindSend(intervals: readonly HeldInterval[], use: RightsUse, historyStart: string): SendRight {
  const needed = rightNeededFor(use.operation);
  const interval = intervals.find((i) => i.right === needed && i.trustee.key === use.actor && i.mailbox.key === use.sentAs && covers(i, use.time));
  if (interval !== undefined) return { kind: 'known', interval };
  if (use.time < historyStart) return { kind: 'before-history' };
  const fullAccess = intervals.find((i) => i.right === 'FullAccess' && i.trustee.key === use.actor && i.mailbox.key === use.sentAs && covers(i, use.time)) ?? null;
  return { kind: 'none-known', fullAccess };
}

/**
 * "Sends without a known right": sends within the retained history whose actor held no known right at
 * that moment. Give it the sends classified `delegate`: connectors, apps and owners' own sends need no
 * right. Sends as oneself are left out here too. Shown as a gap, never as an accusation.
 */
export function sendsWithoutKnownRight(intervals: readonly HeldInterval[], uses: readonly RightsUse[], historyStart: string): RightsUse[] {
  return uses.filter((u) => u.sentAs !== null && u.sentAs !== u.actor && rightBehindSend(intervals, u, historyStart).kind === 'none-known');
}
