import type { AuditEvent, Operation } from '../audit/event';
import type { Category, Confidence } from '../classify/category';
import type { Classification } from '../classify/rule';
import type { Reason } from '../classify/reasons';
import type { Anomaly, AnomalyKind } from '../anomaly';
import type { DelegateUses, RightsStore } from '../rights/ports';

/** Classifies a batch of events, knowing what the whole batch needs beyond each record (looked up once). */
export type BatchClassifier = (events: readonly AuditEvent[]) => Promise<(event: AuditEvent) => Classification>;

/** An event with the classification stored beside it, so queries need not reclassify. */
export interface StoredEvent extends AuditEvent {
  readonly category: Category;
  readonly confidence: Confidence;
  readonly reasons: readonly Reason[];
  readonly ruleId: string;
  readonly classifierVersion: number;
}

export interface ClassifiedEvent {
  readonly event: AuditEvent;
  readonly classification: Classification;
}

export interface IngestResult {
  /** Records new to the store. */
  readonly inserted: number;
  /** Records whose id was already stored: re-ingesting changes nothing. */
  readonly duplicates: number;
}

/** Half-open [from, to), ISO UTC. */
export interface TimeWindow {
  readonly from: string;
  readonly to: string;
}

export interface ActivityFilter extends TimeWindow {
  /** The identity sent as (SendAsUserSmtp / SendOnBehalfOfUserSmtp), lower-case. */
  readonly sentAs?: string;
  readonly actor?: string;
  readonly operation?: Operation;
  readonly category?: Category;
}

/** One group of events: per actor and category (and identity sent as). */
export interface ActivitySummaryRow {
  readonly actor: string;
  readonly sentAs: string;
  readonly category: Category;
  readonly count: number;
  readonly first: string;
  readonly last: string;
  /** Raw ClientInfoString values with their counts, most used first (at most 10). */
  readonly clients: readonly { readonly client: string; readonly count: number }[];
}

export interface StoreStats {
  readonly totalEvents: number;
  readonly oldestEvent: string | null;
  readonly newestEvent: string | null;
  readonly byCategory: Readonly<Record<Category, number>>;
}

/** An address the store has seen, as actor or identity, with how often: for resolving names. */
export interface KnownAddress {
  readonly address: string;
  readonly events: number;
}

/** What `activityGroups` selects: a window, optionally narrowed to some actors, identities or categories. */
export interface ActivityGroupFilter extends TimeWindow {
  /** Only these actors (lower-case); an empty list selects nothing. */
  readonly actors?: readonly string[];
  /** Only these identities sent as (lower-case); an empty list selects nothing. */
  readonly sentAs?: readonly string[];
  readonly categories?: readonly Category[];
  /** Also group by client IP, and give each group its `clientIp` (where a send came from). */
  readonly byClientIp?: boolean;
}

/**
 * Events of one UTC day that share actor, identity, mailbox, operation, category, client and
 * external access, counted: the compact shape detectors read instead of single events.
 */
export interface ActivityGroup {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly actor: string;
  readonly sentAs: string | null;
  readonly mailbox: string | null;
  readonly operation: Operation;
  readonly category: Category;
  readonly client: string | null;
  readonly externalAccess: boolean | null;
  /** Only when the filter asked for `byClientIp`: the client IP the group's events share. */
  readonly clientIp?: string | null;
  /** AppId (else AppAccessContext.ClientAppId): which app sent, for "a new app sending as a mailbox". */
  readonly appId?: string | null;
  readonly count: number;
  readonly first: string;
  readonly last: string;
  /** Ids of the group's earliest events (time, then id), as many as asked for. */
  readonly sampleIds: readonly string[];
}

/** Events that happened in one UTC hour, per category; hours without events are absent. */
export interface HourlyCount {
  /** Start of the hour, ISO UTC. */
  readonly hour: string;
  readonly category: Category;
  readonly count: number;
}

/** Provisional: queried, late records may still arrive. Settled: past the last re-sweep, final. */
export type CoverageLevel = 'provisional' | 'settled';

export interface CoverageMark {
  readonly level: CoverageLevel;
  /** ISO UTC: when the source was asked (a Graph query's creation), i.e. what it held by then is stored. */
  readonly checkedAt: string;
}

export interface CoveredSpan extends TimeWindow, CoverageMark {}

/** The oldest and newest stored events before an instant. */
export interface EventBounds {
  readonly oldest: string | null;
  readonly newest: { readonly id: string; readonly time: string } | null;
}

/**
 * Events and the coverage of the windows they came from; with the rights (src/rights/ports.ts) they make
 * the AuditStore. Every method is async because the PostgreSQL driver is.
 */
export interface EventStore {
  /** Inserts a batch in one transaction; ids already present are counted as duplicates. */
  ingest(batch: readonly ClassifiedEvent[]): Promise<IngestResult>;
  /** Groups the events matching `filter` per actor, identity and category. */
  summarize(filter: ActivityFilter): Promise<ActivitySummaryRow[]>;
  /** Events matching `filter`, newest first, `limit` at most, after the `before` cursor (time, id). */
  listEvents(filter: ActivityFilter, page: { readonly limit: number; readonly before?: { time: string; id: string } }): Promise<StoredEvent[]>;
  getEvent(id: string): Promise<StoredEvent | null>;
  /** Addresses (actors and identities sent as) containing `term`, most frequent first. */
  findAddresses(term: string, limit: number): Promise<KnownAddress[]>;
  /** Totals overall, or within `window`. */
  stats(window?: TimeWindow): Promise<StoreStats>;
  /**
   * Rewrites stored classifications made by an older classifier version, a batch at a time, each batch
   * classified by what `classifierFor` makes of it (the context ingestion would give it); returns how many changed.
   */
  reclassify(version: number, classifierFor: BatchClassifier): Promise<number>;

  /**
   * Records that [from, to) was queried completely from `source` at `mark.checkedAt`: `provisional`
   * while late records may still appear in it, `settled` once past its last re-sweep. A settled range
   * never goes back to provisional; a provisional one keeps its latest check.
   */
  markCovered(window: TimeWindow, source: string, mark: CoverageMark): Promise<void>;
  /** The parts of `window` not yet covered by completed ingestion, in order. */
  uncovered(window: TimeWindow): Promise<TimeWindow[]>;
  /** The covered parts of `window`, all sources together, in order, each with its level and last check. */
  coverage(window: TimeWindow): Promise<CoveredSpan[]>;

  /** Events in the window grouped per day (see ActivityGroup), each with up to `samples` ids. */
  activityGroups(filter: ActivityGroupFilter, samples: number): Promise<ActivityGroup[]>;
  /** Events per hour and category in the window, oldest hour first. */
  hourlyCounts(window: TimeWindow): Promise<HourlyCount[]>;
  /** The oldest and newest events before `before` (ISO UTC); the newest with its id. */
  eventBounds(before: string): Promise<EventBounds>;
  /** The distinct domains of the identities sent as: the tenant's own mailboxes' domains, sorted. */
  sentAsDomains(): Promise<string[]>;
}

/** Small named values that survive restarts: ingestion watermarks, the Graph query journal, pending questions. */
export interface StateStore {
  getState(key: string): Promise<string | null>;
  setState(key: string, value: string): Promise<void>;
  /**
   * Reads a value, changes it and writes it back as one step no other writer interleaves with, even in
   * another process (PostgreSQL replicas share the Graph query journal and the pending questions).
   * `change` must be pure: PostgreSQL may run it again when it retries the transaction.
   */
  updateState<T>(key: string, change: (current: string | null) => StateUpdate<T>): Promise<T>;
}

/**
 * Conversations, mutes, anomalies and the delivery outbox: one transaction boundary, since recording
 * an anomaly enqueues its deliveries to the subscribed conversations that have not muted it.
 */
export interface OutboxStore {
  /** Remembers where a conversation's proactive cards go (upsert); its subscription and subscriber are kept. */
  saveConversation(conversation: ConversationRecord, at: string): Promise<void>;
  getConversation(id: string): Promise<StoredConversation | null>;
  listConversations(filter?: { readonly subscribed?: boolean }): Promise<StoredConversation[]>;
  /**
   * Turns notifications on for a known conversation and enqueues the catch-up: announced anomalies
   * whose activity happened at or after `catchUpFrom`, unless muted there or already delivered.
   */
  subscribe(id: string, options: SubscribeOptions): Promise<SubscribeResult>;
  /** Turns notifications off; deliveries not yet on the wire are cancelled. Returns whether they were on. */
  unsubscribe(id: string, at: string): Promise<boolean>;
  /** Forgets a conversation (uninstalled, or Teams says it is gone): its mutes go, its pending deliveries are cancelled. */
  removeConversation(id: string, reason: string, at: string): Promise<{ readonly removed: boolean; readonly cancelled: number }>;
  /** Mutes a detector kind for a mailbox in one conversation; pending deliveries it covers are cancelled. */
  addMute(mute: Mute, at: string): Promise<{ readonly added: boolean; readonly cancelled: number }>;
  /** Lifts a mute; anomalies announced from now on reach the conversation again. Returns whether it was muted. */
  removeMute(mute: Mute): Promise<boolean>;
  listMutes(conversationId: string): Promise<Mute[]>;

  /**
   * Records anomalies by key (a key already recorded keeps its first version). With `announce`, each
   * not yet announced is announced now: one pending delivery per subscribed conversation that has not
   * muted it. All in one transaction, so re-detection never notifies twice and a crash never half-enqueues.
   */
  recordAnomalies(anomalies: readonly Anomaly[], at: string, options: { readonly announce: boolean }): Promise<RecordAnomaliesResult>;
  getAnomaly(key: string): Promise<RecordedAnomaly | null>;
  /**
   * Leases the pending deliveries of up to `conversations` conversations that are due (every pending
   * delivery of the conversation is due, and none of its deliveries is being sent), at most
   * `perConversation` each: one claim per conversation, one card per claim. SQLite does it in one
   * write transaction; PostgreSQL locks the conversation rows with FOR UPDATE SKIP LOCKED.
   */
  claimDeliveries(options: ClaimOptions): Promise<DeliveryClaim[]>;
  /** The connector accepted the card: the claim's deliveries are sent (also when their lease had run out). */
  completeDeliveries(token: string, at: string, activityId: string | null): Promise<number>;
  /** Puts the claim's deliveries back to pending until `retryAt`; a `failure` counts as a failed attempt. */
  rescheduleDeliveries(token: string, retryAt: string, failure: string | null): Promise<number>;
  /** The claim's deliveries will never be sent (refused for good, or out of attempts). */
  failDeliveries(token: string, failure: string, at: string): Promise<number>;
  /** The send may have reached Teams (no answer came): the claim's deliveries become `unknown`, never sent again. */
  markUnknown(token: string, failure: string, at: string): Promise<number>;
  /**
   * Deliveries whose lease ran out while `sending` become `unknown`: the card may or may not have
   * reached Teams, and sending it again could show it twice. Returns them, for the log.
   */
  expireLeases(now: string): Promise<DeliveryRow[]>;
  /** When the next claim could find work (a pending conversation due, or a lease running out); null when none. */
  nextDeliveryDue(): Promise<string | null>;
  listDeliveries(filter?: { readonly conversationId?: string; readonly state?: DeliveryState }): Promise<DeliveryRow[]>;
  outboxCounts(): Promise<OutboxCounts>;
}

/** The audit data a backend keeps together: events and coverage, the rights and the delegate sends they explain. */
export type AuditStore = EventStore & RightsStore & DelegateUses;

/**
 * The whole persistence port: SQLite (embedded default) and PostgreSQL implement each part, and the
 * same contract tests, split the same way (test/store/contract-*.ts), run against both. Consumers that
 * need one part take that part.
 */
export type Store = AuditStore & StateStore & OutboxStore & { close(): Promise<void> };

/** What an `updateState` change decides: the new value (null leaves the stored one as it is) and the caller's result. */
export interface StateUpdate<T> {
  readonly value: string | null;
  readonly result: T;
}

/** Where a conversation's proactive cards go: the reference a turn gave, with its keys beside it. */
export interface ConversationRecord {
  /** The conversation id; for a channel without the `;messageid=` suffix, so cards start new posts. */
  readonly id: string;
  readonly tenantId: string | null;
  readonly serviceUrl: string;
  readonly channelId: string;
  /** `personal`, `groupChat` or `channel`, as Teams says; null when the channel does not say. */
  readonly conversationType: string | null;
  /** The Bot Framework ConversationReference, as JSON. */
  readonly reference: string;
}

export interface StoredConversation extends ConversationRecord {
  readonly subscribed: boolean;
  readonly subscribedAt: string | null;
  /** Locale and IANA zone of whoever subscribed: the notices' language and clock. */
  readonly locale: string | null;
  readonly timeZone: string | null;
  readonly seenAt: string;
}

export interface SubscribeOptions {
  readonly at: string;
  readonly locale: string;
  readonly timeZone: string;
  /** Announced anomalies whose activity (`at`) is this recent are delivered too; null for none. */
  readonly catchUpFrom: string | null;
}

export interface SubscribeResult {
  /** False when the conversation was never seen (nothing to send to). */
  readonly found: boolean;
  readonly wasSubscribed: boolean;
  /** Catch-up deliveries enqueued. */
  readonly enqueued: number;
}

/** "Do not tell this conversation about `kind` for `mailbox` (lower-case)." */
export interface Mute {
  readonly conversationId: string;
  readonly kind: AnomalyKind;
  readonly mailbox: string;
}

export interface RecordedAnomaly {
  readonly anomaly: Anomaly;
  readonly firstSeenAt: string;
  /** When it was announced to the subscribed conversations; null if only shown in answers so far. */
  readonly announcedAt: string | null;
}

export interface RecordAnomaliesResult {
  /** Keys new to the store. */
  readonly added: number;
  /** Keys announced by this call. */
  readonly announced: number;
  /** Deliveries enqueued by this call. */
  readonly enqueued: number;
}

/**
 * pending → sending (leased) → sent; back to pending for a retry; dead when refused for good or out of
 * attempts; cancelled by unsubscribe, mute or removal; unknown when a lease ran out mid-send.
 */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'unknown' | 'dead' | 'cancelled';
export const DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'sending', 'sent', 'unknown', 'dead', 'cancelled'];

export interface ClaimOptions {
  readonly now: string;
  readonly leaseMs: number;
  readonly conversations: number;
  readonly perConversation: number;
}

/** The deliveries of one conversation leased together: they go out as one card. */
export interface DeliveryClaim {
  /** Names the lease in complete / reschedule / fail. */
  readonly token: string;
  readonly conversation: StoredConversation;
  /** Oldest enqueued first. */
  readonly anomalies: readonly Anomaly[];
  /** Failed attempts so far (the most among the claimed deliveries). */
  readonly attempts: number;
  readonly leaseUntil: string;
}

export interface DeliveryRow {
  readonly anomalyKey: string;
  readonly conversationId: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly enqueuedAt: string;
  readonly nextAttemptAt: string;
  readonly sentAt: string | null;
  readonly activityId: string | null;
  readonly lastError: string | null;
}

export interface OutboxCounts {
  readonly deliveries: Readonly<Record<DeliveryState, number>>;
  readonly conversations: number;
  readonly subscribed: number;
  readonly anomalies: number;
}
