import { z } from 'zod';
import type { QueryWindow } from './wire';

/**
 * Small named values that survive restarts. The Store satisfies it structurally; the audit core
 * must not import the store, so it names only what it needs.
 */
export interface KeyValueState {
  getState(key: string): Promise<string | null>;
  setState(key: string, value: string): Promise<void>;
  /** Read, change and write back as one step no other writer, in this process or another, interleaves with. */
  updateState<T>(key: string, change: (current: string | null) => { readonly value: string | null; readonly result: T }): Promise<T>;
}

/** A submitted query not yet fully ingested. */
export interface JournalEntry {
  readonly queryId: string;
  readonly window: QueryWindow;
  /** The Graph root it was created on (v1.0 or beta): polls and pages must go to the same one. */
  readonly baseUrl: string;
  readonly createdAt: string;
}

/**
 * A create whose outcome is not known: written before the POST, removed once Graph answered it. Left
 * behind by a lost answer or a crash mid-POST, it tells the next attempt to look for the query by name
 * before submitting another.
 */
export interface CreateIntent {
  readonly window: QueryWindow;
  readonly displayName: string;
  /** The Graph root the POST went to. */
  readonly baseUrl: string;
  readonly submittedAt: string;
}

const windowSchema = z.object({ from: z.string(), to: z.string() });
const intentsSchema = z.array(z.object({ window: windowSchema, displayName: z.string(), baseUrl: z.string(), submittedAt: z.string() }));
const entriesSchema = z.array(z.object({ queryId: z.string(), window: windowSchema, baseUrl: z.string(), createdAt: z.string() }));
const submissionsSchema = z.array(z.string());

const KEYS = {
  queries: 'graph.queries',
  submissions: 'graph.submissions',
  creating: 'graph.creating',
  apiBase: 'graph.apiBase',
} as const;

const DAY_MS = 24 * 3600_000;

function sameWindow(a: QueryWindow, b: QueryWindow): boolean {
  return Date.parse(a.from) === Date.parse(b.from) && Date.parse(a.to) === Date.parse(b.to);
}

/** Strictly inside: within `outer` and not equal to it. */
function isInside(inner: QueryWindow, outer: QueryWindow): boolean {
  return Date.parse(inner.from) >= Date.parse(outer.from) && Date.parse(inner.to) <= Date.parse(outer.to) && !sameWindow(inner, outer);
}

/**
 * What the Graph client must remember across restarts: queries submitted and not yet ingested (so a
 * restart resumes a query instead of spending another of the tenant's ~200 daily submissions), the
 * submissions of the last 24 hours (the budget), creates whose answer never came (so the query they may
 * have made is looked for before another is submitted), and whether v1.0 had to fall back to beta.
 * Every change is one atomic read-modify-write of the state, so concurrent windows, and replicas
 * sharing a PostgreSQL store, never lose each other's entries or overspend the budget.
 */
export class QueryJournal {
  constructor(private readonly state: KeyValueState) {}

  /** Unfinished queries, oldest first. */
  async pending(): Promise<JournalEntry[]> {
    return entriesOf(await this.state.getState(KEYS.queries));
  }

  async find(window: QueryWindow): Promise<JournalEntry | null> {
    return (await this.pending()).find((e) => sameWindow(e.window, window)) ?? null;
  }

  /** Whether queries for parts of `window` are journalled: the window was split before a restart. */
  async hasPartsOf(window: QueryWindow): Promise<boolean> {
    return (await this.pending()).some((e) => isInside(e.window, window));
  }

  record(entry: JournalEntry): Promise<void> {
    return this.state.updateState(KEYS.queries, (current) => {
      const entries = entriesOf(current).filter((e) => e.queryId !== entry.queryId);
      return { value: JSON.stringify([...entries, entry]), result: undefined };
    });
  }

  forget(queryId: string): Promise<void> {
    return this.state.updateState(KEYS.queries, (current) => {
      const entries = entriesOf(current);
      const kept = entries.filter((e) => e.queryId !== queryId);
      return { value: kept.length === entries.length ? null : JSON.stringify(kept), result: undefined };
    });
  }

  async findIntent(window: QueryWindow): Promise<CreateIntent | null> {
    return intentsOf(await this.state.getState(KEYS.creating)).find((i) => sameWindow(i.window, window)) ?? null;
  }

  /** Replaces any intent for the same window. */
  recordIntent(intent: CreateIntent): Promise<void> {
    return this.state.updateState(KEYS.creating, (current) => {
      const others = intentsOf(current).filter((i) => !sameWindow(i.window, intent.window));
      return { value: JSON.stringify([...others, intent]), result: undefined };
    });
  }

  forgetIntent(window: QueryWindow): Promise<void> {
    return this.state.updateState(KEYS.creating, (current) => {
      const intents = intentsOf(current);
      const kept = intents.filter((i) => !sameWindow(i.window, window));
      return { value: kept.length === intents.length ? null : JSON.stringify(kept), result: undefined };
    });
  }

  /**
   * Takes one submission from the rolling 24-hour budget, or answers false when it is spent. The
   * slot is taken before the POST so concurrent windows cannot overshoot; `release` gives it back
   * when the POST did not create a query.
   */
  reserveSubmission(at: Date, budget: number): Promise<boolean> {
    return this.state.updateState(KEYS.submissions, (current) => {
      const recent = submissionsOf(current, at);
      if (recent.length >= budget) return { value: null, result: false };
      return { value: JSON.stringify([...recent, at.toISOString()]), result: true };
    });
  }

  releaseSubmission(at: Date): Promise<void> {
    return this.state.updateState(KEYS.submissions, (current) => {
      const recent = submissionsOf(current, at);
      const index = recent.lastIndexOf(at.toISOString());
      if (index >= 0) recent.splice(index, 1);
      return { value: JSON.stringify(recent), result: undefined };
    });
  }

  /** Submissions in the 24 hours before `now`. */
  async submissionsInLastDay(now: Date): Promise<number> {
    return submissionsOf(await this.state.getState(KEYS.submissions), now).length;
  }

  /** When the oldest counted submission leaves the 24-hour window: when the budget has room again. */
  async budgetFreesAt(now: Date): Promise<Date | null> {
    const recent = submissionsOf(await this.state.getState(KEYS.submissions), now);
    return recent.length === 0 ? null : new Date(Date.parse(recent[0]) + DAY_MS);
  }

  /** The Graph root that answered last time, when it differs from the configured one (beta fallback). */
  apiBase(): Promise<string | null> {
    return this.state.getState(KEYS.apiBase);
  }

  rememberApiBase(baseUrl: string): Promise<void> {
    return this.state.setState(KEYS.apiBase, baseUrl);
  }
}

/** Unreadable state (hand-edited, older format) counts as empty: at worst a query is submitted again. */
function entriesOf(text: string | null): JournalEntry[] {
  const parsed = entriesSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : [];
}

function intentsOf(text: string | null): CreateIntent[] {
  const parsed = intentsSchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : [];
}

/** The submissions of the 24 hours before `now`, oldest first. */
function submissionsOf(text: string | null, now: Date): string[] {
  const parsed = submissionsSchema.safeParse(parseJson(text));
  const since = now.getTime() - DAY_MS;
  return (parsed.success ? parsed.data : []).filter((at) => Date.parse(at) > since).sort();
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
