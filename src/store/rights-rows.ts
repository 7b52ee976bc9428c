import type { Operation } from '../audit/event';
import type { Right } from '../rights/identity';
import type { RightsChangeFilter } from '../rights/ports';
import type { RightsUse } from '../rights/questions';
import type { ReviewDecision, ReviewDecisionKind } from '../rights/review';

/** The filter on `rights_changes`, with the driver's placeholder (`?` or `$n`) for each value in order. */
export function rightsChangeWhere(filter: RightsChangeFilter, placeholder: (index: number) => string): { sql: string; params: (string | number)[] } {
  const clauses = ['TRUE'];
  const params: (string | number)[] = [];
  const add = (column: string, value: string | number): void => {
    params.push(value);
    clauses.push(`${column} ${placeholder(params.length)}`);
  };
  if (filter.from !== undefined) add('time_ms >=', Date.parse(filter.from));
  if (filter.to !== undefined) add('time_ms <', Date.parse(filter.to));
  if (filter.mailboxKey !== undefined) add('mailbox_key =', filter.mailboxKey);
  return { sql: clauses.join(' AND '), params };
}

export const REVIEW_DECISION_COLUMNS = 'mailbox_key, trustee_key, right_name, decision, decided_by, at_ms';

export interface ReviewDecisionRow {
  readonly mailbox_key: string;
  readonly trustee_key: string;
  readonly right_name: string;
  readonly decision: string;
  readonly decided_by: string;
  readonly at_ms: number | string;
}

export function reviewDecisionOf(row: ReviewDecisionRow): ReviewDecision {
  return {
    mailboxKey: row.mailbox_key,
    trusteeKey: row.trustee_key,
    right: row.right_name as Right,
    decision: row.decision as ReviewDecisionKind,
    by: row.decided_by,
    at: new Date(Number(row.at_ms)).toISOString(),
  };
}

/** One delegate send as rights see it, as both backends select it. */
export interface DelegateUseRow {
  readonly id: string;
  readonly time_ms: number | string;
  readonly operation: string;
  readonly actor: string;
  readonly mailbox: string | null;
  readonly sent_as: string | null;
}

export function delegateUseOf(row: DelegateUseRow): RightsUse {
  return { id: row.id, time: new Date(Number(row.time_ms)).toISOString(), operation: row.operation as Operation, actor: row.actor, mailbox: row.mailbox, sentAs: row.sent_as };
}
