import type { Identity, Right } from './identity';
import type { RightsChange } from './record';

/** One right held today according to an inventory export. */
export interface Holding {
  readonly mailbox: Identity;
  readonly trustee: Identity;
  readonly right: Right;
}

/** What the inventory exports said at one moment. */
export interface Snapshot {
  /** ISO UTC: when the exports were made (the admin says so, or the files' time). */
  readonly takenAt: string;
  readonly holdings: readonly Holding[];
}

/**
 * One stretch of time a trustee held a right on a mailbox. `from` null: held before the oldest retained
 * record, since when is unknown. `until` null: still held as far as the records show.
 */
export interface HeldInterval {
  readonly mailbox: Identity;
  readonly trustee: Identity;
  readonly right: Right;
  readonly from: string | null;
  readonly grantedBy: string | null;
  /** The audit record that granted it, when one did. */
  readonly grantId: string | null;
  readonly until: string | null;
  /** Who removed it; null when the removal is not recorded (the inventory no longer lists it). */
  readonly removedBy: string | null;
  readonly removalId: string | null;
  /**
   * When a Send on Behalf removal that names nobody happened on this mailbox while the interval was
   * open: it may have ended then. Null when nothing casts doubt on it.
   */
  readonly doubtfulSince: string | null;
}

interface Open {
  mailbox: Identity;
  trustee: Identity;
  right: Right;
  from: string | null;
  grantedBy: string | null;
  grantId: string | null;
  doubtfulSince: string | null;
}

export function holdingKey(mailboxKey: string, trusteeKey: string, right: Right): string {
  return `${mailboxKey}\u0000${trusteeKey}\u0000${right}`;
}

function byTime(a: RightsChange, b: RightsChange): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Who held which right when: replays the grant and removal records in time order around an inventory
 * snapshot. Failed cmdlets change nothing. A removal of a right no record granted, and a right the
 * inventory lists that no record granted, were held before the retained history. A right held before
 * the snapshot that the snapshot does not list ended by then, its removal unrecorded. Intervals come
 * out ordered by mailbox, trustee, right and start.
 */
export function buildIntervals(snapshot: Snapshot | null, changes: readonly RightsChange[]): HeldInterval[] {
  const open = new Map<string, Open>();
  const closed: HeldInterval[] = [];
  const close = (key: string, until: string, removedBy: string | null, removalId: string | null): void => {
    const o = open.get(key);
    if (o === undefined) return;
    open.delete(key);
    closed.push({ ...o, until, removedBy, removalId });
  };
  const seen = new Set<string>();

  const apply = (c: RightsChange): void => {
    if (!c.succeeded) return;
    const forMailbox = (key: string): boolean => key.startsWith(`${c.mailbox.key}\u0000`) && key.endsWith(`\u0000${c.right}`);
    if (c.replaces) {
      const keep = new Set(c.added.map((t) => t.key));
      for (const [key, o] of [...open]) if (forMailbox(key) && !keep.has(o.trustee.key)) close(key, c.time, c.grantedBy, c.id);
    } else if (c.removedUnnamed) {
      for (const [key, o] of open) if (forMailbox(key) && o.doubtfulSince === null) o.doubtfulSince = c.time;
    }
    for (const trustee of c.removed) {
      const key = holdingKey(c.mailbox.key, trustee.key, c.right);
      if (!open.has(key) && !seen.has(key)) {
        // Removed without a recorded grant: it was held before the retained history.
        open.set(key, { mailbox: c.mailbox, trustee, right: c.right, from: null, grantedBy: null, grantId: null, doubtfulSince: null });
      }
      seen.add(key);
      close(key, c.time, c.grantedBy, c.id);
    }
    for (const trustee of c.added) {
      const key = holdingKey(c.mailbox.key, trustee.key, c.right);
      seen.add(key);
      // A grant of a right already held changes nothing: the first grant stays the one behind it.
      if (!open.has(key)) open.set(key, { mailbox: c.mailbox, trustee, right: c.right, from: c.time, grantedBy: c.grantedBy, grantId: c.id, doubtfulSince: null });
    }
  };

  const ordered = [...changes].sort(byTime);
  let i = 0;
  if (snapshot !== null) {
    for (; i < ordered.length && ordered[i].time <= snapshot.takenAt; i += 1) apply(ordered[i]);
    const listed = new Set<string>();
    for (const h of snapshot.holdings) {
      const key = holdingKey(h.mailbox.key, h.trustee.key, h.right);
      listed.add(key);
      if (!open.has(key)) {
        seen.add(key);
        open.set(key, { mailbox: h.mailbox, trustee: h.trustee, right: h.right, from: null, grantedBy: null, grantId: null, doubtfulSince: null });
      }
    }
    for (const key of [...open.keys()]) if (!listed.has(key)) close(key, snapshot.takenAt, null, null);
  }
  for (; i < ordered.length; i += 1) apply(ordered[i]);

  const all: HeldInterval[] = [...closed, ...[...open.values()].map((o) => ({ ...o, until: null, removedBy: null, removalId: null }))];
  return all.sort(
    (a, b) =>
      a.mailbox.key.localeCompare(b.mailbox.key) ||
      a.trustee.key.localeCompare(b.trustee.key) ||
      a.right.localeCompare(b.right) ||
      (a.from ?? '').localeCompare(b.from ?? ''),
  );
}

/** Whether the interval covers `time`; one held since before the history covers every time before its end. */
export function covers(interval: HeldInterval, time: string): boolean {
  return (interval.from === null || interval.from <= time) && (interval.until === null || time < interval.until);
}
