import type { DetectorCase } from '../detector';
import { actorHistory, detectionInput, group, ids, person } from './base-input.cases';

const grady = 'grady.archie@contoso.com';
const finance = 'finance@contoso.com';
const gone = person({ displayName: 'Grady Archie', accountEnabled: false });

export const cases: readonly DetectorCase[] = [
  {
    name: 'a delegate who left (account disabled) sends as finance@ as every month',
    input: detectionInput({
      recent: [group({ actor: grady, count: 2, sampleIds: ids('after-leaving', 2), first: '2026-11-19T07:12:00.000Z' })],
      actors: { [grady]: actorHistory({ [finance]: 20 }) },
      people: { [grady]: gone },
    }),
    expected: [
      {
        severity: 'high',
        actor: grady,
        mailbox: finance,
        evidence: ['after-leaving-1', 'after-leaving-2'],
        facts: { displayName: 'Grady Archie', sends: 2, firstSendAt: '2026-11-19T07:12:00.000Z', baselineSends: 20, day: '2026-11-19', operations: 'SendAs' },
      },
    ],
  },
  {
    name: 'a disabled account with an unclassifiable send on behalf counts too, high',
    input: detectionInput({ recent: [group({ actor: grady, category: 'unknown', operation: 'SendOnBehalf' })], people: { [grady]: gone } }),
    expected: [{ severity: 'high', facts: { baselineSends: 0, operations: 'SendOnBehalf' } }],
  },
  {
    name: 'an enabled account sends as finance@',
    input: detectionInput({ recent: [group({ actor: grady })], people: { [grady]: person() } }),
    expected: [],
  },
  {
    name: 'the directory did not say whether the account is enabled',
    input: detectionInput({ recent: [group({ actor: grady })], people: { [grady]: person({ accountEnabled: null }) } }),
    expected: [],
  },
  {
    name: 'a connector set up by a disabled account is connector noise',
    input: detectionInput({ recent: [group({ actor: grady, category: 'connector' })], people: { [grady]: gone } }),
    expected: [],
  },
  {
    name: 'without a directory no account is known to be disabled',
    input: detectionInput({ recent: [group({ actor: grady })] }),
    expected: [],
  },
];
