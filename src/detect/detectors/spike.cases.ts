import type { DetectorCase } from '../detector';
import { CLIENTS, actorHistory, detectionInput, group, ids, profile } from './base-input.cases';

const spiker = 'pradeep.gupta@contoso.com';
const support = 'support@contoso.com';

export const cases: readonly DetectorCase[] = [
  {
    name: 'a support@ delegate who sends at most 4 a day sends 45: an actor spike naming the mailbox',
    input: detectionInput({
      recent: [
        group({ actor: spiker, sentAs: support, mailbox: support, count: 40, sampleIds: ids('burst-owa', 5) }),
        group({ actor: spiker, sentAs: support, mailbox: support, count: 5, client: CLIENTS.desktop, sampleIds: ids('burst-desktop', 5), first: '2026-11-19T08:00:00.000Z' }),
        group({ actor: spiker, sentAs: 'hr@contoso.com', mailbox: 'hr@contoso.com', count: 2 }),
      ],
      actors: { [spiker]: actorHistory({ [support]: 60, 'hr@contoso.com': 20 }, ['owa'], 4) },
      mailboxes: { [support]: profile(150, 22, 14), 'hr@contoso.com': profile(40, 15, 5) },
    }),
    expected: [
      {
        severity: 'medium',
        actor: spiker,
        mailbox: support,
        evidence: ['burst-desktop-1', 'burst-desktop-2', 'burst-desktop-3', 'burst-desktop-4', 'burst-desktop-5'],
        facts: { scope: 'actor', day: '2026-11-19', sends: 47, threshold: 20, baselinePeak: 4, baselineMeanPerDay: 2.7, baselineDays: 30 },
      },
    ],
  },
  {
    name: 'a mailbox five delegates each send a little more to: a mailbox spike with no single actor',
    input: detectionInput({
      recent: ['a', 'b', 'c', 'd', 'e'].map((p) => group({ actor: `${p}@contoso.com`, sentAs: support, mailbox: support, count: 10 })),
      actors: Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((p) => [`${p}@contoso.com`, actorHistory({ [support]: 40 }, ['owa'], 5)])),
      mailboxes: { [support]: profile(300, 22, 12) },
    }),
    expected: [{ actor: null, mailbox: support, facts: { scope: 'mailbox', sends: 50, threshold: 36, baselinePeak: 12 } }],
  },
  {
    name: 'three times the usual peak but under the minimum of 20',
    input: detectionInput({
      recent: [group({ count: 12 })],
      actors: { 'alex.wilber@contoso.com': actorHistory({ 'finance@contoso.com': 40 }, ['owa'], 4) },
      mailboxes: { 'finance@contoso.com': profile(40, 20, 4) },
    }),
    expected: [],
  },
  {
    name: 'a busy delegate whose busiest baseline day was 20 sends 45',
    input: detectionInput({
      recent: [group({ count: 45 })],
      actors: { 'alex.wilber@contoso.com': actorHistory({ 'finance@contoso.com': 300 }, ['owa'], 20) },
      mailboxes: { 'finance@contoso.com': profile(400, 22, 25) },
    }),
    expected: [],
  },
  {
    name: 'a surge of owner misreports is not a delegate spike',
    input: detectionInput({
      recent: [group({ actor: 'lee.gu@contoso.com', sentAs: 'lee.gu@contoso.com', mailbox: 'lee.gu@contoso.com', category: 'owner-misreport', count: 500 })],
    }),
    expected: [],
  },
];
