import type { DetectorCase } from '../detector';
import { CLIENTS, actorHistory, detectionInput, group, ids } from './base-input.cases';

export const cases: readonly DetectorCase[] = [
  {
    name: 'a delegate of hr@ sends as finance@ for the first time',
    input: detectionInput({
      recent: [group({ count: 3, sampleIds: ids('first-finance-send', 3), first: '2026-11-19T09:12:00.000Z', last: '2026-11-19T11:40:00.000Z' })],
      actors: { 'alex.wilber@contoso.com': actorHistory({ 'hr@contoso.com': 40 }) },
    }),
    expected: [
      {
        severity: 'medium',
        actor: 'alex.wilber@contoso.com',
        mailbox: 'finance@contoso.com',
        evidence: ids('first-finance-send', 3),
        facts: {
          sends: 3,
          firstSendAt: '2026-11-19T09:12:00.000Z',
          lastSendAt: '2026-11-19T11:40:00.000Z',
          operations: 'SendAs',
          clientFamilies: 'owa',
          otherIdentities: 1,
          baselineDays: 30,
        },
      },
    ],
  },
  {
    name: 'someone who never delegated sends on behalf of the CEO from two clients: one anomaly for the pair',
    input: detectionInput({
      recent: [
        group({ actor: 'lee.gu@contoso.com', sentAs: 'ceo@contoso.com', mailbox: 'lee.gu@contoso.com', operation: 'SendOnBehalf', count: 2 }),
        group({ actor: 'lee.gu@contoso.com', sentAs: 'ceo@contoso.com', mailbox: 'lee.gu@contoso.com', operation: 'SendOnBehalf', client: CLIENTS.desktop, count: 5 }),
      ],
      actors: { 'lee.gu@contoso.com': actorHistory({}, ['outlook-mobile']) },
    }),
    expected: [{ actor: 'lee.gu@contoso.com', mailbox: 'ceo@contoso.com', facts: { sends: 7, operations: 'SendOnBehalf', clientFamilies: 'outlook-desktop, owa', otherIdentities: 0 } }],
  },
  {
    name: 'a delegate sending as the mailbox they sent as all month',
    input: detectionInput({
      recent: [group({ count: 4 })],
      actors: { 'alex.wilber@contoso.com': actorHistory({ 'finance@contoso.com': 50 }) },
    }),
    expected: [],
  },
  {
    name: 'an external actor: left to the external-actor detector',
    input: detectionInput({ recent: [group({ actor: 'megan.bowen@fabrikam.com', externalAccess: true })] }),
    expected: [],
  },
  {
    name: 'a store with three days of history: everything would look new, so nothing is',
    input: detectionInput({ recent: [group()], baselineDays: 3 }),
    expected: [],
  },
  {
    name: 'owner misreports and connector cards are not delegation',
    input: detectionInput({
      recent: [
        group({ actor: 'lee.gu@contoso.com', sentAs: 'lee.gu@contoso.com', mailbox: 'lee.gu@contoso.com', category: 'owner-misreport', client: CLIENTS.outlookIos }),
        group({ actor: 'lee.gu@contoso.com', sentAs: 'marketing@contoso.com', mailbox: 'marketing@contoso.com', category: 'connector', client: CLIENTS.connector }),
      ],
    }),
    expected: [],
  },
];
