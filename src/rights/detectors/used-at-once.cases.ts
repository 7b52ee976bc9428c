import type { RightsDetectorCase } from '../anomaly';
import { identityOf } from '../identity';
import { buildIntervals } from '../model';
import { grant, rightsInput, use } from './base-input.cases';

const finance = 'finance@contoso.com';
const mallory = 'mallory@contoso.com';

export const cases: readonly RightsDetectorCase[] = [
  {
    name: 'Send As granted at 10:00 and used at 10:12 by someone who never sent as finance',
    input: rightsInput({
      changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory)],
      uses: [use('u1', '2026-11-19T10:12:00.000Z', mallory, finance), use('u2', '2026-11-19T10:40:00.000Z', mallory, finance)],
    }),
    expected: [
      {
        severity: 'high',
        actor: mallory,
        mailbox: finance,
        evidence: ['g1', 'u1', 'u2'],
        facts: { right: 'SendAs', grantedBy: 'admin@contoso.com', grantedAt: '2026-11-19T10:00:00.000Z', firstUseAt: '2026-11-19T10:12:00.000Z', minutesToUse: 12 },
      },
    ],
  },
  {
    name: 'a trustee the inventory lists with Full Access on finance since before the history gets Send As and uses it',
    input: rightsInput({
      changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory)],
      intervals: buildIntervals({ takenAt: '2026-09-20T00:00:00.000Z', holdings: [{ mailbox: identityOf(finance), trustee: identityOf(mallory), right: 'FullAccess' }] }, [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory)]),
      uses: [use('u1', '2026-11-19T10:05:00.000Z', mallory, finance)],
    }),
    expected: [],
  },
  {
    name: 'first use after more than an hour',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory)], uses: [use('u1', '2026-11-19T11:30:00.000Z', mallory, finance)] }),
    expected: [],
  },
  {
    name: 'a delegate who sent as finance before the grant (the right re-granted after a clean-up)',
    input: rightsInput({
      changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory)],
      uses: [use('u0', '2026-10-01T09:00:00.000Z', mallory, finance), use('u1', '2026-11-19T10:05:00.000Z', mallory, finance)],
    }),
    expected: [],
  },
  {
    name: 'Send on Behalf granted, then only a Send As: the granted right is not what was used',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory, 'SendOnBehalf')], uses: [use('u1', '2026-11-19T10:05:00.000Z', mallory, finance)] }),
    expected: [],
  },
  {
    name: 'a failed Add-RecipientPermission grants nothing',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T10:00:00.000Z', finance, mallory, 'SendAs', { succeeded: false })], uses: [use('u1', '2026-11-19T10:05:00.000Z', mallory, finance)] }),
    expected: [],
  },
];
