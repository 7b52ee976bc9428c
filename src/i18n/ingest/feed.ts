import type { Language } from '../reasons';
import { formatDated } from '../dates';
import type { FeedHealth } from '../../ingest/management-status';
import { duration } from './status';

/**
 * The Management Activity feed as short lines for the "audit health" card, in the asker's language:
 * the subscription, how far the read content trails now, gaps left for the Graph re-sweep, and errors.
 */
export function describeFeedStatus(status: FeedHealth | null, language: Language, timeZone: string): string[] {
  const ja = language === 'ja';
  if (status === null) return [ja ? 'Management Activity API からの取り込みはまだ始まっていません。' : 'The Management Activity feed has not run yet.'];
  const at = (iso: string): string => formatDated(iso, timeZone, language, 'instant');
  const lines: string[] = [];
  const subscription = status.subscription;
  if (subscription.enabled && subscription.enabledAt !== null) {
    lines.push(ja ? `Audit.Exchange のサブスクリプション: 有効（${at(subscription.enabledAt)} から）。` : `Audit.Exchange subscription: enabled since ${at(subscription.enabledAt)}.`);
    if (status.newestContentAt === null) {
      lines.push(
        ja
          ? 'まだコンテンツが届いていません。サブスクリプション開始から最初のコンテンツまで最大 12 時間かかることがあります。'
          : 'No content yet: the first content can take up to 12 hours after subscribing.',
      );
    }
  } else {
    lines.push(ja ? 'Audit.Exchange のサブスクリプション: 開始待ち。' : 'Audit.Exchange subscription: not started yet.');
  }
  if (status.cursor !== null && status.contentLagMs !== null) {
    lines.push(
      ja
        ? `${at(status.cursor)} までに公開されたコンテンツを取り込み済みです（現在から ${duration(status.contentLagMs, language)} 遅れ）。`
        : `Content available up to ${at(status.cursor)} is read (${duration(status.contentLagMs, language)} behind now).`,
    );
  }
  if (status.failingSince !== null && status.lastError !== null) {
    lines.push(
      ja
        ? `${at(status.failingSince)} から Management Activity API の読み取りに失敗しています: ${status.lastError.message}`
        : `Management Activity feed failing since ${at(status.failingSince)}: ${status.lastError.message}`,
    );
  }
  if (status.gaps.length > 0) {
    lines.push(
      ja
        ? `読み取れなかったコンテンツが ${status.gaps.length} 件あります（最初: ${at(status.gaps[0].from)}）。Graph の再取得で補います。`
        : `${status.gaps.length} pieces of content could not be read (first: ${at(status.gaps[0].from)}); the Graph re-sweep fills them.`,
    );
  }
  if (status.totals.rejected > 0) {
    lines.push(ja ? `読み取れなかったレコード: ${status.totals.rejected} 件。` : `${status.totals.rejected} records could not be read and were set aside.`);
  }
  return lines;
}
