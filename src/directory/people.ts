import type { MailboxKind } from '../classify/context';
import type { DirectoryLookup, Lookup, Person } from './lookup';

/**
 * How much of the directory one answer may ask for: an answer about a busy shared mailbox can name
 * hundreds of actors, and the card must not wait for hundreds of Graph calls in a row. A few run at
 * once, at most `maxLookups` addresses are asked, and what has not come back within `budgetMs` is
 * shown as unknown (the cache keeps whatever arrives later for the next answer).
 */
export interface LookupBounds {
  readonly concurrency: number;
  readonly maxLookups: number;
  readonly budgetMs: number;
}

export const ANSWER_LOOKUP_BOUNDS: LookupBounds = { concurrency: 6, maxLookups: 60, budgetMs: 4_000 };

const UNAVAILABLE = { kind: 'unknown', why: 'unavailable' } as const;
const NOT_ASKED = { kind: 'unknown', why: 'not-asked' } as const;

/**
 * Each distinct address looked up once with `lookUp`, `concurrency` at a time, the first `maxLookups`
 * only (the rest unknown: not asked), and unknown (unavailable) for any still unanswered after `budgetMs`.
 */
export async function lookUpAll<T>(addresses: readonly string[], lookUp: (address: string) => Promise<Lookup<T>>, bounds: LookupBounds = ANSWER_LOOKUP_BOUNDS): Promise<Map<string, Lookup<T>>> {
  const distinct = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter((a) => a !== ''))];
  const asked = distinct.slice(0, bounds.maxLookups);
  const answers = new Map<string, Lookup<T>>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < asked.length) {
      const address = asked[next];
      next += 1;
      answers.set(address, await lookUp(address).catch(() => UNAVAILABLE));
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const outOfTime = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, bounds.budgetMs);
    timer.unref();
  });
  await Promise.race([Promise.all(Array.from({ length: Math.min(bounds.concurrency, asked.length) }, worker)), outOfTime]);
  clearTimeout(timer);
  // Out of time: no worker starts another lookup; those under way finish into the cache for the next answer.
  next = asked.length;
  const beyond = new Set(distinct.slice(bounds.maxLookups));
  return new Map(distinct.map((address) => [address, answers.get(address) ?? (beyond.has(address) ? NOT_ASKED : UNAVAILABLE)]));
}

/** The people behind actors, bounded for one answer. */
export function peopleOf(directory: DirectoryLookup, actors: readonly string[], bounds?: LookupBounds): Promise<Map<string, Lookup<Person>>> {
  return lookUpAll(actors, (address) => directory.personOf(address), bounds);
}

/** The kinds of mailboxes, bounded for one answer. */
export function mailboxKindsOf(directory: DirectoryLookup, mailboxes: readonly string[], bounds?: LookupBounds): Promise<Map<string, Lookup<MailboxKind>>> {
  return lookUpAll(mailboxes, (address) => directory.mailboxKind(address), bounds);
}
