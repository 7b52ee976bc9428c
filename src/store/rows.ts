import type { AuditEvent, Operation } from '../audit/event';
import { storedDetailsOf } from '../audit/normalize';
import type { Category, Confidence } from '../classify/category';
import type { Reason } from '../classify/reasons';
import type { ActivitySummaryRow, StoredEvent } from './store';

/** An events row as both backends store it: times in epoch ms, JSON columns as text. */
export interface EventRow {
  id: string;
  time_ms: number | string;
  operation: string;
  actor: string;
  mailbox: string | null;
  sent_as: string | null;
  client: string | null;
  app_id: string | null;
  client_ip: string | null;
  logon_type: number | null;
  user_type: number | null;
  external_access: number | boolean | null;
  subject: string | null;
  internet_message_id: string | null;
  category: string;
  confidence: string;
  rule_id: string;
  reasons: string;
  classifier_version: number;
  raw: string;
}

export function eventFromRow(row: EventRow): StoredEvent {
  return {
    id: row.id,
    time: new Date(Number(row.time_ms)).toISOString(),
    operation: row.operation as Operation,
    actor: row.actor,
    mailbox: row.mailbox,
    sentAs: row.sent_as,
    client: row.client,
    appId: row.app_id,
    clientIp: row.client_ip,
    logonType: row.logon_type,
    userType: row.user_type,
    externalAccess: row.external_access === null ? null : Boolean(row.external_access),
    subject: row.subject,
    internetMessageId: row.internet_message_id,
    ...storedDetailsOf(row.raw, row.actor),
    rawJson: row.raw,
    category: row.category as Category,
    confidence: row.confidence as Confidence,
    reasons: JSON.parse(row.reasons) as Reason[],
    ruleId: row.rule_id,
    classifierVersion: row.classifier_version,
  };
}

/** The AuditEvent part of a stored event, for reclassification. */
export function auditEventOf(stored: StoredEvent): AuditEvent {
  const { category: _c, confidence: _f, reasons: _r, ruleId: _id, classifierVersion: _v, ...event } = stored;
  return event;
}

/** A (actor, sentAs, category, client) group from SQL, before clients are folded per row. */
export interface ClientGroupRow {
  actor: string;
  sent_as: string | null;
  category: string;
  client: string | null;
  n: number | string;
  first_ms: number | string;
  last_ms: number | string;
}

/** Folds client-level groups into summary rows with their clients, most used first. */
export function foldClientGroups(groups: readonly ClientGroupRow[]): ActivitySummaryRow[] {
  const rows = new Map<string, { actor: string; sentAs: string; category: Category; count: number; first: number; last: number; clients: { client: string; count: number }[] }>();
  for (const g of groups) {
    const sentAs = g.sent_as ?? '';
    const key = `${g.actor}\u0000${sentAs}\u0000${g.category}`;
    const n = Number(g.n);
    const first = Number(g.first_ms);
    const last = Number(g.last_ms);
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, { actor: g.actor, sentAs, category: g.category as Category, count: n, first, last, clients: [{ client: g.client ?? '', count: n }] });
    } else {
      row.count += n;
      row.first = Math.min(row.first, first);
      row.last = Math.max(row.last, last);
      row.clients.push({ client: g.client ?? '', count: n });
    }
  }
  return [...rows.values()].map((r) => ({
    actor: r.actor,
    sentAs: r.sentAs,
    category: r.category,
    count: r.count,
    first: new Date(r.first).toISOString(),
    last: new Date(r.last).toISOString(),
    clients: r.clients.sort((a, b) => b.count - a.count || a.client.localeCompare(b.client)).slice(0, 10),
  }));
}
