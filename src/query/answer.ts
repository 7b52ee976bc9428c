import type { Category, Confidence } from '../classify/category';
import type { ClientFamily } from '../classify/clients';
import type { Language } from '../i18n/reasons';
import type { Operation } from '../audit/event';
import type { Place } from '../places/place';
import type { Anomaly } from '../detect/anomaly';
import type { MailboxKind } from '../classify/context';
import type { Lookup, Person } from '../directory/lookup';
import type { Assumption, QueryRange, TenantIntent } from './query';
import type { AuditIncident } from '../classify/incidents';
import type { Reason } from '../classify/reasons';
import type { DelegateOperation } from '../exchange/settings';

export type WarningKind =
  | 'known-incident'
  | 'freshness'
  | 'blind-spot'
  | 'silence'
  | 'truncated'
  | 'coverage'
  /** The mailbox's audit settings do not record delegate sends (src/exchange). */
  | 'audit-settings'
  /** Audit settings not checked, unreadable, or a multi-geo blind spot. */
  | 'audit-settings-unknown';

/**
 * What a caveat says, as a code and its parameters: the shells word it in the asker's language
 * (src/i18n/query/warnings.ts `wordWarning`). `worded` carries text another part already worded for
 * the asker (Graph's problems while fetching on demand).
 */
export type WarningMessage =
  | { readonly code: 'known-incident'; readonly incident: AuditIncident }
  | { readonly code: 'coverage'; readonly gaps: readonly { readonly from: string; readonly to: string }[] }
  | { readonly code: 'provisional'; readonly part: ProvisionalPart }
  | { readonly code: 'silence' }
  | { readonly code: 'blind-spot' }
  | { readonly code: 'audit-not-in-delegate-actions'; readonly mailbox: string; readonly operations: readonly DelegateOperation[] }
  | { readonly code: 'audit-organization-disabled' }
  | { readonly code: 'audit-not-checked'; readonly mailboxes: readonly string[] }
  | { readonly code: 'audit-unreadable'; readonly mailbox: string; readonly problem: string }
  | { readonly code: 'multi-geo' }
  | { readonly code: 'worded'; readonly text: string };

/**
 * The not-yet-final part of a range: from `from` on, records may still arrive. `checkedAt` is the
 * oldest last check of that part (null when it has not been queried yet); `whole` when it starts at
 * or before the range does.
 */
export interface ProvisionalPart {
  readonly from: string;
  readonly checkedAt: string | null;
  readonly whole: boolean;
}

/** A caveat on an answer: how loud it is (kind) and what it says (message). */
export interface AnswerWarning {
  readonly kind: WarningKind;
  readonly message: WarningMessage;
}

/** One reason on the explain card: a classifier rule's, or the answer's own. */
export type DetailReason =
  | { readonly code: 'rule'; readonly reason: Reason }
  | { readonly code: 'external-actor'; readonly actor: string; readonly outside: boolean; readonly externalAccess: boolean }
  | { readonly code: 'reclassified'; readonly stored: Category; readonly now: Category };

/**
 * The right behind a delegate row's sends of one operation (Send As for SendAs, Send on Behalf for
 * SendOnBehalf), as known at the row's last such send (`at`). `held`: since when (null: since before the
 * retained history) and who granted it. `before-history`: the send predates the retained records, so we
 * cannot say. `none-known`: no right we know of, a gap in what we know (a group may grant it), never an
 * accusation; `fullAccess` when the actor held Full Access, which opens the mailbox but sends nothing.
 */
export type RowRight =
  | { readonly operation: Operation; readonly at: string; readonly kind: 'held'; readonly since: string | null; readonly grantedBy: string | null }
  | { readonly operation: Operation; readonly at: string; readonly kind: 'before-history' }
  | { readonly operation: Operation; readonly at: string; readonly kind: 'none-known'; readonly fullAccess: boolean };

/** One actor (and, for "what did Y send as", one identity) in one category over the range. */
export interface AnswerRow {
  readonly actor: string;
  readonly sentAs: string;
  readonly category: Category;
  readonly count: number;
  /** ISO UTC of the first and last event in the range. */
  readonly first: string;
  readonly last: string;
  /** Client families seen, most used first; worded where they are shown. */
  readonly clients: readonly ClientFamily[];
  /** Countries (ISO 3166-1 alpha-2) the row's sends came from, most sends first; absent without an IP database. */
  readonly countries?: readonly string[];
  /** The actor as Exchange wrote it (`Alex Wilber`), when that differs from the lower-case key. */
  readonly actorAsWritten?: string;
  /** The actor is outside the tenant's domains, or Exchange flagged ExternalAccess on their sends. */
  readonly external?: boolean;
  /** Who-sent-as rows: the actor as the directory has them, or why that is unknown. */
  readonly actorPerson?: Lookup<Person>;
  /** What-did-send-as rows: the kind of the mailbox sent as. */
  readonly sentAsKind?: MailboxKind;
  /** What-did-send-as rows on a person's mailbox: its owner, as the directory has them. */
  readonly sentAsOwner?: Person;
  /** Delegate rows, when rights data is loaded: the right behind the sends, per operation the row used. */
  readonly rights?: readonly RowRight[];
}

/** The events of one day (or step) of a range, per category; `from` is its start, ISO UTC. */
export interface DailyTotals {
  readonly from: string;
  readonly totals: readonly CategoryTotal[];
}

export interface CategoryTotal {
  readonly category: Category;
  readonly count: number;
}

interface AnswerBase {
  readonly language: Language;
  readonly timeZone: string;
  readonly warnings: readonly AnswerWarning[];
}

/** The answer to who-sent-as / who-sent-on-behalf / what-did-send-as. */
export interface ActivityAnswer extends AnswerBase {
  readonly intent: 'who-sent-as' | 'who-sent-on-behalf' | 'what-did-send-as';
  readonly range: QueryRange;
  /** The address asked about (resolved from a name when need be). */
  readonly subject: string;
  /** Rows for every category, genuine delegates first, then by count. */
  readonly rows: readonly AnswerRow[];
  readonly totals: readonly CategoryTotal[];
  /** Events per day of the range in the asker's zone (wider steps for long ranges), for the chart. */
  readonly daily: readonly DailyTotals[];
  readonly assumed: readonly Assumption[];
  /** Newest event time in the store overall (freshness), ISO UTC, or null for an empty store. */
  readonly newestEvent: string | null;
  /** The subject as Exchange wrote it, when it differs from the lower-case key. */
  readonly subjectAsWritten?: string;
  /** With no rows: when the subject last appeared in the audit data at all (it is known, just not in this range). */
  readonly lastSeen?: string | null;
  /** The subject's mailbox kind, as far as the directory says. */
  readonly subjectKind?: MailboxKind;
  /** Who owns the mailbox asked about, when it is a person's and the directory knows them. */
  readonly subjectOwner?: Person;
}

/** The detail of one event, for "explain EVENT_ID". */
export interface EventDetail extends AnswerBase {
  readonly intent: 'explain';
  readonly event: {
    readonly id: string;
    readonly time: string;
    readonly operation: Operation;
    readonly actor: string;
    readonly mailbox: string | null;
    readonly sentAs: string | null;
    readonly client: string | null;
    /** The family of `client`; worded where it is shown. */
    readonly clientFamily: ClientFamily;
    readonly clientIp: string | null;
    /** Where the client IP is; absent when no IP database is configured. */
    readonly place?: Place;
    readonly logonType: number | null;
    readonly userType: number | null;
    readonly appId: string | null;
    readonly externalAccess: boolean | null;
    /** Sensitive: shown to authorised admins on the card, never logged. */
    readonly subject: string | null;
    readonly internetMessageId: string | null;
    /** UserId as Exchange wrote it, when that differs from the lower-case `actor`. */
    readonly actorAsWritten?: string;
    /** The actor is outside the tenant's domains, or ExternalAccess is true. */
    readonly external?: boolean;
    /** The app the token was issued to (AppAccessContext.ClientAppId, ClientAppId or AppId) and what names it. */
    readonly app?: AppView | null;
    /** What the directory knows of the mailbox written into or sent as. */
    readonly mailboxKind?: MailboxKind;
    /** Who owns that mailbox, when it is a person's and the directory knows them. */
    readonly mailboxOwner?: Person;
    /** What the directory knows of the actor as a person. */
    readonly actorPerson?: Lookup<Person>;
    readonly recipients?: RecipientsView | null;
    readonly sessionId?: string | null;
    readonly tokenObjectId?: string | null;
  };
  readonly category: Category;
  readonly confidence: Confidence;
  readonly ruleId: string;
  /** The classifier's reasons, then the answer's own (external actor, a changed verdict); the card words them. */
  readonly reasons: readonly DetailReason[];
  /** Where each phenomenon the reasons rely on is documented. */
  readonly sources?: readonly string[];
}

/** An app, named by the directory when it can, else by the name Exchange recorded, else by its id alone. */
export interface AppView {
  readonly id: string;
  readonly name: string | null;
  /** `directory`: the service principal's display name; `record`: AppAccessContext.ClientAppName; null: unknown. */
  readonly nameFrom: 'directory' | 'record' | null;
}

/** Recipients as recorded: how many are internal and external, and the first few addresses. */
export interface RecipientsView {
  readonly count: number;
  readonly internal: number;
  readonly external: number;
  /** External ones first; at most a card's worth. */
  readonly shown: readonly string[];
}

export interface AnomaliesAnswer extends AnswerBase {
  readonly intent: 'anomalies';
  readonly range: QueryRange;
  readonly anomalies: readonly Anomaly[];
}

export interface HealthAnswer extends AnswerBase {
  readonly intent: 'health';
  readonly range: QueryRange;
  readonly totalEvents: number;
  readonly eventsInRange: number;
  readonly oldestEvent: string | null;
  readonly newestEvent: string | null;
  readonly totals: readonly CategoryTotal[];
  /** Last successful ingestion, and the source ("demo", "file", "graph"). */
  readonly lastIngest: string | null;
  readonly source: string;
  /** The ingestion status (lag, errors, coverage) and the audit settings, as codes the card words. */
  readonly status: readonly HealthLine[];
}

/** An "audit health" line about ingestion (Graph, export files, the demo): instants are ISO UTC, lags in ms. */
export type IngestHealthLine =
  | { readonly code: 'ingest-not-run' }
  | { readonly code: 'graph-running' }
  | { readonly code: 'graph-last-success'; readonly at: string }
  | { readonly code: 'graph-queried-up-to'; readonly watermark: string; readonly lagMs: number }
  | { readonly code: 'settled'; readonly until: string }
  | { readonly code: 'provisional'; readonly from: string; readonly to: string; readonly oldestCheck: string; readonly newestCheck: string }
  | { readonly code: 'backfill'; readonly remaining: number; readonly total: number }
  /** `message` is ours, worded for admins; Graph's own text never contains message subjects. */
  | { readonly code: 'graph-failing'; readonly since: string; readonly message: string }
  | { readonly code: 'graph-budget'; readonly used: number; readonly budget: number; readonly exhaustedUntil: string | null }
  | { readonly code: 'graph-failed-windows'; readonly count: number; readonly first: string }
  | { readonly code: 'records-rejected'; readonly count: number }
  /** Admin records (grants and removals of rights) that could not be read: counted apart from the SendAs records. */
  | { readonly code: 'rights-records-rejected'; readonly count: number };

/** An "audit health" line about the Management Activity feed. */
export type FeedHealthLine =
  | { readonly code: 'feed-not-run' }
  | { readonly code: 'feed-subscribed'; readonly since: string }
  | { readonly code: 'feed-no-content-yet' }
  | { readonly code: 'feed-subscription-pending' }
  | { readonly code: 'feed-read-up-to'; readonly cursor: string; readonly lagMs: number }
  | { readonly code: 'feed-failing'; readonly since: string; readonly message: string }
  | { readonly code: 'feed-gaps'; readonly count: number; readonly first: string };

/** An "audit health" line about mailbox audit settings. */
export type AuditSettingsHealthLine =
  | { readonly code: 'audit-settings-not-configured' }
  | { readonly code: 'audit-organization-disabled' }
  | { readonly code: 'audit-unrecorded'; readonly mailbox: string; readonly operations: readonly DelegateOperation[] }
  | { readonly code: 'audit-unreadable'; readonly mailbox: string; readonly problem: string }
  | { readonly code: 'audit-all-recorded'; readonly checked: number }
  | { readonly code: 'audit-none-checked' }
  | { readonly code: 'multi-geo' };

export type HealthLine = IngestHealthLine | FeedHealthLine | AuditSettingsHealthLine;

/** Why an actor counts as external: a domain not the tenant's, a guest account (#EXT#), or Exchange's ExternalAccess flag. */
export type ExternalWhy = 'outside-domains' | 'guest' | 'external-access';

/**
 * One entry of a tenant-wide ranking: an actor (top delegates, external senders), a mailbox (top
 * mailboxes), or an actor→mailbox pair (new delegates), with its sends in the range.
 */
export interface RankingRow {
  /** The actor, or for top mailboxes the mailbox sent as. */
  readonly who: string;
  /** The actor as Exchange wrote it (`Alex Wilber`), when that differs from the lower-case key. */
  readonly whoAsWritten?: string;
  /** New delegates: the mailbox of the pair. */
  readonly mailbox?: string;
  readonly count: number;
  /** The sends split by operation, so Send on Behalf is never counted as Send As. */
  readonly sendAs: number;
  readonly sendOnBehalf: number;
  /** Distinct mailboxes an actor sent as (or actors who sent as a mailbox). */
  readonly counterparts: number;
  /** ISO UTC: first and last send in the range. */
  readonly first: string;
  readonly last: string;
  /** Sends per category (only non-zero ones): external senders count every category. */
  readonly categories: readonly CategoryTotal[];
  /** Top mailboxes: what kind of mailbox it is; `unknown` when neither the directory nor the audit settings say. */
  readonly mailboxKind?: MailboxKind;
  /** External senders: why the actor is external. */
  readonly externalWhy?: ExternalWhy;
}

/** "top delegates", "which shared mailboxes were used most", "external senders", "new delegates". */
export interface RankingAnswer extends AnswerBase {
  readonly intent: TenantIntent;
  readonly range: QueryRange;
  readonly assumed: readonly Assumption[];
  /** The top `limit` rows, most sends first. */
  readonly rows: readonly RankingRow[];
  readonly limit: number;
  /** Rows before the cut to `limit`, and their sends. */
  readonly totalRows: number;
  readonly totalSends: number;
  readonly newestEvent: string | null;
  /** External senders: the domains judged to be the tenant's. */
  readonly tenantDomains?: readonly string[];
  /** New delegates: the oldest retained record before the range ("first" was checked back to it); null when none is older. */
  readonly historyFrom?: string | null;
  /** New delegates: how many uncovered gaps that history has. */
  readonly historyGaps?: number;
}

/** A name matched several addresses: ask back. */
export interface AmbiguousAnswer extends AnswerBase {
  readonly intent: 'ambiguous';
  readonly asked: string;
  readonly candidates: readonly string[];
}

/** Nothing matched the name, or the event id is unknown. */
export interface NotFoundAnswer extends AnswerBase {
  readonly intent: 'not-found';
  readonly asked: string;
  readonly what: 'address' | 'event';
  /** For an address or name: it never appears in the audit data at all (not merely outside the range). */
  readonly neverSeen?: boolean;
  /** Near matches worth suggesting, if any. */
  readonly suggestions: readonly string[];
}

/** Where a list of events resumes: after this event, in newest-first order. */
export interface EventCursor {
  readonly time: string;
  readonly id: string;
}

/** One event on an actor's event list. */
export interface EventListItem {
  readonly id: string;
  readonly time: string;
  readonly operation: Operation;
  /** The client family; worded where it is shown. */
  readonly client: ClientFamily;
  readonly category: Category;
  readonly clientIp: string | null;
  /** Where the client IP is; absent when no IP database is configured. */
  readonly place?: Place;
  /** Sensitive: shown to authorised admins on the card, never logged. */
  readonly subject: string | null;
  /** Recipients where the record has them; null says they are not recorded (trace by `internetMessageId`). */
  readonly recipients?: RecipientsView | null;
  readonly internetMessageId?: string | null;
}

/** The events of one actor sending as one identity over a range, newest first, one page of them. */
export interface EventListAnswer extends AnswerBase {
  readonly intent: 'events';
  readonly actor: string;
  readonly sentAs: string;
  readonly range: { readonly from: string; readonly to: string };
  readonly events: readonly EventListItem[];
  /** Every event of the actor sending as the identity in the range. */
  readonly total: number;
  /** Events listed before this page (newer ones): the first event here is number `offset + 1` of `total`. */
  readonly offset: number;
  /** Where the next page starts, or null when no older events follow. */
  readonly next: EventCursor | null;
}

export type Answer = ActivityAnswer | EventDetail | EventListAnswer | AnomaliesAnswer | HealthAnswer | RankingAnswer | AmbiguousAnswer | NotFoundAnswer;
