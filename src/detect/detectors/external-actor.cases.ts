import type { DetectorCase } from '../detector';
import { actorHistory, detectionInput, group, ids } from './base-input.cases';

const megan = 'megan.bowen@fabrikam.com';
const sales = 'sales@contoso.com';

export const cases: readonly DetectorCase[] = [
  {
    name: 'a fabrikam.com account with ExternalAccess sends as sales@ for the first time',
    input: detectionInput({
      recent: [group({ actor: megan, sentAs: sales, mailbox: sales, externalAccess: true, sampleIds: ids('external-send', 1), first: '2026-11-19T14:02:00.000Z' })],
    }),
    expected: [
      {
        severity: 'high',
        actor: megan,
        mailbox: sales,
        evidence: ['external-send-1'],
        facts: { reason: 'outside-domains-and-external-access', actorDomain: 'fabrikam.com', sends: 1, firstSendAt: '2026-11-19T14:02:00.000Z', baselineSends: 0, day: '2026-11-19' },
      },
    ],
  },
  {
    name: 'a partner who sent as sales@ all month: still reported, at medium',
    input: detectionInput({
      recent: [group({ actor: megan, sentAs: sales, mailbox: sales, count: 2 })],
      actors: { [megan]: actorHistory({ [sales]: 25 }) },
    }),
    expected: [{ severity: 'medium', facts: { reason: 'outside-domains', baselineSends: 25, sends: 2 } }],
  },
  {
    name: 'a tenant account flagged ExternalAccess (Microsoft datacenter or admin access)',
    input: detectionInput({ recent: [group({ externalAccess: true })] }),
    expected: [{ actor: 'alex.wilber@contoso.com', facts: { reason: 'external-access', actorDomain: 'contoso.com' } }],
  },
  {
    name: 'an unclassifiable record from an external address counts too',
    input: detectionInput({ recent: [group({ actor: megan, category: 'unknown' })] }),
    expected: [{ actor: megan, mailbox: 'finance@contoso.com' }],
  },
  {
    name: 'an actor from a second tenant domain',
    input: detectionInput({ recent: [group({ actor: 'kenji.sato@contoso.co.jp' })], tenantDomains: ['contoso.com', 'contoso.co.jp'] }),
    expected: [],
  },
  {
    name: 'a system SID without ExternalAccess has no domain to be outside of',
    input: detectionInput({ recent: [group({ actor: 's-1-5-18', category: 'application' })] }),
    expected: [],
  },
  {
    name: 'a connector configured by an external account is connector noise',
    input: detectionInput({ recent: [group({ actor: megan, category: 'connector', externalAccess: true })] }),
    expected: [],
  },
];
