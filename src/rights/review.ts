import type { Identity, Right } from './identity';
import type { HeldInterval } from './model';
import { covers, holdingKey } from './model';
import type { DormantRight } from './questions';

/**
 * A PowerShell single-quoted string literal: nothing inside is expanded (no `$var`, no `$(…)`, no
 * backtick escapes), and the only character to escape is the single quote, doubled. PowerShell also
 * takes the typographic quotes ‘ ’ ‚ ‛ (U+2018–U+201B) as single quotes, so those are doubled too: a
 * name holding one would otherwise end the string and run the rest as code.
 */
export function quotePowerShell(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

/** The name a command should use: the resolved address when there is one, else the name as the admin wrote it. */
function nameFor(identity: Identity): string {
  return identity.key.includes('@') ? identity.key : identity.text;
}

/**
 * The exact command that takes the right away. The bot has no write access to Exchange: the admin runs it.
 * Full Access is removed with `-InheritanceType All`, the inheritance Add-MailboxPermission grants with
 * by default, so the entry it made is the one removed. Send on Behalf uses the hashtable form, which
 * takes one delegate off the list and leaves the others.
 */
export function removeCommand(right: Right, mailbox: Identity, trustee: Identity): string {
  const identity = quotePowerShell(nameFor(mailbox));
  const who = quotePowerShell(nameFor(trustee));
  switch (right) {
    case 'SendAs':
      return `Remove-RecipientPermission -Identity ${identity} -Trustee ${who} -AccessRights SendAs -Confirm:$false`;
    case 'FullAccess':
      return `Remove-MailboxPermission -Identity ${identity} -User ${who} -AccessRights FullAccess -InheritanceType All -Confirm:$false`;
    case 'SendOnBehalf':
      return `Set-Mailbox -Identity ${identity} -GrantSendOnBehalfTo @{Remove=${who}}`;
    default:
      return right satisfies never;
  }
}

export type ReviewDecisionKind = 'keep' | 'remove';

/** A decision an admin made in a review, as the store keeps it. */
export interface ReviewDecision {
  readonly mailboxKey: string;
  readonly trusteeKey: string;
  readonly right: Right;
  readonly decision: ReviewDecisionKind;
  readonly by: string;
  /** ISO UTC. */
  readonly at: string;
}

export interface ReviewItem {
  readonly dormant: DormantRight;
  /** The latest decision on this right, if any. */
  readonly decision: ReviewDecision | null;
  /** Shown with Remove: the command to run. */
  readonly command: string;
  /** Remove was decided but the right is still held: the command has not been run (or not yet seen in the records). */
  readonly removalPending: boolean;
  /** The decision still stands (a removal, or a Keep within keepDays): nothing is left to decide. */
  readonly settled: boolean;
}

export interface MailboxReview {
  readonly mailbox: Identity;
  readonly items: readonly ReviewItem[];
}

export interface ReviewOptions {
  /** A Keep decision holds for this many days; after that the right is reviewed again. */
  readonly keepDays?: number;
  readonly now: string;
  /** A right (its holdingKey) shown even when kept: the card a decision was just made on shows that decision. */
  readonly show?: string;
}

/** How long a Keep holds by default before the right is reviewed again. */
export const DEFAULT_KEEP_DAYS = 90;

const DAY_MS = 24 * 3600_000;

/**
 * The access review: dormant rights per mailbox (mailboxes and trustees in order), each with its
 * latest decision and the removal command. Rights kept within `keepDays` are left out; rights whose
 * removal was decided stay in, marked pending, until the records show them gone.
 */
export function accessReview(dormant: readonly DormantRight[], decisions: readonly ReviewDecision[], options: ReviewOptions): MailboxReview[] {
  const keepDays = options.keepDays ?? DEFAULT_KEEP_DAYS;
  const keptSince = new Date(Date.parse(options.now) - keepDays * DAY_MS).toISOString();
  const latest = latestDecisions(decisions);
  const byMailbox = new Map<string, { mailbox: Identity; items: ReviewItem[] }>();
  for (const right of dormant) {
    const { mailbox, trustee } = right.interval;
    const key = holdingKey(mailbox.key, trustee.key, right.interval.right);
    const decision = decisionOn(right.interval, latest);
    if (decision?.decision === 'keep' && decision.at >= keptSince && key !== options.show) continue;
    const entry = byMailbox.get(mailbox.key) ?? { mailbox, items: [] };
    byMailbox.set(mailbox.key, entry);
    entry.items.push({
      dormant: right,
      decision,
      command: removeCommand(right.interval.right, mailbox, trustee),
      removalPending: decision?.decision === 'remove',
      settled: decision !== null && (decision.decision === 'remove' || decision.at >= keptSince),
    });
  }
  return [...byMailbox.values()]
    .sort((a, b) => a.mailbox.key.localeCompare(b.mailbox.key))
    .map(({ mailbox, items }) => ({
      mailbox,
      items: items.sort((a, b) => a.dormant.interval.trustee.key.localeCompare(b.dormant.interval.trustee.key) || a.dormant.interval.right.localeCompare(b.dormant.interval.right)),
    }));
}

/** The latest decision on each right, by holdingKey. */
export function latestDecisions(decisions: readonly ReviewDecision[]): Map<string, ReviewDecision> {
  const latest = new Map<string, ReviewDecision>();
  for (const d of decisions) {
    const key = holdingKey(d.mailboxKey, d.trusteeKey, d.right);
    const known = latest.get(key);
    if (known === undefined || d.at > known.at) latest.set(key, d);
  }
  return latest;
}

/** The latest decision on the interval's right; one made before the right was (re)granted belongs to an earlier grant. */
export function decisionOn(interval: HeldInterval, latest: ReadonlyMap<string, ReviewDecision>): ReviewDecision | null {
  const found = latest.get(holdingKey(interval.mailbox.key, interval.trustee.key, interval.right));
  return found !== undefined && (interval.from === null || found.at >= interval.from) ? found : null;
}

/** A Keep or Remove pressed on a review card: which right, and what was decided. */
export interface ReviewDecisionRequest {
  readonly mailboxKey: string;
  readonly trusteeKey: string;
  readonly right: Right;
  readonly decision: ReviewDecisionKind;
}

/**
 * What a pressed button amounts to. Only a right held now can be decided on; the same decision pressed
 * again (a replayed button, a second admin on the same card) is not stored twice.
 */
export type ReviewDecisionCheck =
  | { readonly kind: 'new'; readonly interval: HeldInterval }
  | { readonly kind: 'already'; readonly interval: HeldInterval; readonly decision: ReviewDecision }
  | { readonly kind: 'not-held' };

export function checkReviewDecision(
  intervals: readonly HeldInterval[],
  decisions: readonly ReviewDecision[],
  request: ReviewDecisionRequest,
  options: { readonly now: string; readonly keepDays?: number },
): ReviewDecisionCheck {
  const now = options.now;
  const interval = intervals.find(
    (i) => i.mailbox.key === request.mailboxKey && i.trustee.key === request.trusteeKey && i.right === request.right && covers(i, now),
  );
  if (interval === undefined) return { kind: 'not-held' };
  const current = decisionOn(interval, latestDecisions(decisions));
  // A Keep past keepDays has run out: keeping again is a new decision, as the review asks for it again.
  const keptSince = new Date(Date.parse(now) - (options.keepDays ?? DEFAULT_KEEP_DAYS) * DAY_MS).toISOString();
  const stillStands = current !== null && (current.decision === 'remove' || current.at >= keptSince);
  if (stillStands && current.decision === request.decision) return { kind: 'already', interval, decision: current };
  return { kind: 'new', interval };
}
