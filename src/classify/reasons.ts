/**
 * Reasons are codes with parameters; words are chosen at the edge (messages/en, messages/ja) so the
 * same classification reads in English or Japanese. Each names the field that decided it.
 */
export const REASON_CODES = [
  'connector-client',
  'connector-actor',
  'system-user-type',
  'system-sid-actor',
  'service-principal-actor',
  'guid-actor',
  'background-client',
  'actor-is-sent-as',
  'owner-mailbox-person',
  'owner-mailbox-kind-unknown',
  'self-send-not-person',
  'mobile-client',
  'new-outlook-client',
  'self-send-other-client',
  'mailbox-differs',
  'actor-sent-as-other',
  'logon-type',
  'missing-sent-as',
  'missing-actor',
  'actor-not-address',
  'client-claim',
  'group-mailbox',
  'connector-history',
  'mailbox-not-group',
  'mailbox-kind-unknown',
  'background-person-actor',
  'app-only-token',
  'external-recipients',
  'internal-recipients-only',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string>>;
}

export function reason(code: ReasonCode, params: Record<string, string> = {}): Reason {
  return { code, params };
}
