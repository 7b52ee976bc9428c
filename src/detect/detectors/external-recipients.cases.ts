import type { DetectorCase } from '../detector';
import { detectionInput, group } from './base-input.cases';

const alex = 'alex.wilber@contoso.com';
const finance = 'finance@contoso.com';

export const cases: readonly DetectorCase[] = [
  {
    name: 'a delegate sends as finance@ to 45 external recipients',
    input: detectionInput({
      recent: [group()],
      recipientSends: [
        { id: 'mass-1', time: '2026-11-19T09:10:00.000Z', actor: alex, sentAs: finance, operation: 'SendAs', recipients: 50, external: 45 },
        { id: 'mass-2', time: '2026-11-19T09:40:00.000Z', actor: alex, sentAs: finance, operation: 'SendAs', recipients: 30, external: 25 },
        { id: 'small', time: '2026-11-19T10:00:00.000Z', actor: alex, sentAs: finance, operation: 'SendAs', recipients: 3, external: 1 },
      ],
    }),
    expected: [{ severity: 'medium', actor: alex, mailbox: finance, evidence: ['mass-1', 'mass-2'], facts: { external: 45, recipients: 50, sends: 2, day: '2026-11-19', operations: 'SendAs' } }],
  },
  {
    name: 'a delegate send to a few external recipients is ordinary',
    input: detectionInput({ recent: [group()], recipientSends: [{ id: 'few', time: '2026-11-19T09:10:00.000Z', actor: alex, sentAs: finance, operation: 'SendAs', recipients: 4, external: 3 }] }),
    expected: [],
  },
  {
    name: 'a lower threshold set by the admin counts',
    settings: { externalRecipientsMinimum: 3 },
    input: detectionInput({ recent: [group()], recipientSends: [{ id: 'few', time: '2026-11-19T09:10:00.000Z', actor: alex, sentAs: finance, operation: 'SendAs', recipients: 4, external: 3 }] }),
    expected: [{ evidence: ['few'], facts: { external: 3 } }],
  },
];
