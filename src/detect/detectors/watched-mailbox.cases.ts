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
        facts: { watched: ceo, sends: 2, operations: 'SendOnBehalf', clientFamilies: 'outlook-desktop', firstSendAt: '2026-11-19T09:00:00.000Z', day: '2026-11-19', categories: 'delegate' },
      },
    ],
  },
  {
    name: 'a send as another identity from inside the watched mailbox',
    input: detectionInput({ recent: [group({ sentAs: 'board@contoso.com', mailbox: ceo })], watchlist: [ceo] }),
    expected: [{ mailbox: ceo, facts: { watched: ceo } }],
  },
  {
    name: 'the watched mailbox’s owner sending from Outlook Mobile is a corroborated owner misreport: quiet',
    input: detectionInput({
      recent: [group({ actor: ceo, sentAs: ceo, mailbox: ceo, category: 'owner-misreport', client: CLIENTS.outlookIos })],
      watchlist: [ceo],
    }),
    expected: [],
  },
  {
    name: 'hostile: a send filed as a connector (a spoofed client string, or a real connector) on the watched mailbox still alerts',
    input: detectionInput({
      recent: [group({ actor: 'megan.bowen@contoso.com', sentAs: ceo, mailbox: ceo, category: 'connector', client: CLIENTS.connector, sampleIds: ids('connector', 1) })],
      watchlist: [ceo],
    }),
    expected: [{ actor: 'megan.bowen@contoso.com', mailbox: ceo, evidence: ids('connector', 1), facts: { categories: 'connector' } }],
  },
  {
    name: 'an application and an unclear record on the watched mailbox on one day, by one actor, are one alert naming both',
    input: detectionInput({
      recent: [
        group({ actor: 'serviceprincipal_7d3c1e2f', sentAs: ceo, mailbox: ceo, category: 'application', client: 'Client=REST;Client=REST;;' }),
        group({ actor: 'serviceprincipal_7d3c1e2f', sentAs: ceo, mailbox: ceo, category: 'unknown', client: 'Client=REST;Client=RESTSystem;;' }),
      ],
      watchlist: [ceo],
    }),
    expected: [{ actor: 'serviceprincipal_7d3c1e2f', facts: { categories: 'application, unknown', sends: 2 } }],
  },
  {
    name: 'hostile: an owner misreport from an EWS client (not a client known to misreport) on the watched mailbox alerts',
    input: detectionInput({
      recent: [group({ actor: ceo, sentAs: ceo, mailbox: ceo, category: 'owner-misreport', client: 'Client=WebServices;Outlook-iOS/2.0;' })],
      watchlist: [ceo],
    }),
    expected: [{ actor: ceo, facts: { categories: 'owner-misreport' } }],
  },
  {
    name: 'no watchlist configured',
    input: detectionInput({ recent: [group({ sentAs: ceo, mailbox: ceo })] }),
    expected: [],
  },
];
