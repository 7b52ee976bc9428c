import type { DetectorCase } from '../detector';
import { detectionInput } from './base-input.cases';

export const cases: readonly DetectorCase[] = [
  {
    name: 'Graph has refused every run for eight hours',
    input: detectionInput({
      ingestion: { lastSuccessAt: '2026-11-19T21:45:00.000Z', failingSince: '2026-11-19T22:00:00.000Z', lastError: 'SENDAS_GRAPH_FORBIDDEN' },
    }),
    expected: [
      {
        severity: 'high',
        actor: null,
        mailbox: null,
        evidence: [],
        facts: {
          failingSince: '2026-11-19T22:00:00.000Z',
          hoursFailing: 8,
          lastSuccessAt: '2026-11-19T21:45:00.000Z',
          lastError: 'SENDAS_GRAPH_FORBIDDEN',
          graceHours: 6,
        },
      },
    ],
  },
  {
    name: 'an ingester that never succeeded, failing since it started',
    input: detectionInput({ ingestion: { lastSuccessAt: null, failingSince: '2026-11-18T06:00:00.000Z', lastError: null } }),
    expected: [{ facts: { hoursFailing: 48, lastSuccessAt: '', lastError: '' } }],
  },
  {
    name: 'two hours of 429s: within the grace period',
    input: detectionInput({ ingestion: { lastSuccessAt: '2026-11-20T03:55:00.000Z', failingSince: '2026-11-20T04:00:00.000Z', lastError: 'SENDAS_GRAPH_FAILED' } }),
    expected: [],
  },
  {
    name: 'healthy ingestion',
    input: detectionInput({ ingestion: { lastSuccessAt: '2026-11-20T05:50:00.000Z', failingSince: null, lastError: null } }),
    expected: [],
  },
  {
    name: 'nothing ingests live (demo tenant or export file)',
    input: detectionInput({ ingestion: null }),
    expected: [],
  },
];
