import { randomUUID } from 'node:crypto';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../cards';
import { errorCard, progressCard } from '../cards';
import type { Language } from '../i18n/reasons';
import { describeError } from '../errors';
import type { Store, TimeWindow } from '../store/store';
import type { Logger } from '../runtime/logger';

/** The outcome of fetching one window from Graph into the store. */
export type FetchOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Fetches one window from Graph into the store and marks what completed as covered. */
export type WindowFetcher = (window: TimeWindow) => Promise<FetchOutcome>;

/** The slice of CloudAdapter used to reach a conversation outside a turn. */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** A question waiting on Graph: its progress card, and what is needed to answer it later, even after a restart. */
export interface PendingCard {
  readonly id: string;
  readonly reference: Partial<ConversationReference>;
  /** The progress card's activity id: it is updated in place. */
  readonly activityId: string;
  readonly language: Language;
  readonly timeZone: string;
  /** What is being fetched, in words for the progress card. */
  readonly what: string;
  readonly windows: readonly TimeWindow[];
  readonly startedAt: string;
  /** Opaque to this module: handed back to `answer` when the data is in. */
  readonly request: unknown;
}

export interface OnDemandDeps {
  readonly store: Pick<Store, 'getState' | 'updateState'>;
  readonly fetchWindow: WindowFetcher;
  readonly adapter: ProactiveAdapter;
  readonly botId: string;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Renders the answer once the windows are in; `problems` are Graph's failures, worded for admins. */
  readonly answer: (job: PendingCard, problems: readonly string[]) => Promise<AdaptiveCard>;
  /** How often the progress card's elapsed time is refreshed (Teams throttles edits; keep it slow). */
  readonly progressEveryMs?: number;
}

const JOBS_KEY = 'ondemand.jobs';
const windowSchema = z.object({ from: z.string(), to: z.string() });
const jobsSchema = z.array(
  z.object({
    id: z.string(),
    reference: z.record(z.string(), z.unknown()),
    activityId: z.string(),
    language: z.enum(['en', 'ja']),
    timeZone: z.string(),
    what: z.string(),
    windows: z.array(windowSchema),
    startedAt: z.string(),
    request: z.unknown(),
  }),
);

function windowKey(window: TimeWindow): string {
  return `${window.from}/${window.to}`;
}

/**
 * The bot's path to Graph: a question whose range is not in the store gets a progress card at once;
 * the fetch runs outside the turn and the same card is then updated with the answer. Identical windows
 * in flight share one fetch, and pending cards are journalled so a restart finishes them.
 */
export class OnDemandFetcher {
  private readonly inflight = new Map<string, Promise<FetchOutcome>>();
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: OnDemandDeps) {}

  /** Sends nothing itself: the bot has sent the progress card and passes its activity id. */
  launch(job: Omit<PendingCard, 'id' | 'startedAt'> & { readonly startedAt?: string }): void {
    const full: PendingCard = { ...job, id: randomUUID(), startedAt: job.startedAt ?? this.deps.now().toISOString() };
    const run = this.remember(full).then(() => this.run(full));
    this.track(run);
  }

  /** Finishes the cards that were waiting when the process stopped. */
  async resume(): Promise<number> {
    const jobs = await this.load();
    for (const job of jobs) this.track(this.run(job));
    return jobs.length;
  }

  /** Resolves when every pending card has been answered (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
  }

  private track(run: Promise<void>): void {
    const tracked = run.catch((error: unknown) => this.deps.logger.error({ event: 'ondemand-failed', err: describeError(error) }, 'a Graph question could not be finished'));
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  private fetchShared(window: TimeWindow): Promise<FetchOutcome> {
    const key = windowKey(window);
    let pending = this.inflight.get(key);
    if (pending === undefined) {
      pending = this.deps.fetchWindow(window).catch((error: unknown): FetchOutcome => ({ ok: false, message: describeError(error) }));
      this.inflight.set(key, pending);
      void pending.finally(() => this.inflight.delete(key));
    }
    return pending;
  }

  private async run(job: PendingCard): Promise<void> {
    const every = this.deps.progressEveryMs ?? 60_000;
    const timer = setInterval(() => void this.update(job, progressCard(job.language, { what: job.what, startedAt: new Date(job.startedAt), now: this.deps.now(), timeZone: job.timeZone })), every);
    timer.unref();
    this.timers.add(timer);
    let card: AdaptiveCard;
    try {
      const outcomes = await Promise.all(job.windows.map((w) => this.fetchShared(w)));
      const problems = [...new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.message])))];
      card = await this.deps.answer(job, problems);
    } catch (error) {
      const correlationId = randomUUID();
      this.deps.logger.error({ event: 'ondemand-answer-failed', correlationId, err: describeError(error) }, 'answering a Graph question failed');
      card = errorCard(job.language, correlationId);
    } finally {
      clearInterval(timer);
      this.timers.delete(timer);
    }
    await this.update(job, card);
    await this.forget(job.id);
  }

  private async update(job: PendingCard, card: AdaptiveCard): Promise<void> {
    let failure: unknown = null;
    try {
      await this.deps.adapter.continueConversationAsync(this.deps.botId, job.reference, async (context) => {
        // Caught here: an error escaping the logic goes to the adapter's turn error handler, which
        // would post an error card into the conversation instead of telling us.
        try {
          await context.updateActivity({ id: job.activityId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== null) this.deps.logger.warn({ event: 'ondemand-update-failed', err: describeError(failure) }, 'could not update a progress card');
  }

  private async load(): Promise<PendingCard[]> {
    return this.jobsOf(await this.deps.store.getState(JOBS_KEY));
  }

  private jobsOf(raw: string | null): PendingCard[] {
    if (raw === null) return [];
    let json: unknown = null;
    try {
      json = JSON.parse(raw);
    } catch {
      // Falls through to the schema check, which refuses null.
    }
    const parsed = jobsSchema.safeParse(json);
    if (!parsed.success) {
      this.deps.logger.warn({ event: 'ondemand-journal-unreadable' }, 'the journal of pending Graph questions was unreadable and is reset');
      return [];
    }
    return parsed.data;
  }

  /** One atomic edit of the journal: two questions arriving together, even at two replicas, must not lose each other. */
  private edit(change: (jobs: PendingCard[]) => PendingCard[]): Promise<void> {
    return this.deps.store.updateState(JOBS_KEY, (raw) => ({ value: JSON.stringify(change(this.jobsOf(raw))), result: undefined }));
  }

  private remember(job: PendingCard): Promise<void> {
    return this.edit((jobs) => [...jobs, job]);
  }

  private forget(id: string): Promise<void> {
    return this.edit((jobs) => jobs.filter((j) => j.id !== id));
  }
}
