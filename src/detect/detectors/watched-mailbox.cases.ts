import type { DetectorCase } from '../detector';
import { CLIENTS, actorHistory, detectionInput, group, ids } from './base-input.cases';

const ceo = 'ceo@contoso.com';
const assistant = 'emily.braun@contoso.com';

export const cases: readonly DetectorCase[] = [
  {
    name: 'the CEO’s assistant sends on behalf of the watched CEO mailbox, as every day',
    input: detectionInput({
      recent: [
        group({ actor: assistant, sentAs: ceo, mailbox: assistant, operation: 'SendOnBehalf', client: CLIENTS.desktop, count: 2, sampleIds: ids('on-behalf', 2) }),
      ],
      actors: { [assistant]: actorHistory({ [ceo]: 60 }, ['outlook-desktop']) },
      watchlist: [ceo],
    }),
    expected: [
      {
        severity: 'high',
        actor: assistant,
        mailbox: ceo,
        evidence: ids('on-behalf', 2),
        facts: { watched: ceo, sends: 2, operations: 'SendOnBehalf', clientFamilies: 'outlook-desktop', firstSendAt: '2026-11-19T09:00:00.000Z', day: '2026-11-19' },
      },
    ],
  },
  {
    name: 'a send as another identity from inside the watched mailbox',
    input: detectionInput({ recent: [group({ sentAs: 'board@contoso.com', mailbox: ceo })], watchlist: [ceo] }),
    expected: [{ mailbox: ceo, facts: { watched: ceo } }],
  },
  {
    name: 'the watched mailbox’s owner sending from Outlook Mobile is not a delegate send',
    input: detectionInput({
      recent: [group({ actor: ceo, sentAs: ceo, mailbox: ceo, category: 'owner-misreport', client: CLIENTS.outlookIos })],
      watchlist: [ceo],
    }),
    expected: [],
  },
  {
    name: 'no watchlist configured',
    input: detectionInput({ recent: [group({ sentAs: ceo, mailbox: ceo })] }),
    expected: [],
  },
];
