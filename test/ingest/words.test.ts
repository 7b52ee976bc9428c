import type { IngestStatus } from '../../src/ingest';
import { summarizeCoverage } from '../../src/ingest/status';
import { describeIngestStatus } from '../../src/i18n/ingest/status';

const base: Omit<IngestStatus, 'coverage'> = {
  source: 'file:/exports/audit.csv',
  running: false,
  lastRunAt: '2026-11-20T03:00:00.000Z',
  lastRunEndedAt: '2026-11-20T03:00:00.000Z',
  lastSuccessAt: '2026-11-20T03:00:00.000Z',
  lastError: null,
  failingSince: null,
  watermark: null,
  backfill: null,
  intervalMs: 0,
  submissionBudget: 0,
  submissionsLast24h: 0,
  budgetFreesAt: null,
  lastRun: null,
  failedWindows: [],
  rejectedRecords: { total: 0, recent: [] },
  lagMs: null,
  budgetExhausted: false,
  healthy: true,
};

describe('audit health wording of both coverage levels', () => {
  const coverage = summarizeCoverage([
    { from: '2026-11-01T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z', level: 'settled', checkedAt: '2026-11-19T06:00:00.000Z' },
    { from: '2026-11-16T00:00:00.000Z', to: '2026-11-19T00:00:00.000Z', level: 'provisional', checkedAt: '2026-11-19T06:00:00.000Z' },
    { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T01:00:00.000Z', level: 'provisional', checkedAt: '2026-11-20T02:00:00.000Z' },
  ]);

  it('summarizes what is final and what may still grow', () => {
    expect(coverage).toEqual({
      settledUntil: '2026-11-16T00:00:00.000Z',
      provisional: { from: '2026-11-16T00:00:00.000Z', to: '2026-11-20T01:00:00.000Z', oldestCheck: '2026-11-19T06:00:00.000Z', newestCheck: '2026-11-20T02:00:00.000Z' },
    });
  });

  it('says both levels in English and Japanese, in the asker time zone and the cards\' date style, for a source other than Graph', () => {
    expect(describeIngestStatus({ ...base, coverage }, 'en', 'UTC')).toEqual([
      'Settled: audit data up to 16 Nov 2026 00:00 is final (all re-checks done).',
      'Provisional: 16 Nov 2026 00:00 to 20 Nov 2026 01:00 is loaded, but late records may still arrive (last checked 19 Nov 2026 06:00 – 20 Nov 2026 02:00).',
    ]);
    expect(describeIngestStatus({ ...base, coverage }, 'ja', 'Asia/Tokyo')).toEqual([
      '確定済み: 2026年11月16日 09:00 までの監査データは確定しています（再確認を終えました）。',
      '暫定: 2026年11月16日 09:00〜2026年11月20日 10:00 は取得済みですが、遅れて届くレコードがまだ加わる可能性があります（最終確認 2026年11月19日 15:00〜2026年11月20日 11:00）。',
    ]);
  });
});
