import type { Language } from '../reasons';
import type { FeedHealthLine } from '../../query/answer';
import type { LineWords } from './status';
import { duration } from './status';

const en: LineWords<FeedHealthLine> = {
  'feed-not-run': () => 'The Management Activity feed has not run yet.',
  'feed-subscribed': (line, at) => `Audit.Exchange subscription: enabled since ${at(line.since)}.`,
  'feed-no-content-yet': () => 'No content yet: the first content can take up to 12 hours after subscribing.',
  'feed-subscription-pending': () => 'Audit.Exchange subscription: not started yet.',
  'feed-read-up-to': (line, at) => `Content available up to ${at(line.cursor)} is read (${duration(line.lagMs, 'en')} behind now).`,
  'feed-failing': (line, at) => `Management Activity feed failing since ${at(line.since)}: ${line.message}`,
  'feed-gaps': (line, at) => `${line.count} pieces of content could not be read (first: ${at(line.first)}); the Graph re-sweep fills them.`,
};

const ja: LineWords<FeedHealthLine> = {
  'feed-not-run': () => 'Management Activity API からの取り込みはまだ始まっていません。',
  'feed-subscribed': (line, at) => `Audit.Exchange のサブスクリプション: 有効（${at(line.since)} から）。`,
  'feed-no-content-yet': () => 'まだコンテンツが届いていません。サブスクリプション開始から最初のコンテンツまで最大 12 時間かかることがあります。',
  'feed-subscription-pending': () => 'Audit.Exchange のサブスクリプション: 開始待ち。',
  'feed-read-up-to': (line, at) => `${at(line.cursor)} までに公開されたコンテンツを取り込み済みです（現在から ${duration(line.lagMs, 'ja')} 遅れ）。`,
  'feed-failing': (line, at) => `${at(line.since)} から Management Activity API の読み取りに失敗しています: ${line.message}`,
  'feed-gaps': (line, at) => `読み取れなかったコンテンツが ${line.count} 件あります（最初: ${at(line.first)}）。Graph の再取得で補います。`,
};

/** The Management Activity feed lines of the "audit health" card. */
export const FEED_STATUS_WORDS: Readonly<Record<Language, LineWords<FeedHealthLine>>> = { en, ja };
