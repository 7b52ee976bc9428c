import type { Anomaly } from '../../src/detect/anomaly';
import type { ConversationRecord } from '../../src/store/store';

export const TENANT_ID = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** An anomaly as a detector would raise it; the key is built from kind, actor, mailbox and day unless given. */
export function anomaly(overrides: Partial<Anomaly> = {}): Anomaly {
  const kind = overrides.kind ?? 'new-delegate';
  const actor = overrides.actor === undefined ? 'alex.wilber@contoso.com' : overrides.actor;
  const mailbox = overrides.mailbox === undefined ? 'finance@contoso.com' : overrides.mailbox;
  const at = overrides.at ?? '2026-11-19T10:00:00.000Z';
  return {
    key: `${kind}|${actor ?? '-'}|${mailbox ?? '-'}|${at.slice(0, 10)}`,
    kind,
    severity: 'medium',
    at,
    actor,
    mailbox,
    evidence: ['00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000e2'],
    facts: { sends: 3, firstSendAt: at, baselineDays: 30 },
    ...overrides,
  };
}

/** A conversation reference as TurnContext.getConversationReference gives it, for a fake connector at `serviceUrl`. */
export function conversation(id: string, serviceUrl = 'http://127.0.0.1:9/', type: 'personal' | 'groupChat' | 'channel' = 'personal'): ConversationRecord {
  const reference = {
    activityId: 'activity-1',
    user: { id: '29:admin-user', name: 'Adele Vance', aadObjectId: '00000000-0000-4000-8000-00000000a001' },
    bot: { id: '28:bot-id', name: 'SendAs Watch' },
    conversation: { id, conversationType: type, tenantId: TENANT_ID },
    channelId: 'msteams',
    locale: 'en-US',
    serviceUrl,
  };
  return { id, tenantId: TENANT_ID, serviceUrl, channelId: 'msteams', conversationType: type, reference: JSON.stringify(reference) };
}
