import type { Reason } from '../reasons';
import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';

/**
 * The connector's reason, the actor's when there is one, then what the mailbox adds. Arrays built whole,
 * not pushed to, and no closure per event (tsx names every closure it creates): connectors write many
 * records a day.
 */
function connectorReasons(connector: Reason, actor: Reason | null, mailboxFact: Reason, secondFact: Reason | null = null): Reason[] {
  if (actor === null) return secondFact === null ? [connector, mailboxFact] : [connector, mailboxFact, secondFact];
  return secondFact === null ? [connector, actor, mailboxFact] : [connector, actor, mailboxFact, secondFact];
}

/**
 * Office 365 connectors write cards into group mailboxes as SendAs, stamped with their creator's name
 * (Petri, 2016: seed article 000). Only Exchange's protocol token counts as evidence; the mailbox being
 * a Microsoft 365 group (the directory says so, or it has been a connector target before) corroborates
 * it, and a mailbox known to be a person's, a shared or a room's/equipment's one contradicts it.
 */
export const connectorClientInfo: ClassifierRule = {
  id: 'Classify.Connector.ClientInfo',
  description: 'Exchange names ConnectorWorkProvider as the protocol: an Office 365 connector, not a person.',
  decides: 'connector',
  decide(event, { family, context }) {
    if (family !== 'connector') return null;
    const mailbox = event.mailbox ?? event.sentAs ?? '?';
    const connector = reason('connector-client', { client: event.client ?? '', mailbox });
    const actor = event.actor === '' ? null : reason('connector-actor', { actor: event.actorAsWritten ?? event.actor });
    const kind = context.mailboxKind;
    if (kind === 'person' || kind === 'shared' || kind === 'resource') {
      return { category: 'unknown', confidence: 'low', reasons: connectorReasons(connector, actor, reason('mailbox-not-group', { mailbox, kind })) };
    }
    const history = context.connectorHistory ?? 0;
    const group = kind === 'group' ? reason('group-mailbox', { mailbox }) : null;
    const seen = history > 0 ? reason('connector-history', { mailbox, count: String(history) }) : null;
    const firstFact = group ?? seen;
    if (firstFact === null) return { category: 'connector', confidence: 'medium', reasons: connectorReasons(connector, actor, reason('mailbox-kind-unknown', { mailbox })) };
    return { category: 'connector', confidence: 'high', reasons: connectorReasons(connector, actor, firstFact, group === null ? null : seen) };
  },
};
