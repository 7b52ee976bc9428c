import type { DetectorCase } from '../detector';
import { detectionInput, group, ids } from './base-input.cases';

const mailer = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const rogue = '9b1d2c3e-0000-4fff-8eee-c0ffee000001';
const sp = 'serviceprincipal_9b1d2c3e';

export const cases: readonly DetectorCase[] = [
  {
    name: 'an app never seen before sends as finance@ and ceo@',
    input: detectionInput({
      recent: [
        group({ actor: sp, sentAs: 'finance@contoso.com', mailbox: 'finance@contoso.com', category: 'application', appId: rogue, count: 2, sampleIds: ids('rogue-fin', 2) }),
        group({ actor: sp, sentAs: 'ceo@contoso.com', mailbox: 'ceo@contoso.com', category: 'application', appId: rogue, sampleIds: ids('rogue-ceo', 1), first: '2026-11-19T11:00:00.000Z', last: '2026-11-19T11:00:00.000Z' }),
      ],
      apps: [mailer],
    }),
    expected: [
      {
        severity: 'high',
        actor: sp,
        mailbox: 'finance@contoso.com',
        evidence: [...ids('rogue-fin', 2), ...ids('rogue-ceo', 1)],
        facts: { appId: rogue, identities: 2, sends: 3, firstSendAt: '2026-11-19T09:00:00.000Z', baselineDays: 30 },
      },
    ],
  },
  {
    name: 'the invoice mailer that sent all month is not new',
    input: detectionInput({
      recent: [group({ actor: sp, sentAs: 'noreply@contoso.com', mailbox: 'noreply@contoso.com', category: 'application', appId: mailer })],
      apps: [mailer],
    }),
    expected: [],
  },
  {
    name: 'a person’s OWA send carries the OWA app id but is no application send',
    input: detectionInput({ recent: [group({ appId: rogue })] }),
    expected: [],
  },
];
