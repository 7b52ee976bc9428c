import type { DeliveryRow, DeliveryState, StoredConversation } from './store';

/**
 * Row shapes and conversions of the outbox tables, the same in both backends (SQLite stores booleans
 * as 0/1, PostgreSQL as booleans).
 */
export interface ConversationRow {
  id: string;
  tenant_id: string | null;
  service_url: string;
  channel_id: string;
  conversation_type: string | null;
  reference: string;
  subscribed: number | boolean;
  subscribed_ms: number | null;
  locale: string | null;
  time_zone: string | null;
  seen_ms: number;
}

export interface DeliveryDbRow {
  anomaly_key: string;
  conversation_id: string;
  state: DeliveryState;
  attempts: number;
  created_ms: number;
  next_attempt_ms: number;
  sent_ms: number | null;
  activity_id: string | null;
  last_error: string | null;
}

/** Longest error text kept on a delivery: enough for a status and a code, never a whole body. */
const MAX_ERROR_LENGTH = 500;

export function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`not an instant: ${iso}`);
  return value;
}

export function iso(value: number): string {
  return new Date(value).toISOString();
}

export function isoOrNull(value: number | null): string | null {
  return value === null ? null : iso(value);
}

export function conversationOf(row: ConversationRow): StoredConversation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    serviceUrl: row.service_url,
    channelId: row.channel_id,
    conversationType: row.conversation_type,
    reference: row.reference,
    subscribed: row.subscribed === true || row.subscribed === 1,
    subscribedAt: isoOrNull(row.subscribed_ms),
    locale: row.locale,
    timeZone: row.time_zone,
    seenAt: iso(row.seen_ms),
  };
}

export function deliveryOf(row: DeliveryDbRow): DeliveryRow {
  return {
    anomalyKey: row.anomaly_key,
    conversationId: row.conversation_id,
    state: row.state,
    attempts: row.attempts,
    enqueuedAt: iso(row.created_ms),
    nextAttemptAt: iso(row.next_attempt_ms),
    sentAt: isoOrNull(row.sent_ms),
    activityId: row.activity_id,
    lastError: row.last_error,
  };
}

/** A mailbox as mutes and anomalies keep it, so a mute matches its anomalies whatever the casing. */
export function mailboxKey(mailbox: string): string {
  return mailbox.trim().toLowerCase();
}

/** An error text cut to what a delivery keeps. */
export function clipErrorText(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
