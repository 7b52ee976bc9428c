import type { Language } from '../i18n/reasons';
import { formatDated } from '../i18n/dates';
import type { TimeWindow } from '../store/store';
import type { Directory, Right } from './identity';
import { RIGHTS_MESSAGES } from '../i18n/rights/messages';
import type { HeldInterval } from './model';
import { buildIntervals } from './model';
import type { ProvisionalPart } from '../query/answer';
import type { RightsFreshnessReads } from './freshness';
import { rightsFreshness } from './freshness';
import type { DelegateUses, RightsStore } from './ports';
import type { DormantRight, HistoryEntry, Holder, RightsUse } from './questions';
import { dormantRights, grantHistory, rightBehindSend, sendsWithoutKnownRight, whoCanSendAs } from './questions';
import type { MailboxReview, ReviewDecision, ReviewDecisionRequest } from './review';
import { DEFAULT_KEEP_DAYS, accessReview, checkReviewDecision, decisionOn, latestDecisions, removeCommand } from './review';

const DAY_MS = 24 * 3600_000;

/** The rights questions the bot and the CLI answer (parsed in src/query/parse/rights.ts). */
export type RightsQuestion =
  | { readonly kind: 'who-can-send-as'; readonly mailbox: string }
  | { readonly kind: 'grant-history'; readonly trustee: string; readonly mailbox: string | null; readonly right: Right | null }
  | { readonly kind: 'dormant'; readonly mailbox: string | null; readonly days: number }
  | { readonly kind: 'without-right'; readonly days: number }
  | { readonly kind: 'access-review'; readonly days: number };

/**
 * What rights answers know their data from: the inventory's date and the oldest admin record window,
 * from where on the admin records are not final yet, and the windows inside the history never read (see rightsFreshness).
 */
export interface RightsKnowledge {
  readonly inventoryTakenAt: string | null;
  readonly historyStart: string | null;
  readonly provisional: ProvisionalPart | null;
  readonly gaps: readonly TimeWindow[];
}

export type RightsAnswer = RightsKnowledge &
  (
    | { readonly kind: 'who-can-send-as'; readonly mailbox: string; readonly holders: readonly Holder[]; readonly days: number; readonly removals: readonly ReviewDecision[] }
    | { readonly kind: 'grant-history'; readonly trustee: string; readonly mailbox: string | null; readonly entries: readonly HistoryEntry[] }
    | { readonly kind: 'dormant'; readonly mailbox: string | null; readonly days: number; readonly dormant: readonly DormantRight[]; readonly decisions: readonly ReviewDecision[] }
    | { readonly kind: 'without-right'; readonly days: number; readonly sends: readonly { readonly use: RightsUse; readonly fullAccess: boolean }[] }
    | { readonly kind: 'access-review'; readonly days: number; readonly keepDays: number; readonly review: readonly MailboxReview[] }
  );

/** Settings of the access review, from the configuration. */
export interface ReviewSettings {
  /** A Keep holds this many days (SENDAS_REVIEW_KEEP_DAYS). */
  readonly keepDays: number;
}

export interface RightsAnswerOptions {
  readonly review?: ReviewSettings;
  /** The right a decision was just made on (holdingKey): the review shows it even when kept. */
  readonly show?: string;
}

/**
 * The key a typed name stands for: what the directory maps it to, else the one known mailbox or trustee
 * whose address starts with it (`finance` → finance@contoso.com), else the name itself, lower-cased.
 */
export function resolveRightsName(name: string, directory: Directory, known: readonly string[]): string {
  const lower = name.trim().toLowerCase();
  const mapped = directory.get(lower);
  if (mapped !== undefined) return mapped;
  if (lower.includes('@')) return lower;
  const matches = [...new Set(known.filter((k) => k.startsWith(`${lower}@`)))];
  return matches.length === 1 ? matches[0] : lower;
}

function knownKeys(intervals: readonly HeldInterval[]): string[] {
  return intervals.flatMap((i) => [i.mailbox.key, i.trustee.key]);
}

/** Answers a rights question from the store: intervals over the inventory and the admin records, uses from the delegate sends. */
export async function answerRightsQuestion(question: RightsQuestion, store: RightsStore & DelegateUses & RightsFreshnessReads, now: string, options: RightsAnswerOptions = {}): Promise<RightsAnswer> {
  const [snapshot, changes, start, directory] = await Promise.all([store.currentSnapshot(), store.listRightsChanges({ to: now }), store.rightsHistoryStart(), store.loadDirectory()]);
  const intervals = buildIntervals(snapshot, changes);
  const knowledge: RightsKnowledge = { inventoryTakenAt: snapshot?.takenAt ?? null, historyStart: start, ...(await rightsFreshness(store, now, snapshot?.takenAt ?? null)) };
  const resolve = (name: string): string => resolveRightsName(name, directory, knownKeys(intervals));
  // Uses reach back as far as anything is known, so "last used" is true over the retained history.
  const earliest = [start, snapshot?.takenAt].filter((t): t is string => t !== null && t !== undefined).sort()[0];
  const history: TimeWindow = { from: earliest ?? new Date(Date.parse(now) - 90 * DAY_MS).toISOString(), to: now };
  switch (question.kind) {
    case 'who-can-send-as': {
      const mailbox = resolve(question.mailbox);
      const trustees = [...new Set(intervals.filter((i) => i.mailbox.key === mailbox).map((i) => i.trustee.key))];
      const [uses, decisions] = await Promise.all([trustees.length === 0 ? [] : store.delegateUses(history, trustees), store.listReviewDecisions(mailbox)]);
      const holders = whoCanSendAs(intervals, uses, mailbox, now);
      // A removal decided in a review while the right is still held: the command has not been run yet.
      const latest = latestDecisions(decisions);
      const removals = holders.flatMap((h) => {
        const d = decisionOn(h.interval, latest);
        return d?.decision === 'remove' ? [d] : [];
      });
      return { ...knowledge, kind: 'who-can-send-as', mailbox, holders, days: 30, removals };
    }
    case 'grant-history': {
      const trustee = resolve(question.trustee);
      const mailbox = question.mailbox === null ? null : resolve(question.mailbox);
      const entries = grantHistory(changes, trustee, { ...(mailbox === null ? {} : { mailboxKey: mailbox }), ...(question.right === null ? {} : { right: question.right }) });
      return { ...knowledge, kind: 'grant-history', trustee, mailbox, entries };
    }
    case 'dormant': {
      const mailbox = question.mailbox === null ? null : resolve(question.mailbox);
      const uses = await store.delegateUses(history);
      const dormant = dormantRights(intervals, uses, now, { days: question.days, ...(mailbox === null ? {} : { mailboxKey: mailbox }) });
      const decisions = await store.listReviewDecisions(mailbox ?? undefined);
      return { ...knowledge, kind: 'dormant', mailbox, days: question.days, dormant, decisions };
    }
    case 'without-right': {
      const window = { from: new Date(Date.parse(now) - question.days * DAY_MS).toISOString(), to: now };
      const uses = await store.delegateUses(window);
      // The inventory makes what was held at its date known, as the admin records do from theirs.
      const knownFrom = earliest ?? now;
      const sends = sendsWithoutKnownRight(intervals, uses, knownFrom).map((use) => {
        const behind = rightBehindSend(intervals, use, knownFrom);
        return { use, fullAccess: behind.kind === 'none-known' && behind.fullAccess !== null };
      });
      return { ...knowledge, kind: 'without-right', days: question.days, sends };
    }
    case 'access-review': {
      const keepDays = options.review?.keepDays ?? DEFAULT_KEEP_DAYS;
      const [uses, decisions] = await Promise.all([store.delegateUses(history), store.listReviewDecisions()]);
      const dormant = dormantRights(intervals, uses, now, { days: question.days });
      const review = accessReview(dormant, decisions, { now, keepDays, ...(options.show === undefined ? {} : { show: options.show }) });
      return { ...knowledge, kind: 'access-review', days: question.days, keepDays, review };
    }
    default:
      return question satisfies never;
  }
}

/** One item of an answer: a heading (who, or when) and its facts, each a plain line. */
export interface RightsViewItem {
  readonly heading: string;
  readonly facts: readonly string[];
  /** A PowerShell command to copy (dormant rights). */
  readonly command?: string;
}

/** An answer in words, for the CLI's text and the bot's card alike. */
export interface RightsView {
  readonly title: string;
  /** "Not yet complete" while admin records may still arrive: shown before the items, as a warning. */
  readonly warnings: readonly string[];
  readonly items: readonly RightsViewItem[];
  /** Shown when there are no items. */
  readonly empty: string;
  readonly notes: readonly string[];
}

/** The answer in the asker's language and zone. */
export function rightsView(answer: RightsAnswer, language: Language, timeZone: string): RightsView {
  const words = RIGHTS_MESSAGES[language];
  const a = words.answers;
  const when = (iso: string): string => formatDated(iso, timeZone, language, 'instant');
  const knowledge = [a.knownFrom(answer.inventoryTakenAt === null ? null : when(answer.inventoryTakenAt), answer.historyStart === null ? null : when(answer.historyStart))];
  const part = answer.provisional;
  const gaps = answer.gaps.slice(0, 3).map((g) => `${when(g.from)} – ${when(g.to)}`);
  const warnings = [
    ...(gaps.length === 0 ? [] : [a.notLoaded(gaps, answer.gaps.length - gaps.length)]),
    ...(part === null ? [] : [a.notYetComplete({ from: when(part.from), checkedAt: part.checkedAt === null ? null : when(part.checkedAt), whole: part.whole })]),
  ];
  const view = (shown: Omit<RightsView, 'warnings'>): RightsView => ({ ...shown, warnings });
  switch (answer.kind) {
    case 'who-can-send-as':
      return view({
        title: a.whoCanTitle(answer.mailbox),
        items: answer.holders.map((h) => ({
          heading: `${h.interval.trustee.text} — ${words.right[h.interval.right]}`,
          facts: [
            words.since(h.interval.from === null ? null : when(h.interval.from)),
            words.grantedBy(h.interval.grantedBy),
            ...(h.canSend ? [words.lastUse(h.lastUse === null ? null : when(h.lastUse)), words.recentUses(h.recentUses, answer.days)] : [words.fullAccessCannotSend]),
            ...(h.interval.doubtfulSince === null ? [] : [words.doubtful(when(h.interval.doubtfulSince))]),
            ...answer.removals
              .filter((d) => d.trusteeKey === h.interval.trustee.key && d.right === h.interval.right)
              .map((d) => words.review.pendingBy(d.by, when(d.at))),
          ],
        })),
        empty: a.nobodyHolds(answer.mailbox),
        notes: knowledge,
      });
    case 'grant-history':
      return view({
        title: a.historyTitle(answer.trustee, answer.mailbox),
        items: answer.entries.map((e) => ({
          heading: `${when(e.change.time)} — ${words.history[e.action]}: ${words.right[e.change.right]}, ${e.change.mailbox.text}`,
          facts: [a.by(e.change.grantedBy, e.change.clientIp), ...(e.change.succeeded ? [] : [words.failedCmdlet])],
        })),
        empty: a.noHistory(answer.trustee),
        notes: knowledge,
      });
    case 'dormant': {
      const latest = latestDecisions(answer.decisions);
      return view({
        title: a.dormantTitle(answer.days, answer.mailbox),
        items: answer.dormant.map((d) => {
          const decision = decisionOn(d.interval, latest) ?? undefined;
          return {
            heading: `${d.interval.trustee.text} — ${words.right[d.interval.right]}, ${d.interval.mailbox.text}`,
            facts: [
              words.since(d.interval.from === null ? null : when(d.interval.from)),
              words.grantedBy(d.interval.grantedBy),
              words.lastUse(d.lastUse === null ? null : when(d.lastUse)),
              ...(d.useSeenOnlyBySends ? [words.review.onlySendsSeen] : []),
              ...(decision === undefined ? [] : [a.decided(decision.decision === 'keep' ? words.review.keep : words.review.remove, decision.by, when(decision.at))]),
            ],
            command: removeCommand(d.interval.right, d.interval.mailbox, d.interval.trustee),
          };
        }),
        empty: a.noDormant(answer.days),
        notes: knowledge,
      });
    }
    case 'without-right':
      return view({
        title: a.withoutRightTitle(answer.days),
        items: answer.sends.map(({ use, fullAccess }) => ({
          heading: `${when(use.time)} — ${use.actor} → ${use.sentAs ?? ''} (${use.operation})`,
          facts: [words.sendRight['none-known'], ...(fullAccess ? [words.fullAccessOnly] : [])],
        })),
        empty: a.noSendsWithoutRight(answer.days),
        notes: [words.noKnownRightNote, ...knowledge],
      });
    case 'access-review':
      return view({
        title: words.review.heading,
        items: answer.review.flatMap((m) =>
          m.items.map((item) => {
            const d = item.dormant;
            return {
              heading: `${d.interval.trustee.text} — ${words.right[d.interval.right]}, ${m.mailbox.text}`,
              facts: [
                words.since(d.interval.from === null ? null : when(d.interval.from)),
                words.grantedBy(d.interval.grantedBy),
                words.lastUse(d.lastUse === null ? null : when(d.lastUse)),
                ...(d.useSeenOnlyBySends ? [words.review.onlySendsSeen] : []),
                ...(item.decision === null ? [] : [reviewDecisionText(words, item, when)]),
              ],
              command: item.command,
            };
          }),
        ),
        empty: words.review.nothing(answer.days),
        notes: [words.review.intro(answer.days), words.review.keepFor(answer.keepDays), words.review.noWriteAccess, ...knowledge],
      });
    default:
      return answer satisfies never;
  }
}

/** "Kept by …" / "Removal decided by …, still held": a review item's decision in words. */
export function reviewDecisionText(words: (typeof RIGHTS_MESSAGES)[Language], item: { readonly decision: ReviewDecision | null }, when: (iso: string) => string): string {
  const decision = item.decision;
  if (decision === null) return '';
  return decision.decision === 'keep' ? words.review.keptBy(decision.by, when(decision.at)) : words.review.pendingBy(decision.by, when(decision.at));
}

/** What a Keep or Remove came to: stored, already so, or refused. */
export type ReviewDecisionOutcome = { readonly kind: 'recorded'; readonly decision: ReviewDecision } | { readonly kind: 'already'; readonly decision: ReviewDecision } | { readonly kind: 'not-held' };

/**
 * Records a Keep or Remove pressed on a review card, once the right is found held now: the button's
 * data came from a chat, so a right nobody holds (a forged or stale button) is refused and nothing is
 * stored; the same decision pressed again is not stored twice.
 */
export async function decideAccessReview(
  store: Pick<RightsStore, 'currentSnapshot' | 'listRightsChanges' | 'listReviewDecisions' | 'recordReviewDecision'>,
  request: ReviewDecisionRequest,
  by: string,
  now: string,
  settings: ReviewSettings = { keepDays: DEFAULT_KEEP_DAYS },
): Promise<ReviewDecisionOutcome> {
  const [snapshot, changes, decisions] = await Promise.all([store.currentSnapshot(), store.listRightsChanges({ to: now, mailboxKey: request.mailboxKey }), store.listReviewDecisions(request.mailboxKey)]);
  const check = checkReviewDecision(buildIntervals(snapshot, changes), decisions, request, { now, keepDays: settings.keepDays });
  if (check.kind === 'not-held') return check;
  if (check.kind === 'already') return { kind: 'already', decision: check.decision };
  const decision: ReviewDecision = { mailboxKey: request.mailboxKey, trusteeKey: request.trusteeKey, right: request.right, decision: request.decision, by, at: now };
  await store.recordReviewDecision(decision);
  return { kind: 'recorded', decision };
}

