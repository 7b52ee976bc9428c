import type { IngestStatus } from '../../src/ingest';
import { summarizeCoverage } from '../../src/ingest/status';
import { ingestHealthLines } from '../../src/ingest/health-lines';
import { wordHealthLines } from '../../src/i18n/ingest/health';

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
  rightsRecords: { inserted: 0, rejected: 0, recent: [] },
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
    expect(wordHealthLines(ingestHealthLines({ ...base, coverage }), 'en', 'UTC')).toEqual([
      'Settled: audit data up to 16 Nov 2026 00:00 is final (all re-checks done).',
      'Provisional: 16 Nov 2026 00:00 to 20 Nov 2026 01:00 is loaded, but late records may still arrive (last checked 19 Nov 2026 06:00 – 20 Nov 2026 02:00).',
    ]);
    expect(wordHealthLines(ingestHealthLines({ ...base, coverage }), 'ja', 'Asia/Tokyo')).toEqual([
      '確定済み: 2026年11月16日 09:00 までの監査データは確定しています（再確認を終えました）。',
      '暫定: 2026年11月16日 09:00〜2026年11月20日 10:00 は取得済みですが、遅れて届くレコードがまだ加わる可能性があります（最終確認 2026年11月19日 15:00〜2026年11月20日 11:00）。',
    ]);
  });
});

describe('audit health lines for Graph ingestion', () => {
  const graph: IngestStatus = {
    ...base,
    source: 'graph',
    running: true,
    watermark: '2026-11-20T01:00:00.000Z',
    lagMs: 2 * 3_600_000,
    backfill: { from: '2026-10-21T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z', total: 30, remaining: 4 },
    failingSince: '2026-11-20T02:00:00.000Z',
    lastError: { code: 'throttled', message: 'Graph answered 429 five times.', at: '2026-11-20T02:30:00.000Z' },
    submissionBudget: 100,
    submissionsLast24h: 100,
    budgetExhausted: true,
    budgetFreesAt: '2026-11-20T05:00:00.000Z',
    rejectedRecords: { total: 3, recent: [] },
    coverage: { settledUntil: null, provisional: null },
  };

  it('carries codes and facts, and the budget says until when it is exhausted', () => {
    expect(ingestHealthLines(graph)).toEqual([
      { code: 'graph-running' },
      { code: 'graph-last-success', at: '2026-11-20T03:00:00.000Z' },
      { code: 'graph-queried-up-to', watermark: '2026-11-20T01:00:00.000Z', lagMs: 7_200_000 },
      { code: 'backfill', remaining: 4, total: 30 },
      { code: 'graph-failing', since: '2026-11-20T02:00:00.000Z', message: 'Graph answered 429 five times.' },
      { code: 'graph-budget', used: 100, budget: 100, exhaustedUntil: '2026-11-20T05:00:00.000Z' },
      { code: 'records-rejected', count: 3 },
    ]);
    expect(ingestHealthLines({ ...graph, budgetExhausted: false }).find((line) => line.code === 'graph-budget')).toEqual({ code: 'graph-budget', used: 100, budget: 100, exhaustedUntil: null });
    expect(ingestHealthLines(null)).toEqual([{ code: 'ingest-not-run' }]);
  });

  it('words them in English and Japanese', () => {
    expect(wordHealthLines(ingestHealthLines(graph), 'en', 'UTC')).toEqual([
      'A Graph ingestion run is in progress.',
      'Last successful Graph ingestion: 20 Nov 2026 03:00.',
      'Queried up to 20 Nov 2026 01:00 (2 h behind now).',
      'Backfill: 4 of 30 days still to fetch.',
      'Ingestion failing since 20 Nov 2026 02:00: Graph answered 429 five times.',
      'Graph query budget: 100 of 100 submissions used in the last 24 hours (exhausted until 20 Nov 2026 05:00).',
      '3 records could not be read and were set aside.',
    ]);
    expect(wordHealthLines(ingestHealthLines(graph), 'ja', 'Asia/Tokyo')).toEqual([
      'Graph からの取り込みを実行中です。',
      '最後に成功した取り込み: 2026年11月20日 12:00',
      '2026年11月20日 10:00 までを取得済みです（現在から 2 時間 遅れ）。',
      '過去データの取り込み: 30 日中 残り 4 日。',
      '2026年11月20日 11:00 から取り込みに失敗しています: Graph answered 429 five times.',
      'クエリ送信数: 過去 24 時間で 100 / 100（上限に達しました。2026年11月20日 14:00 に回復）。',
      '読み取れなかったレコード: 3 件。',
    ]);
  });

  it('counts unreadable admin records apart from unreadable SendAs records, in both languages', () => {
    const both = { ...graph, rightsRecords: { inserted: 4, rejected: 2, recent: [] } };
    expect(ingestHealthLines(both).slice(-2)).toEqual([
      { code: 'records-rejected', count: 3 },
      { code: 'rights-records-rejected', count: 2 },
    ]);
    expect(ingestHealthLines({ ...both, rejectedRecords: { total: 0, recent: [] } }).slice(-1)).toEqual([{ code: 'rights-records-rejected', count: 2 }]);
    expect(ingestHealthLines(graph).some((line) => line.code === 'rights-records-rejected')).toBe(false);
    expect(wordHealthLines(ingestHealthLines(both), 'en', 'UTC').slice(-1)).toEqual([
      '2 admin records (grants and removals of rights) could not be read and were set aside: rights answers may miss those changes.',
    ]);
    expect(wordHealthLines(ingestHealthLines(both), 'ja', 'Asia/Tokyo').slice(-1)).toEqual([
      '読み取れなかった管理者レコード（権限の付与・削除）: 2 件。権限に関する回答には、これらの変更が反映されていない可能性があります。',
    ]);
  });
});
