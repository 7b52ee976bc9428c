import type { DetectorCase } from '../detector';
import { CLIENTS, detectionInput, group, ids, profile } from './base-input.cases';

const creator = 'lee.gu@contoso.com';
const marketing = 'marketing@contoso.com';

function connectorCards(count: number, day = '2026-11-19') {
  return group({ day, actor: creator, sentAs: marketing, mailbox: marketing, category: 'connector', client: CLIENTS.connector, count, sampleIds: ids(`card-${day}`, 5) });
}

function mobileSends(count: number, day = '2026-11-19') {
  return group({ day, actor: 'joni.sherman@contoso.com', sentAs: 'joni.sherman@contoso.com', mailbox: 'joni.sherman@contoso.com', category: 'owner-misreport', client: CLIENTS.outlookIos, count });
}

export const cases: readonly DetectorCase[] = [
  {
    name: 'a connector gone wild writes 900 cards where the tenant sees 40 noise events a day',
    input: detectionInput({ recent: [connectorCards(900), mobileSends(30)], noise: profile(1200, 30, 60) }),
    expected: [
      {
        severity: 'info',
        actor: creator,
        mailbox: marketing,
        evidence: ids('card-2026-11-19', 5),
        facts: { day: '2026-11-19', events: 930, ownerMisreports: 30, connectorEvents: 900, threshold: 200, baselineMeanPerDay: 40, baselineDays: 30 },
      },
    ],
  },
  {
    name: 'two surging days in the window raise one notice, for the newer day',
    input: detectionInput({
      window: { from: '2026-11-18T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' },
      recent: [connectorCards(700, '2026-11-18'), connectorCards(800, '2026-11-19')],
    }),
    expected: [{ facts: { day: '2026-11-19', events: 800 } }],
  },
  {
    name: 'a busy day, three times the usual noise',
    input: detectionInput({ recent: [connectorCards(100), mobileSends(20)], noise: profile(1200, 30, 60) }),
    expected: [],
  },
  {
    name: 'a surge of delegate sends is for the spike detector, not noise',
    input: detectionInput({ recent: [group({ count: 900 })] }),
    expected: [],
  },
];
