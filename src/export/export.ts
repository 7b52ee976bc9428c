import type { Operation } from '../audit/event';
import type { Language } from '../i18n/reasons';
import type { ActivityFilter, Store } from '../store/store';
import { csvHeader, csvLine } from './csv';

/** What an export covers: the events of one question (or one card), in a half-open UTC range. */
export interface ExportScope {
  readonly from: string;
  readonly to: string;
  /** The identity sent as, lower-case. */
  readonly sentAs?: string;
  readonly actor?: string;
  readonly operation?: Operation;
}

/**
 * An export holds the newest 10,000 events at most: a month of a busy shared mailbox, a few MB. Above
 * that the file says nothing false (it is the newest part, and the card says how many were left out),
 * and the admin narrows the range for the rest. The byte bound keeps one upload well under OneDrive's
 * 60 MiB limit for one fragment, whatever the subjects and recipient lists hold.
 */
export const MAX_EXPORT_ROWS = 10_000;
export const MAX_EXPORT_BYTES = 50 * 1024 * 1024;
/** Events read from the store per call. */
const BATCH = 500;
/** Excel and Numbers read a UTF-8 CSV as such (Japanese subjects intact) only with a byte-order mark. */
const BOM = '\uFEFF';

export interface ExportFile {
  readonly bytes: Buffer;
  /** Events in the file. */
  readonly rows: number;
  /** Events in the scope: more than `rows` when the bound cut the file. */
  readonly total: number;
  readonly capped: boolean;
}

export interface ExportLimits {
  readonly maxRows: number;
  readonly maxBytes: number;
}

function filterOf(scope: ExportScope): ActivityFilter {
  return {
    from: scope.from,
    to: scope.to,
    ...(scope.sentAs === undefined ? {} : { sentAs: scope.sentAs.trim().toLowerCase() }),
    ...(scope.actor === undefined ? {} : { actor: scope.actor.trim().toLowerCase() }),
    ...(scope.operation === undefined ? {} : { operation: scope.operation }),
  };
}

/** The scope's events as a CSV file, newest first, within the bounds. */
export async function buildExport(
  scope: ExportScope,
  store: Pick<Store, 'listEvents' | 'summarize'>,
  language: Language,
  limits: ExportLimits = { maxRows: MAX_EXPORT_ROWS, maxBytes: MAX_EXPORT_BYTES },
): Promise<ExportFile> {
  const filter = filterOf(scope);
  const total = (await store.summarize(filter)).reduce((sum, row) => sum + row.count, 0);
  const parts: string[] = [BOM, csvHeader()];
  let bytes = Buffer.byteLength(parts.join(''));
  let rows = 0;
  let before: { time: string; id: string } | undefined;
  let full = false;
  while (!full) {
    const batch = await store.listEvents(filter, { limit: BATCH, before });
    for (const event of batch) {
      const line = csvLine(event, language);
      const size = Buffer.byteLength(line);
      if (rows >= limits.maxRows || bytes + size > limits.maxBytes) {
        full = true;
        break;
      }
      parts.push(line);
      bytes += size;
      rows += 1;
    }
    const last = batch.at(-1);
    if (batch.length < BATCH || last === undefined) break;
    before = { time: last.time, id: last.id };
  }
  return { bytes: Buffer.from(parts.join(''), 'utf8'), rows, total: Math.max(total, rows), capped: full };
}
