import type { RightsDetectorCase } from '../anomaly';
import { grant, rightsInput } from './base-input.cases';

const ceo = 'ceo@contoso.com';

export const cases: readonly RightsDetectorCase[] = [
  {
    name: 'Send on Behalf granted on the watched CEO mailbox',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T09:00:00.000Z', ceo, 'emily.braun@contoso.com', 'SendOnBehalf')], watchlist: [ceo] }),
    expected: [{ severity: 'high', actor: 'emily.braun@contoso.com', mailbox: ceo, evidence: ['g1'], facts: { right: 'SendOnBehalf', grantedBy: 'admin@contoso.com', grantedAt: '2026-11-19T09:00:00.000Z', trustee: 'emily.braun@contoso.com', watched: ceo } }],
  },
  {
    name: 'a grant on an unwatched mailbox, and a watched one granted before the window',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T09:00:00.000Z', 'finance@contoso.com', 'bob@contoso.com'), grant('g2', '2026-11-10T09:00:00.000Z', ceo, 'bob@contoso.com')], watchlist: [ceo] }),
    expected: [],
  },
];
