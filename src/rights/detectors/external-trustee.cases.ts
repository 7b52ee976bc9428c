import type { RightsDetectorCase } from '../anomaly';
import { grant, rightsInput } from './base-input.cases';

const legal = 'legal@contoso.com';
const guest = 'vendor_fabrikam.com#ext#@contoso.onmicrosoft.com';

export const cases: readonly RightsDetectorCase[] = [
  {
    name: 'Send As on legal granted to a guest account',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T07:45:10.000Z', legal, guest, 'SendAs', { grantedBy: 'it.ops@contoso.com' })], tenantDomains: ['contoso.com', 'contoso.onmicrosoft.com'] }),
    expected: [{ severity: 'high', actor: guest, mailbox: legal, evidence: ['g1'], facts: { right: 'SendAs', grantedBy: 'it.ops@contoso.com', grantedAt: '2026-11-19T07:45:10.000Z', trustee: guest, reason: 'guest' } }],
  },
  {
    name: 'Full Access granted to an address at another company',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T07:00:00.000Z', legal, 'auditor@fabrikam.com', 'FullAccess')] }),
    expected: [{ actor: 'auditor@fabrikam.com', facts: { reason: 'outside-domains', right: 'FullAccess' } }],
  },
  {
    name: 'a colleague, and a trustee written as an alias (no domain to judge by)',
    input: rightsInput({ changes: [grant('g1', '2026-11-19T07:00:00.000Z', legal, 'bob@contoso.com'), grant('g2', '2026-11-19T07:00:00.000Z', legal, 'carol')] }),
    expected: [],
  },
];
