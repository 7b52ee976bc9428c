import type { ReasonCode } from './reasons';

/**
 * Where each phenomenon the classifier relies on is documented. The explain card names the sources of
 * the reasons it shows; nothing here is a claim without one.
 */
export interface Source {
  readonly id: SourceId;
  readonly name: string;
  readonly url?: string;
}

export const SOURCE_IDS = ['petri-connector-2016', 'o365itpros-mc382148-2022', 'exchange-client-info', 'audit-schema-2026', 'mailbox-auditing-docs'] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const SOURCES: Readonly<Record<SourceId, Source>> = {
  'petri-connector-2016': {
    id: 'petri-connector-2016',
    name: 'Petri, "Why an Office 365 Connector Generates Multiple SendAs Audit Events" (2016)',
    url: 'https://www.petri.com/why-an-office-365-connector-generates-multiple-sendas-audit-events',
  },
  'o365itpros-mc382148-2022': {
    id: 'o365itpros-mc382148-2022',
    name: 'Office 365 for IT Pros on MC382148 and Outlook Mobile / new Outlook SendAs records (2022)',
  },
  'exchange-client-info': {
    id: 'exchange-client-info',
    name: 'ClientInfoString: Client=<protocol> set by Exchange, then the client\'s own user agent (AUDIT-FACTS.md §2, §7)',
  },
  'audit-schema-2026': {
    id: 'audit-schema-2026',
    name: 'Newer AuditData fields: AppAccessContext, TokenObjectId, SessionId, recipientCount / recipientList (AUDIT-FACTS.md §7)',
  },
  'mailbox-auditing-docs': {
    id: 'mailbox-auditing-docs',
    name: 'Microsoft Learn, mailbox auditing and the audit log record schema (LogonType, UserType, system identities; AUDIT-FACTS.md §1–2)',
  },
};

/** The source behind each reason; a test holds every code to one. */
export const REASON_SOURCES: Readonly<Record<ReasonCode, SourceId>> = {
  'connector-client': 'petri-connector-2016',
  'connector-actor': 'petri-connector-2016',
  'group-mailbox': 'petri-connector-2016',
  'connector-history': 'petri-connector-2016',
  'mailbox-not-group': 'petri-connector-2016',
  'mailbox-kind-unknown': 'petri-connector-2016',
  'system-user-type': 'mailbox-auditing-docs',
  'system-sid-actor': 'mailbox-auditing-docs',
  'service-principal-actor': 'mailbox-auditing-docs',
  'guid-actor': 'mailbox-auditing-docs',
  'background-client': 'exchange-client-info',
  'background-person-actor': 'exchange-client-info',
  'client-claim': 'exchange-client-info',
  'app-only-token': 'audit-schema-2026',
  'actor-is-sent-as': 'o365itpros-mc382148-2022',
  'owner-mailbox-person': 'o365itpros-mc382148-2022',
  'owner-mailbox-kind-unknown': 'o365itpros-mc382148-2022',
  'self-send-not-person': 'mailbox-auditing-docs',
  'mobile-client': 'o365itpros-mc382148-2022',
  'new-outlook-client': 'o365itpros-mc382148-2022',
  'self-send-other-client': 'o365itpros-mc382148-2022',
  'external-recipients': 'o365itpros-mc382148-2022',
  'internal-recipients-only': 'o365itpros-mc382148-2022',
  'mailbox-differs': 'mailbox-auditing-docs',
  'actor-sent-as-other': 'mailbox-auditing-docs',
  'logon-type': 'mailbox-auditing-docs',
  'missing-sent-as': 'mailbox-auditing-docs',
  'missing-actor': 'mailbox-auditing-docs',
  'actor-not-address': 'mailbox-auditing-docs',
};

/** The distinct sources of some reasons, in the order first cited. */
export function sourcesOf(codes: readonly ReasonCode[]): Source[] {
  const ids = [...new Set(codes.map((code) => REASON_SOURCES[code]))];
  return ids.map((id) => SOURCES[id]);
}
