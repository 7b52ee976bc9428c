import type { AuditEvent, Operation } from '../audit/event';
import type { Category, Confidence } from '../classify/category';
import type { Classification } from '../classify/rule';
import type { Reason } from '../classify/reasons';

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

/** The oldest and newest stored events before an instant. */
export interface EventBounds {
  readonly oldest: string | null;
  readonly newest: { readonly id: string; readonly time: string } | null;
}

/**
 * The persistence port. SQLite (embedded default) and PostgreSQL implement it; the same contract
 * tests run against both. Every method is async because the PostgreSQL driver is.
 */
export interface Store {
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
  /** Rewrites stored classifications made by an older classifier version; returns how many changed. */
  reclassify(version: number, classify: (event: AuditEvent) => Classification): Promise<number>;

  /** Small named values that survive restarts: ingestion watermarks, last success, etc. */
  getState(key: string): Promise<string | null>;
  setState(key: string, value: string): Promise<void>;
  /** Records that [from, to) has been ingested completely from `source`. */
  markCovered(window: TimeWindow, source: string): Promise<void>;
  /** The parts of `window` not yet covered by completed ingestion, in order. */
  uncovered(window: TimeWindow): Promise<TimeWindow[]>;

  /** Events in the window grouped per day (see ActivityGroup), each with up to `samples` ids. */
  activityGroups(filter: ActivityGroupFilter, samples: number): Promise<ActivityGroup[]>;
  /** Events per hour and category in the window, oldest hour first. */
  hourlyCounts(window: TimeWindow): Promise<HourlyCount[]>;
  /** The oldest and newest events before `before` (ISO UTC); the newest with its id. */
  eventBounds(before: string): Promise<EventBounds>;
  /** The distinct domains of the identities sent as: the tenant's own mailboxes' domains, sorted. */
  sentAsDomains(): Promise<string[]>;

  close(): Promise<void>;
}
