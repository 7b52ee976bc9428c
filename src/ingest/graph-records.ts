import type { EventSink, GraphAuditIngester, GraphIngesterDeps, GraphQueryKind, QueryFilters, RecordReading } from '../audit/graph';
import { createGraphQueryIngester, SENDAS_QUERY, SENDAS_QUERY_FILTERS } from '../audit/graph';
import type { AuditEvent } from '../audit/event';
import type { TimeBounds } from '../audit/normalize';
import { field, isObject } from '../audit/normalize';
import type { Directory } from '../rights/identity';
import { EMPTY_DIRECTORY } from '../rights/identity';
import type { RightsStore } from '../rights/ports';
import type { RightsChange } from '../rights/record';
import { normalizeRightsRecord, RIGHTS_CMDLETS, RIGHTS_GRAPH_FILTERS } from '../rights/record';

/** The RightsStore methods Graph ingestion writes admin records with. */
export type RightsIngestStore = Pick<RightsStore, 'ingestRightsChanges' | 'markRightsCovered' | 'loadDirectory'>;

/** The coverage source of admin records read from Graph, beside `file:PATH` of loaded exports. */
export const RIGHTS_GRAPH_SOURCE = 'graph';

/** The stream an admin record's rejection is counted under, apart from the SendAs records'. */
export const RIGHTS_STREAM = 'rights';

/**
 * SendAs records and the admin records that grant rights in one query. Graph's filters take values
 * OR'd within a filter and AND'd across them (no Microsoft page says so; Microsoft's PAX and CIPP rely
 * on it, see README): `exchangeItem` or `exchangeAdmin`, and one of these operations. Every operation
 * belongs to one of the two record types, so the query returns exactly the union of the two queries it
 * replaces, for one submission. Were the filters OR'd, it would return more, which the reading skips.
 */
export const SENDAS_AND_RIGHTS_FILTERS: QueryFilters = {
  recordTypeFilters: [...SENDAS_QUERY_FILTERS.recordTypeFilters, ...RIGHTS_GRAPH_FILTERS.recordTypeFilters],
  operationFilters: [...SENDAS_QUERY_FILTERS.operationFilters, ...RIGHTS_GRAPH_FILTERS.operationFilters],
};

/** One record of a Graph query, read: a SendAs / SendOnBehalf event, or a grant or removal of a right. */
export type GraphItem = { readonly kind: 'event'; readonly event: AuditEvent } | { readonly kind: 'change'; readonly change: RightsChange };

const ADMIN_CMDLETS: ReadonlySet<string> = new Set(RIGHTS_CMDLETS.map((c) => c.toLowerCase()));

/**
 * Whether a record is an Exchange admin record: by Graph's `auditLogRecordType` (always set on its
 * records), else by AuditData's RecordType (1), else by its operation being one of the rights cmdlets.
 */
export function isAdminRecord(record: unknown): boolean {
  if (!isObject(record)) return false;
  const type = field(record, 'auditLogRecordType');
  if (typeof type === 'string' && type !== '') return type.toLowerCase() === 'exchangeadmin';
  const data = field(record, 'auditData');
  const auditData = isObject(data) ? data : record;
  const recordType = field(auditData, 'RecordType');
  if (recordType === 1 || (typeof recordType === 'string' && recordType.toLowerCase() === 'exchangeadmin')) return true;
  const operation = field(auditData, 'Operation') ?? field(record, 'operation');
  return typeof operation === 'string' && ADMIN_CMDLETS.has(operation.toLowerCase());
}

/**
 * The one query kind of the Graph ingestion. With admin records on, a window's single query asks for
 * both kinds (SENDAS_AND_RIGHTS_FILTERS) and each record is read by its record type; off, it asks for
 * SendAs records alone. Either way one query, one name and one journal entry per window.
 */
export class GraphRecordKind implements GraphQueryKind<GraphItem> {
  readonly filters: QueryFilters;
  /** The mailbox export's names, loaded before each window so trustees are keyed as the inventory keys them. */
  directory: Directory = EMPTY_DIRECTORY;

  constructor(readonly adminRecords: boolean) {
    this.filters = adminRecords ? SENDAS_AND_RIGHTS_FILTERS : SENDAS_QUERY_FILTERS;
  }

  read(record: unknown, bounds: TimeBounds): RecordReading<GraphItem> {
    if (this.adminRecords && isAdminRecord(record)) {
      const result = normalizeRightsRecord(record, bounds, this.directory);
      switch (result.kind) {
        case 'change':
          return { kind: 'item', id: result.change.id, item: { kind: 'change', change: result.change } };
        case 'skipped':
          return { kind: 'skipped' };
        case 'rejected':
          return { kind: 'rejected', code: result.rejection.code, message: result.rejection.message, stream: RIGHTS_STREAM };
        default:
          return result satisfies never;
      }
    }
    const reading = SENDAS_QUERY.read(record, bounds);
    return reading.kind === 'item' ? { ...reading, item: { kind: 'event', event: reading.item } } : reading;
  }
}

/** The Graph ingester with its kind, whose directory the caller refreshes before each window. */
export interface GraphRecordIngester {
  readonly ingester: GraphAuditIngester<GraphItem>;
  readonly kind: GraphRecordKind;
}

export function createGraphRecordIngester(deps: GraphIngesterDeps, adminRecords: boolean): GraphRecordIngester {
  const kind = new GraphRecordKind(adminRecords);
  return { ingester: createGraphQueryIngester(deps, kind), kind };
}

/**
 * Splits each page: events to `events` (the ingestion stage), rights changes to the rights store
 * (deduplicated by record id: a re-sweep stores nothing twice). `rights` is null when admin records are off, and then none arrive.
 */
export function splitSink(events: EventSink, rights: Pick<RightsStore, 'ingestRightsChanges'> | null, tally: { rightsInserted: number }): EventSink<GraphItem> {
  return async (batch) => {
    const sends: AuditEvent[] = [];
    const changes: RightsChange[] = [];
    for (const item of batch.events) {
      if (item.kind === 'event') sends.push(item.event);
      else changes.push(item.change);
    }
    if (sends.length > 0) await events({ ...batch, events: sends });
    if (changes.length > 0) {
      if (rights === null) throw new Error('admin records arrived with admin records off');
      const result = await rights.ingestRightsChanges(changes);
      tally.rightsInserted += result.inserted;
    }
  };
}
