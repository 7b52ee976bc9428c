import type { RightsDetectorCase } from '../anomaly';
import { grant, removal, rightsInput, use } from './base-input.cases';

const finance = 'finance@contoso.com';
const ceo = 'ceo@contoso.com';
const mallory = 'mallory@contoso.com';

export const cases: readonly RightsDetectorCase[] = [
  {
    name: 'Send As granted at 10:00, used at 13:00, removed at 18:00 by another admin',
    input: rightsInput({
      changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory), removal('r1', '2026-11-19T18:00:00.000Z', finance, mallory, 'SendAs', { grantedBy: 'it.ops@contoso.com' })],
      uses: [use('u1', '2026-11-19T13:00:00.000Z', mallory, finance)],
    }),
    expected: [
      {
        severity: 'high',
        actor: mallory,
        mailbox: finance,
        evidence: ['g1', 'r1', 'u1'],
        facts: { right: 'SendAs', grantedBy: 'admin@contoso.com', removedBy: 'it.ops@contoso.com', grantedAt: '2026-11-19T10:00:00.000Z', removedAt: '2026-11-19T18:00:00.000Z', uses: 1 },
      },
    ],
  },
  {
    name: 'Send on Behalf taken away by replacing the whole list',
    input: rightsInput({
      changes: [
        grant('g1', '2026-11-19T08:00:00.000Z', ceo, mallory, 'SendOnBehalf'),
        grant('r1', '2026-11-19T09:00:00.000Z', ceo, 'emily.braun@contoso.com', 'SendOnBehalf', { replaces: true }),
      ],
      uses: [use('u1', '2026-11-19T08:30:00.000Z', mallory, ceo, 'SendOnBehalf')],
    }),
    expected: [{ evidence: ['g1', 'r1', 'u1'], facts: { right: 'SendOnBehalf', removedAt: '2026-11-19T09:00:00.000Z', uses: 1 } }],
  },
  {
    name: 'granted and removed without a use: a mistake corrected',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory), removal('r1', '2026-11-19T10:05:00.000Z', finance, mallory)] }),
    expected: [],
  },
  {
    name: 'removed two days later',
    input: rightsInput({
      now: '2026-11-22T00:00:00.000Z',
      changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory), removal('r1', '2026-11-21T12:00:00.000Z', finance, mallory)],
      uses: [use('u1', '2026-11-19T13:00:00.000Z', mallory, finance)],
    }),
    expected: [],
  },
];
