import type { DetectorCase } from '../detector';
import { CLIENTS, actorHistory, detectionInput, group, ids } from './base-input.cases';

const switcher = 'allan.deyoung@contoso.com';
const hr = 'hr@contoso.com';

export const cases: readonly DetectorCase[] = [
  {
    name: 'an OWA delegate of hr@ switches to eM Client over EWS',
    input: detectionInput({
      recent: [group({ actor: switcher, sentAs: hr, mailbox: hr, client: CLIENTS.emClient, sampleIds: ids('em-client-send', 1) })],
      actors: { [switcher]: actorHistory({ [hr]: 30 }, ['owa', 'outlook-mobile']) },
    }),
    expected: [
      {
        severity: 'medium',
        actor: switcher,
        mailbox: hr,
        evidence: ['em-client-send-1'],
        facts: {
          client: CLIENTS.emClient,
          clientFamily: 'ews',
          reason: 'risky-client',
          sends: 1,
          firstSendAt: '2026-11-19T09:00:00.000Z',
          usualFamilies: 'outlook-mobile, owa',
          day: '2026-11-19',
        },
      },
    ],
  },
  {
    name: 'Exchange PowerShell sending as a mailbox, by an actor with no history at all',
    input: detectionInput({ recent: [group({ actor: 'svc-scripts@contoso.com', client: CLIENTS.powershell })] }),
    expected: [{ severity: 'high', facts: { clientFamily: 'powershell', reason: 'risky-client', usualFamilies: '' } }],
  },
  {
    name: 'a desktop-Outlook delegate sends from OWA for once: a new client, low',
    input: detectionInput({
      recent: [group({ actor: switcher, sentAs: hr, mailbox: hr })],
      actors: { [switcher]: actorHistory({ [hr]: 30 }, ['outlook-desktop']) },
    }),
    expected: [{ severity: 'low', facts: { clientFamily: 'owa', reason: 'new-client' } }],
  },
  {
    name: 'a delegate who has used eM Client all month',
    input: detectionInput({
      recent: [group({ actor: switcher, sentAs: hr, mailbox: hr, client: CLIENTS.emClient, count: 3 })],
      actors: { [switcher]: actorHistory({ [hr]: 30 }, ['ews']) },
    }),
    expected: [],
  },
  {
    name: 'Outlook for Mac over EWS on a new identity: first-party, and the new pair is the new-delegate detector’s',
    input: detectionInput({
      recent: [group({ actor: switcher, sentAs: 'finance@contoso.com', client: CLIENTS.outlookForMac })],
      actors: { [switcher]: actorHistory({ [hr]: 30 }, ['owa']) },
    }),
    expected: [],
  },
  {
    name: 'a store too young to know anyone’s habits',
    input: detectionInput({ recent: [group({ client: CLIENTS.emClient })], baselineDays: 2 }),
    expected: [],
  },
];
