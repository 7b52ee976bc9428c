import type { AuditEvent } from '../audit/event';
import { clientInfo } from '../classify/clients';
import type { ClassifyContext, MailboxKind } from '../classify/context';
import type { DirectoryLookup } from '../directory/lookup';
import { mailboxKindsOf } from '../directory/people';
import { classify } from '../classify/classify';
import type { BatchClassifier, Store } from '../store/store';

const EPOCH = '1970-01-01T00:00:00.000Z';

/** Where the facts beyond a record come from; the store is the only one always there. */
export interface ContextSources {
  readonly store: Pick<Store, 'sentAsDomains' | 'activityGroups'>;
  readonly directory?: DirectoryLookup;
  /** Configured tenant domains (lower-case); without them, the domains of the identities the store has seen. */
  readonly tenantDomains?: readonly string[];
  /**
   * How far back a mailbox's connector history is counted (ms before the newest record asked about);
   * all of it without. Ingestion bounds it, so a batch's cost follows the tenant's rate, not the store's size.
   */
  readonly historyMs?: number;
}

/** Ingestion counts a mailbox's connector history over the last 7 days: a group's connectors write far more often, and a longer look-back costs each batch more (bench). */
export const INGEST_HISTORY_MS = 7 * 24 * 3600_000;

export async function tenantDomainsOf(sources: Pick<ContextSources, 'store' | 'tenantDomains'>): Promise<readonly string[]> {
  return sources.tenantDomains ?? (await sources.store.sentAsDomains());
}

const isConnector = (event: AuditEvent): boolean => clientInfo(event.client).family === 'connector';

/**
 * A connector record is weighed by its mailbox's kind and history (rules/connector.ts); a self send by
 * its mailbox's kind, since only a person's mailbox has an owner (rules/owner-misreport.ts).
 */
export function needsMailboxFacts(event: AuditEvent): boolean {
  return (event.sentAs !== null && event.sentAs === event.actor) || isConnector(event);
}

/** Ingestion waits for the directory, but a batch of thousands of new mailboxes must not ask it all at once. */
const INGEST_LOOKUP_BOUNDS = { concurrency: 6, maxLookups: 2_000, budgetMs: 60_000 };

const mailboxOf = (event: AuditEvent): string | null => event.mailbox ?? event.sentAs;

/**
 * Classify contexts for a batch of records, at a fixed cost per batch: the tenant domains once, and for
 * the distinct mailboxes of the records `needs` selects, one directory lookup each (the directory caches)
 * and one store query for their connector history. History counts what is stored before the batch's
 * newest selected record (within `historyMs`), so a batch sees its mailboxes' past, not the batch itself (it is not stored yet).
 */
export async function batchContext(
  events: readonly AuditEvent[],
  sources: ContextSources,
  needs: (event: AuditEvent) => boolean = needsMailboxFacts,
): Promise<(event: AuditEvent) => ClassifyContext> {
  const tenantDomains = await tenantDomainsOf(sources);
  const plain: ClassifyContext = { tenantDomains };
  const mailboxes = new Set<string>();
  // Only connector targets need their history: counting it for every self send's mailbox would cost each batch far more.
  const connectorTargets = new Set<string>();
  let newest = '';
  for (const event of events) {
    const mailbox = mailboxOf(event);
    if (mailbox === null || !needs(event)) continue;
    mailboxes.add(mailbox);
    if (isConnector(event)) connectorTargets.add(mailbox);
    if (event.time > newest) newest = event.time;
  }
  if (mailboxes.size === 0) return () => plain;
  const addresses = [...mailboxes];
  const history = new Map<string, number>();
  if (connectorTargets.size > 0) {
    const from = sources.historyMs === undefined ? EPOCH : new Date(Date.parse(newest) - sources.historyMs).toISOString();
    const groups = await sources.store.activityGroups({ from, to: newest, sentAs: [...connectorTargets], categories: ['connector'] }, 0);
    for (const group of groups) if (group.sentAs !== null) history.set(group.sentAs, (history.get(group.sentAs) ?? 0) + group.count);
  }
  const kinds = new Map<string, MailboxKind>();
  if (sources.directory !== undefined) {
    for (const [address, lookup] of await mailboxKindsOf(sources.directory, addresses, INGEST_LOOKUP_BOUNDS)) if (lookup.kind === 'known') kinds.set(address, lookup.value);
  }
  const contexts = new Map<string, ClassifyContext>(
    addresses.map((address) => {
      const kind = kinds.get(address);
      return [address, { tenantDomains, connectorHistory: history.get(address) ?? 0, ...(kind === undefined ? {} : { mailboxKind: kind }) }];
    }),
  );
  return (event) => {
    const mailbox = mailboxOf(event);
    return (mailbox === null || !needs(event) ? undefined : contexts.get(mailbox)) ?? plain;
  };
}

/** Classifies stored batches as ingestion does (start-up reclassification): each batch with the context `batchContext` gives it. */
export function contextualClassifier(sources: ContextSources): BatchClassifier {
  return async (events) => {
    const contextOf = await batchContext(events, sources);
    return (event) => classify(event, contextOf(event));
  };
}
