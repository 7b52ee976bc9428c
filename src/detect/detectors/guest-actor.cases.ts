import type { DetectorCase } from '../detector';
import { actorHistory, detectionInput, group, ids, person } from './base-input.cases';

const kai = 'kai.lindqvist_fabrikam.com#ext#@contoso.onmicrosoft.com';
const support = 'support@contoso.com';
const guest = person({ displayName: 'Kai Lindqvist (Fabrikam)', jobTitle: null, department: null, guest: true });

export const cases: readonly DetectorCase[] = [
  {
    name: 'a guest sends as support@ for the first time',
    input: detectionInput({
      recent: [group({ actor: kai, sentAs: support, mailbox: support, count: 2, sampleIds: ids('guest-send', 2), first: '2026-11-19T15:20:00.000Z' })],
      people: { [kai]: guest },
    }),
    expected: [
      {
        severity: 'high',
        actor: kai,
        mailbox: support,
        evidence: ['guest-send-1', 'guest-send-2'],
        facts: { displayName: 'Kai Lindqvist (Fabrikam)', sends: 2, firstSendAt: '2026-11-19T15:20:00.000Z', baselineSends: 0, day: '2026-11-19', operations: 'SendAs' },
      },
    ],
  },
  {
    name: 'a guest who has sent as support@ all month: still reported, at medium',
    input: detectionInput({
      recent: [group({ actor: kai, sentAs: support, mailbox: support })],
      actors: { [kai]: actorHistory({ [support]: 12 }) },
      people: { [kai]: guest },
    }),
    expected: [{ severity: 'medium', facts: { baselineSends: 12 } }],
  },
  {
    name: 'a member sends as support@',
    input: detectionInput({ recent: [group({ sentAs: support, mailbox: support })], people: { 'alex.wilber@contoso.com': person() } }),
    expected: [],
  },
  {
    name: 'the directory did not say member or guest',
    input: detectionInput({ recent: [group({ actor: kai })], people: { [kai]: person({ guest: null }) } }),
    expected: [],
  },
  {
    name: "a guest's own mobile send misreported as Send As is noise",
    input: detectionInput({ recent: [group({ actor: kai, category: 'owner-misreport' })], people: { [kai]: guest } }),
    expected: [],
  },
];
