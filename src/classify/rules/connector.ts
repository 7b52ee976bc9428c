import { reason } from '../reasons';
import type { ClassifierRule } from '../rule';

/** Office 365 connectors write cards into group mailboxes as SendAs, stamped with their creator's name. */
export const connectorClientInfo: ClassifierRule = {
  id: 'Classify.Connector.ClientInfo',
  description: 'ClientInfoString names ConnectorWorkProvider: an Office 365 connector, not a person.',
  decides: 'connector',
  decide(event, { family }) {
    if (family !== 'connector') return null;
    const connector = reason('connector-client', { client: event.client ?? '', mailbox: event.mailbox ?? event.sentAs ?? '?' });
    const reasons = event.actor === '' ? [connector] : [connector, reason('connector-actor', { actor: event.actor })];
    return { category: 'connector', confidence: 'high', reasons };
  },
};
