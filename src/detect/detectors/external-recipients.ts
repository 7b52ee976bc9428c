import type { Anomaly, Severity } from '../anomaly';
import type { Detector } from '../detector';
import { anomalyKey, groupBy } from '../detector';

const SEVERITY = { default: 'medium' } as const satisfies Record<string, Severity>;

/**
 * A delegate send to many recipients outside the tenant: someone else's identity used for a mass
 * mailing out of the company. Only records that list recipients (recipientList, newer records) count.
 *
 * Facts: `external` (the most external recipients of one send that day), `recipients` (that send's
 * total), `sends` (sends over the threshold that day), `day` (YYYY-MM-DD, UTC).
 * Key: kind | actor | identity | day.
 */
export const externalRecipients: Detector = {
  id: 'Detect.ExternalRecipients.DelegateSend',
  kind: 'external-recipients',
  description: 'A delegate send goes to many recipients outside the tenant.',
  severity: SEVERITY,
  settings: ['externalRecipientsMinimum', 'evidenceLimit'],
  facts: ['external', 'recipients', 'sends', 'day', 'operations'],
  detect(input, settings) {
    const many = input.recipientSends.filter((s) => s.external >= settings.externalRecipientsMinimum);
    const out: Anomaly[] = [];
    for (const sends of groupBy(many, (s) => `${s.time.slice(0, 10)}\u0000${s.actor}\u0000${s.sentAs}`).values()) {
      const ordered = [...sends].sort((a, b) => b.external - a.external || (a.time < b.time ? -1 : 1));
      const { actor, sentAs } = ordered[0];
      const day = ordered[0].time.slice(0, 10);
      out.push({
        key: anomalyKey('external-recipients', actor, sentAs, day),
        kind: 'external-recipients',
        severity: SEVERITY.default,
        at: sends.reduce((t, s) => (s.time > t ? s.time : t), sends[0].time),
        actor,
        mailbox: sentAs,
        evidence: ordered.slice(0, settings.evidenceLimit).map((s) => s.id),
        facts: { external: ordered[0].external, recipients: ordered[0].recipients, sends: sends.length, day, operations: [...new Set(sends.map((s) => s.operation))].sort().join(', ') },
      });
    }
    return out;
  },
};
