import type { Language } from '../reasons';
import type { IngestHealthLine } from '../../query/answer';

/** One phrase per line code, typed per language so the compiler lists a line a language lacks. */
export type LineWords<L extends { readonly code: string }> = {
  readonly [C in L['code']]: (line: Extract<L, { readonly code: C }>, at: (iso: string) => string) => string;
};

export function duration(ms: number, language: Language): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return language === 'ja' ? `${minutes} 分` : `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return language === 'ja' ? `${hours} 時間` : `${hours} h`;
  const days = Math.round(hours / 24);
  return language === 'ja' ? `${days} 日` : `${days} days`;
}

/** The checks of a provisional span: one instant, or the oldest and newest. */
const checkedSpan = (line: { readonly oldestCheck: string; readonly newestCheck: string }, at: (iso: string) => string, dash: string): string =>
  line.oldestCheck === line.newestCheck ? at(line.oldestCheck) : `${at(line.oldestCheck)}${dash}${at(line.newestCheck)}`;

const en: LineWords<IngestHealthLine> = {
  'ingest-not-run': () => 'Audit data ingestion has not run yet.',
  'graph-running': () => 'A Graph ingestion run is in progress.',
  'graph-last-success': (line, at) => `Last successful Graph ingestion: ${at(line.at)}.`,
  'graph-queried-up-to': (line, at) => `Queried up to ${at(line.watermark)} (${duration(line.lagMs, 'en')} behind now).`,
  settled: (line, at) => `Settled: audit data up to ${at(line.until)} is final (all re-checks done).`,
  provisional: (line, at) =>
    `Provisional: ${at(line.from)} to ${at(line.to)} is loaded, but late records may still arrive (last checked ${checkedSpan(line, at, ' – ')}).`,
  backfill: (line) => `Backfill: ${line.remaining} of ${line.total} days still to fetch.`,
  'graph-failing': (line, at) => `Ingestion failing since ${at(line.since)}: ${line.message}`,
  'graph-budget': (line, at) =>
    `Graph query budget: ${line.used} of ${line.budget} submissions used in the last 24 hours${line.exhaustedUntil === null ? '' : ` (exhausted until ${at(line.exhaustedUntil)})`}.`,
  'graph-failed-windows': (line, at) => `${line.count} time windows could not be fetched (first: ${at(line.first)}).`,
  'records-rejected': (line) => `${line.count} records could not be read and were set aside.`,
  'rights-records-rejected': (line) =>
    `${line.count} admin ${line.count === 1 ? 'record' : 'records'} (grants and removals of rights) could not be read and ${line.count === 1 ? 'was' : 'were'} set aside: rights answers may miss those changes.`,
};

const ja: LineWords<IngestHealthLine> = {
  'ingest-not-run': () => '監査データの取り込みはまだ始まっていません。',
  'graph-running': () => 'Graph からの取り込みを実行中です。',
  'graph-last-success': (line, at) => `最後に成功した取り込み: ${at(line.at)}`,
  'graph-queried-up-to': (line, at) => `${at(line.watermark)} までを取得済みです（現在から ${duration(line.lagMs, 'ja')} 遅れ）。`,
  settled: (line, at) => `確定済み: ${at(line.until)} までの監査データは確定しています（再確認を終えました）。`,
  provisional: (line, at) =>
    `暫定: ${at(line.from)}〜${at(line.to)} は取得済みですが、遅れて届くレコードがまだ加わる可能性があります（最終確認 ${checkedSpan(line, at, '〜')}）。`,
  backfill: (line) => `過去データの取り込み: ${line.total} 日中 残り ${line.remaining} 日。`,
  'graph-failing': (line, at) => `${at(line.since)} から取り込みに失敗しています: ${line.message}`,
  'graph-budget': (line, at) =>
    `クエリ送信数: 過去 24 時間で ${line.used} / ${line.budget}${line.exhaustedUntil === null ? '' : `（上限に達しました。${at(line.exhaustedUntil)} に回復）`}。`,
  'graph-failed-windows': (line, at) => `取得できなかった時間帯が ${line.count} 件あります（最初: ${at(line.first)}）。`,
  'records-rejected': (line) => `読み取れなかったレコード: ${line.count} 件。`,
  'rights-records-rejected': (line) => `読み取れなかった管理者レコード（権限の付与・削除）: ${line.count} 件。権限に関する回答には、これらの変更が反映されていない可能性があります。`,
};

/** The ingestion status lines of the "audit health" card. */
export const INGEST_STATUS_WORDS: Readonly<Record<Language, LineWords<IngestHealthLine>>> = { en, ja };
