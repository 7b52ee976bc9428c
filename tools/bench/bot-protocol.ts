/** Messages between the bot bench (src/bench/bot.ts) and the bot server it runs as a child (bot-server.ts). */

/** What the demo store holds to ask about. */
export interface BenchSamples {
  readonly events: number;
  /** Mailboxes delegates sent as, recently. */
  readonly sentAs: readonly string[];
  /** Delegates who did. */
  readonly actors: readonly string[];
  readonly eventIds: readonly string[];
}

/** The server process's own figures. */
export interface ServerStats {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** Peak resident set size so far (getrusage). */
  readonly maxRssBytes: number;
  /** Active sockets, servers, pipes and other non-timer resources. */
  readonly handles: number;
  readonly timers: number;
  /** User + system CPU time so far. */
  readonly cpuMicros: number;
  /** The event loop's delay since the previous stats (perf_hooks.monitorEventLoopDelay, 10 ms resolution): how long anything, /healthz included, waited for the loop. */
  readonly loopDelay: { readonly p99Ms: number; readonly maxMs: number };
}

export type ToServer = { readonly kind: 'stats'; readonly collectGarbage: boolean } | { readonly kind: 'conversations' } | { readonly kind: 'stop' };

export type FromServer =
  | { readonly kind: 'ready'; readonly url: string; readonly samples: BenchSamples; readonly stats: ServerStats }
  | { readonly kind: 'stats'; readonly stats: ServerStats }
  /** How many conversations the store remembers. */
  | { readonly kind: 'conversations'; readonly count: number }
  | { readonly kind: 'closed'; readonly stats: ServerStats };
