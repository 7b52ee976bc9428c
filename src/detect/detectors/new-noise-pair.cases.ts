import type { DetectorCase } from '../detector';
import { CLIENTS, detectionInput, group, ids } from './base-input.cases';

const creator = 'lee.gu@contoso.com';
const news = 'marketing-news@contoso.com';
const finance = 'finance@contoso.com';
const app = 'serviceprincipal_7d3c1e2f-aaaa-4bbb-8ccc-123456789abc';

export const cases: readonly DetectorCase[] = [
  {
    name: 'a connector that has always written into marketing-news starts writing as finance@',
    input: detectionInput({
      recent: [
        group({ actor: creator, sentAs: finance, mailbox: finance, category: 'connector', client: CLIENTS.connector, count: 3, sampleIds: ids('conn', 3) }),
        group({ actor: creator, sentAs: news, mailbox: news, category: 'connector', client: CLIENTS.connector, count: 40 }),
      ],
      noiseWriters: [`${creator}\u0000${news}`],
    }),
    expected: [
      {
        severity: 'medium',
        actor: creator,
        mailbox: finance,
        evidence: ids('conn', 3),
        facts: { category: 'connector', writes: 3, firstWriteAt: '2026-11-19T09:00:00.000Z', appId: '', baselineDays: 30 },
      },
    ],
  },
  {
    name: 'an app that sent as noreply@ for a month starts sending as finance@',
    input: detectionInput({
      recent: [group({ actor: app, sentAs: finance, mailbox: finance, category: 'application', client: 'Client=REST;Client=REST;;', appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' })],
      noiseWriters: [`${app}\u0000noreply@contoso.com`],
      apps: ['1fec8e78-bce4-4aaf-ab1b-5451cc387264'],
    }),
    expected: [{ actor: app, mailbox: finance, facts: { category: 'application', appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' } }],
  },
  {
    name: 'the same connector writing where it always writes is not new',
    input: detectionInput({
      recent: [group({ actor: creator, sentAs: news, mailbox: news, category: 'connector', client: CLIENTS.connector, count: 40 })],
      noiseWriters: [`${creator}\u0000${news}`],
    }),
    expected: [],
  },
  {
    name: 'a new delegate pair is the new-delegate detector’s, not this one’s',
    input: detectionInput({ recent: [group({ actor: 'megan.bowen@contoso.com', sentAs: finance })] }),
    expected: [],
  },
  {
    name: 'Exchange’s system identity (S-1-5-18) posting into a new group is not a new connector or app',
    input: detectionInput({ recent: [group({ actor: 's-1-5-18', sentAs: 'group-51@contoso.com', mailbox: 'group-51@contoso.com', category: 'application', client: 'Client=REST;Client=RESTSystem;;' })] }),
    expected: [],
  },
  {
    name: 'a young store (no baseline) says nothing is new',
    input: detectionInput({ recent: [group({ actor: creator, sentAs: finance, mailbox: finance, category: 'connector', client: CLIENTS.connector })], baselineDays: 3 }),
    expected: [],
  },
];
