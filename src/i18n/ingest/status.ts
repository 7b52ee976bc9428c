import type { Language } from '../reasons';
import { formatDated } from '../dates';
import type { IngestStatus } from '../../ingest/status';

export function duration(ms: number, language: Language): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return language === 'ja' ? `${minutes} 分` : `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return language === 'ja' ? `${hours} 時間` : `${hours} h`;
  const days = Math.round(hours / 24);
  return language === 'ja' ? `${days} 日` : `${days} days`;
}

/** Both coverage levels: what is final, and what may still grow and when it was last checked. */
function coverageLines(status: IngestStatus, language: Language, at: (iso: string) => string): string[] {
  const ja = language === 'ja';
  const { settledUntil, provisional } = status.coverage;
  const lines: string[] = [];
  if (settledUntil !== null) lines.push(ja ? `確定済み: ${at(settledUntil)} までの監査データは確定しています（再確認を終えました）。` : `Settled: audit data up to ${at(settledUntil)} is final (all re-checks done).`);
  if (provisional !== null) {
    const checked =
      provisional.oldestCheck === provisional.newestCheck ? at(provisional.oldestCheck) : `${at(provisional.oldestCheck)}${ja ? '〜' : ' – '}${at(provisional.newestCheck)}`;
    lines.push(
      ja
        ? `暫定: ${at(provisional.from)}〜${at(provisional.to)} は取得済みですが、遅れて届くレコードがまだ加わる可能性があります（最終確認 ${checked}）。`
        : `Provisional: ${at(provisional.from)} to ${at(provisional.to)} is loaded, but late records may still arrive (last checked ${checked}).`,
    );
  }
  return lines;
}

/**
 * The ingestion status as short lines for the "audit health" card, in the asker's language: both
 * coverage levels for every source, and for Graph its runs, backfill and budget. Error messages are
 * ours (worded for admins); Graph's own text never contains message subjects.
 */
export function describeIngestStatus(status: IngestStatus | null, language: Language, timeZone: string): string[] {
  const ja = language === 'ja';
  if (status === null) return [ja ? '監査データの取り込みはまだ始まっていません。' : 'Audit data ingestion has not run yet.'];
  // The cards' date style, so these lines read like the health card around them.
  const at = (iso: string): string => formatDated(iso, timeZone, language, 'instant');
  if (status.source !== 'graph') return coverageLines(status, language, at);
  const lines: string[] = [];
  if (status.running) lines.push(ja ? 'Graph からの取り込みを実行中です。' : 'A Graph ingestion run is in progress.');
  if (status.lastSuccessAt !== null) lines.push(ja ? `最後に成功した取り込み: ${at(status.lastSuccessAt)}` : `Last successful Graph ingestion: ${at(status.lastSuccessAt)}.`);
  if (status.watermark !== null && status.lagMs !== null) {
    lines.push(
      ja
        ? `${at(status.watermark)} までを取得済みです（現在から ${duration(status.lagMs, language)} 遅れ）。`
        : `Queried up to ${at(status.watermark)} (${duration(status.lagMs, language)} behind now).`,
    );
  }
  lines.push(...coverageLines(status, language, at));
  if (status.backfill !== null && status.backfill.remaining > 0) {
    lines.push(
      ja
        ? `過去データの取り込み: ${status.backfill.total} 日中 残り ${status.backfill.remaining} 日。`
        : `Backfill: ${status.backfill.remaining} of ${status.backfill.total} days still to fetch.`,
    );
  }
  if (status.failingSince !== null && status.lastError !== null) {
    lines.push(
      ja
        ? `${at(status.failingSince)} から取り込みに失敗しています: ${status.lastError.message}`
        : `Ingestion failing since ${at(status.failingSince)}: ${status.lastError.message}`,
    );
  }
  const budget = ja
    ? `クエリ送信数: 過去 24 時間で ${status.submissionsLast24h} / ${status.submissionBudget}`
    : `Graph query budget: ${status.submissionsLast24h} of ${status.submissionBudget} submissions used in the last 24 hours`;
  lines.push(
    status.budgetExhausted && status.budgetFreesAt !== null
      ? ja
        ? `${budget}（上限に達しました。${at(status.budgetFreesAt)} に回復）。`
        : `${budget} (exhausted until ${at(status.budgetFreesAt)}).`
      : ja
        ? `${budget}。`
        : `${budget}.`,
  );
  if (status.failedWindows.length > 0) {
    lines.push(
      ja
        ? `取得できなかった時間帯が ${status.failedWindows.length} 件あります（最初: ${at(status.failedWindows[0].window.from)}）。`
        : `${status.failedWindows.length} time windows could not be fetched (first: ${at(status.failedWindows[0].window.from)}).`,
    );
  }
  if (status.rejectedRecords.total > 0) {
    lines.push(ja ? `読み取れなかったレコード: ${status.rejectedRecords.total} 件。` : `${status.rejectedRecords.total} records could not be read and were set aside.`);
  }
  return lines;
}
