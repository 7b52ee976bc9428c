import type { Operation } from '../audit/event';
import type { ClientFamily } from '../classify/clients';
import type { Person } from '../directory/lookup';
import type { ActivityGroup, TimeWindow } from '../store/store';

/** How many of something happened per day over the baseline. */
export interface DailyProfile {
  readonly total: number;
  /** Days with at least one. */
  readonly activeDays: number;
  /** The busiest single day. */
  readonly peak: number;
}

/** What one actor (who delegated in the hunt window) did during the baseline. */
export interface ActorBaseline {
  /** Identities they sent as or on behalf of as a delegate, with the number of sends. */
  readonly sentAs: ReadonlyMap<string, number>;
  /** Their delegate sends per day, whatever the identity. */
  readonly delegateSends: DailyProfile;
  /** Client families of all their own sends (any category but connector, which is not a client they used). */
  readonly clientFamilies: ReadonlySet<ClientFamily>;
}

/** Facts about the baseline window just before the hunt window. */
export interface BaselineFacts {
  readonly window: TimeWindow;
  /** Days of the window the store has history for: fewer than asked when the store is young. */
  readonly days: number;
  /** Keyed by actor; an actor absent here did nothing at all in the baseline. */
  readonly actors: ReadonlyMap<string, ActorBaseline>;
  /**
   * Delegate sends per day as each identity sent as at least spikeMinimumSends times on a day of the
   * hunt window (no other can spike, so no other is read); absent means none, or not needed.
   */
  readonly mailboxes: ReadonlyMap<string, DailyProfile>;
  /** Owner misreports and connector events per day, tenant-wide. */
  readonly noise: DailyProfile;
  /** `actor \u0000 identity` of every connector or application write in the baseline: who already writes as whom. */
  readonly noiseWriters: ReadonlySet<string>;
  /** App ids seen sending (application events) in the baseline. */
  readonly apps: ReadonlySet<string>;
}

/** A delegate send of the hunt window whose record lists recipients outside the tenant. */
export interface RecipientSend {
  readonly id: string;
  readonly time: string;
  readonly actor: string;
  readonly sentAs: string;
  readonly operation: Operation;
  readonly recipients: number;
  readonly external: number;
}

/** How events have been arriving: the history that predicts how long a silence can normally last. */
export interface ArrivalFacts {
  /** The newest stored event before `now`, or null for an empty store. */
  readonly lastEvent: { readonly id: string; readonly time: string } | null;
  readonly firstEventAt: string | null;
  /**
   * The end of the stretch after `lastEvent` that ingestion is known to have covered (at most now).
   * A silence is only claimed up to here: time nobody has looked at yet is not silent.
   */
  readonly observedUntil: string;
  /** Events per hour, all categories, over the baseline days before `lastEvent`; empty hours left out. */
  readonly hourly: readonly { readonly hour: string; readonly count: number }[];
}

/** Delegate sends of one day, actor and identity from one country (public client IPs only). */
export interface CountrySends {
  readonly day: string;
  readonly actor: string;
  readonly identity: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** The client IPs, most sends first. */
  readonly ips: readonly string[];
  /** SendAs, SendOnBehalf or both (comma-separated), so cards word them apart. */
  readonly operations: string;
  readonly count: number;
  readonly first: string;
  readonly last: string;
  readonly sampleIds: readonly string[];
}

/**
 * Where delegates sent from: the hunt window's delegate sends per country, and the countries each
 * actor and identity pair sent from in the baseline. Private, Microsoft, documentation and unplaced
 * addresses have no country and appear in neither.
 */
export interface CountryFacts {
  readonly recent: readonly CountrySends[];
  /** Keyed by `pairKey(actor, identity)`; a pair absent sent from no known country in the baseline. */
  readonly baseline: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The key of an actor and identity pair in CountryFacts.baseline. */
export function pairKey(actor: string, identity: string): string {
  return `${actor}\u0000${identity}`;
}

/** The ingester's health, as the scheduler reports it. */
export interface IngestionHealth {
  readonly lastSuccessAt: string | null;
  /** When the current run of failures began; null while ingestion works. */
  readonly failingSince: string | null;
  /** The latest error's code or short message, for the card. */
  readonly lastError: string | null;
}

/**
 * Everything the detectors look at, as plain data: they are pure functions of it. Gathered from the
 * store with aggregates by `gatherDetectionInput`; tests and cases build it by hand.
 */
export interface DetectionInput {
  /** ISO UTC. */
  readonly now: string;
  /** The hunt window: anomalies are looked for in what happened here. */
  readonly window: TimeWindow;
  /** The events of the hunt window, grouped per day (all categories), with sample ids for evidence. */
  readonly recent: readonly ActivityGroup[];
  readonly baseline: BaselineFacts;
  readonly arrivals: ArrivalFacts;
  /** Lower-case, without `@`. */
  readonly tenantDomains: readonly string[];
  /** Lower-case addresses. */
  readonly watchlist: readonly string[];
  /** Null when nothing ingests live (a demo tenant or an export file). */
  readonly ingestion: IngestionHealth | null;
  /** Absent when no IP database is configured: then no country can be new. */
  readonly countries?: CountryFacts;
  /** Delegate sends of the hunt window with at least one external recipient, from records that list them. */
  readonly recipientSends: readonly RecipientSend[];
  /**
   * What the directory holds of the hunt window's delegating actors, keyed by actor; an actor it does
   * not know (or could not be asked about in time) is absent. Absent without a directory: then no
   * account is known to be disabled or a guest.
   */
  readonly people?: ReadonlyMap<string, Person>;
}
