import type { Readable, Writable } from 'node:stream';
import type { AuditEvent } from '../audit/event';
import type { InputFormat } from '../audit/read';
import { describePosition, readAuditRecords } from '../audit/read';
import type { Category } from '../classify/category';
import { CATEGORIES } from '../classify/category';
import { classify } from '../classify/classify';
import { describeReason } from '../i18n/reasons';
import type { Classification } from '../classify/rule';
import { table, writeOut } from './output';

export interface ReadTally {
  format: InputFormat | null;
  events: number;
  skipped: number;
  rejected: number;
  readonly categories: Record<Category, number>;
}

export function emptyTally(): ReadTally {
  return { format: null, events: 0, skipped: 0, rejected: 0, categories: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number> };
}

export function describeTally(tally: ReadTally): string {
  const categories = CATEGORIES.map((c) => `${c} ${tally.categories[c]}`).join(', ');
  return (
    `Read ${tally.events + tally.skipped + tally.rejected} records (${tally.format ?? 'empty input'}): ` +
    `${tally.events} classified (${categories}), ${tally.skipped} skipped (other operations), ${tally.rejected} rejected.\n`
  );
}

/** The JSON line `classify` prints per record: reasons in English words, never the message subject. */
export function classifiedLine(event: AuditEvent, result: Classification): string {
  return JSON.stringify({
    id: event.id,
    time: event.time,
    operation: event.operation,
    actor: event.actor,
    sentAs: event.sentAs,
    mailbox: event.mailbox,
    client: event.client,
    category: result.category,
    confidence: result.confidence,
    rule: result.ruleId,
    reasons: result.reasons.map((r) => describeReason(r)),
  });
}

/**
 * Reads any supported input, classifies every SendAs / SendOnBehalf record, and reports each rejected
 * record on `err` by position. Returns the tally; the caller turns it into an exit code.
 */
export async function classifyCommand(input: Readable, out: Writable, err: Writable, options: { summary: boolean }): Promise<ReadTally> {
  const tally = emptyTally();
  const pairs = new Map<string, number>();
  for await (const batch of readAuditRecords(input, { readAt: new Date(), onFormat: (f) => (tally.format = f) })) {
    let text = '';
    let errors = '';
    for (const item of batch) {
      if (item.kind === 'rejected') {
        tally.rejected += 1;
        errors += `${describePosition(item.at)}: rejected: ${item.rejection.message}\n`;
      } else if (item.kind === 'skipped') {
        tally.skipped += 1;
      } else {
        const result = classify(item.event);
        tally.events += 1;
        tally.categories[result.category] += 1;
        if (options.summary) {
          if (result.category === 'delegate') {
            const key = `${item.event.actor}\t${item.event.sentAs ?? ''}`;
            pairs.set(key, (pairs.get(key) ?? 0) + 1);
          }
        } else {
          text += classifiedLine(item.event, result) + '\n';
        }
      }
    }
    await writeOut(err, errors);
    await writeOut(out, text);
  }
  if (options.summary) await writeOut(out, summaryTable(tally, pairs));
  await writeOut(err, describeTally(tally));
  return tally;
}

function summaryTable(tally: ReadTally, pairs: Map<string, number>): string {
  const total = Math.max(1, tally.events);
  const byCategory = table(
    ['category', 'records', 'share'],
    CATEGORIES.map((c) => [c, String(tally.categories[c]), `${((100 * tally.categories[c]) / total).toFixed(1)}%`]),
  );
  const top = [...pairs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
  if (top.length === 0) return byCategory;
  const delegates = table(
    ['delegate', 'sent as', 'records'],
    top.map(([key, count]) => [...key.split('\t'), String(count)]),
  );
  return `${byCategory}\nGenuine delegate sends, most frequent first:\n${delegates}`;
}
