import type { RightsDetectorCase } from '../anomaly';
import { grant, rightsInput } from './base-input.cases';

const finance = 'finance@contoso.com';

export const cases: readonly RightsDetectorCase[] = [
  {
    name: 'a help-desk account grants a right for the first time in 60 days of records',
    input: rightsInput({ changes: [grant('g0', '2026-10-01T09:00:00.000Z', finance, 'bob@contoso.com'), grant('g1', '2026-11-19T09:00:00.000Z', finance, 'mallory@contoso.com', 'SendAs', { grantedBy: 'helpdesk7@contoso.com' })] }),
    expected: [{ severity: 'medium', actor: 'helpdesk7@contoso.com', mailbox: finance, evidence: ['g1'], facts: { right: 'SendAs', trustee: 'mallory@contoso.com', grantedAt: '2026-11-19T09:00:00.000Z', historyDays: 60 } }],
  },
  {
    name: 'the usual admin, who granted before',
    input: rightsInput({ changes: [grant('g0', '2026-10-01T09:00:00.000Z', finance, 'bob@contoso.com'), grant('g1', '2026-11-19T09:00:00.000Z', finance, 'carol@contoso.com')] }),
    expected: [],
  },
  {
    name: 'records reach back only five days: everyone would look new',
    input: rightsInput({ historyStart: '2026-11-14T00:00:00.000Z', changes: [grant('g1', '2026-11-19T09:00:00.000Z', finance, 'carol@contoso.com', 'SendAs', { grantedBy: 'helpdesk7@contoso.com' })] }),
    expected: [],
  },
  {
    name: 'an earlier attempt that failed does not count as having granted',
    input: rightsInput({
      changes: [
        grant('g0', '2026-10-01T09:00:00.000Z', finance, 'bob@contoso.com', 'SendAs', { grantedBy: 'helpdesk7@contoso.com', succeeded: false }),
        grant('g1', '2026-11-19T09:00:00.000Z', finance, 'carol@contoso.com', 'SendAs', { grantedBy: 'helpdesk7@contoso.com' }),
      ],
    }),
    expected: [{ actor: 'helpdesk7@contoso.com', evidence: ['g1'] }],
  },
];
