import type { AuditEvent } from '../audit/event';
import type { Category, Confidence } from './category';
import type { ClientFamily, ClientInfo } from './clients';
import type { ClassifyContext } from './context';
import type { Reason, ReasonCode } from './reasons';

export interface Decision {
  readonly category: Category;
  readonly confidence: Confidence;
  readonly reasons: readonly Reason[];
}

export interface Classification extends Decision {
  /** The rule that decided, for the detail card and for tests. */
  readonly ruleId: string;
}

/** What several rules ask of an event, worked out once per event. */
export interface EventFacts {
  /** The family Exchange's protocol token names (never the sender's own agent). */
  readonly family: ClientFamily;
  readonly client: ClientInfo;
  /** What the caller knows beyond the record: mailbox kind, history, tenant domains. */
  readonly context: ClassifyContext;
}

/**
 * One classifier rule: an id that names its file (`Classify.Connector.ClientInfo` → connector.ts),
 * what it decides, and a pure `decide` that returns null to let the next rule look.
 */
export interface ClassifierRule {
  readonly id: string;
  readonly description: string;
  readonly decides: Category;
  decide(event: AuditEvent, facts: EventFacts): Decision | null;
}

/** A real-shaped AuditData record and what the classifier must make of it. */
export interface RuleCase {
  readonly name: string;
  /** The rule this case is written for fires on it (true) or leaves it to another rule (false). */
  readonly fires: boolean;
  readonly expected: Category;
  readonly record: Readonly<Record<string, unknown>>;
  /** What the caller knows beyond the record (directory, history); none by default. */
  readonly context?: ClassifyContext;
  /** The confidence the classification must have, when the case is about it. */
  readonly confidence?: Confidence;
  /** Reason codes the classification must carry. */
  readonly reasons?: readonly ReasonCode[];
}

/** The field that names the identity sent as, for reasons. */
export function sentAsField(event: AuditEvent): string {
  return event.operation === 'SendAs' ? 'SendAsUserSmtp' : 'SendOnBehalfOfUserSmtp';
}
