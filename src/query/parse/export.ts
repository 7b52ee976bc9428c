import type { ParseContext, Query } from '../query';
import type { Assumption } from '../query';
import { parseQuestion } from './index';

/** The questions whose events can be exported: one mailbox's senders, or one person's sends. */
export type ExportableQuery = Extract<Query, { readonly intent: 'who-sent-as' | 'who-sent-on-behalf' | 'what-did-send-as' }>;

export interface ExportRequest {
  readonly query: ExportableQuery;
  readonly assumed: readonly Assumption[];
}

const CSV = '(?:csv|ｃｓｖ)';
/**
 * "export who sent as finance last month", "download … as csv", "csv of …", "… to csv".
 * Only the wrapper is read here; what is inside is an ordinary question.
 */
const ENGLISH = [
  new RegExp(`^(?:please\\s+)?(?:export|download|dump|send\\s+me|give\\s+me|get\\s+me)(?:\\s+(?:a|the|an))?(?:\\s+${CSV}(?:\\s+file)?)?(?:\\s+(?:of|for|with))?\\s+(?<rest>.+?)(?:\\s+(?:as|to|in(?:to)?)\\s+(?:a\\s+)?${CSV}(?:\\s+file)?)?[.!]*$`, 'iu'),
  new RegExp(`^${CSV}(?:\\s+file)?\\s+(?:of|for)\\s+(?<rest>.+?)[.!]*$`, 'iu'),
];
/**
 * 「先月 finance の送信者をエクスポート」「…をCSVで」「…をCSVで出力して」「CSVで…」: the particle and
 * the verb are cut; the polite endings are optional.
 */
const JAPANESE = [
  new RegExp(
    `^(?<rest>.+?)\\s*(?:を|の)?\\s*(?:${CSV}\\s*(?:で|に|として)?\\s*)?(?:エクスポート|出力|ダウンロード|書き出し|書き出す|保存)\\s*(?:して(?:ください|下さい|ほしい|欲しい)?|する|したい|します|お願いします|をお願いします)?[。!！]*$`,
    'iu',
  ),
  new RegExp(`^(?<rest>.+?)\\s*(?:を|の)?\\s*${CSV}\\s*(?:で|に)\\s*(?:ください|下さい|ほしい|欲しい|お願いします)?[。!！]*$`, 'iu'),
  new RegExp(`^${CSV}\\s*で\\s*(?<rest>.+?)[。!！]*$`, 'iu'),
];

function exportable(query: Query): query is ExportableQuery {
  return query.intent === 'who-sent-as' || query.intent === 'who-sent-on-behalf' || query.intent === 'what-did-send-as';
}

/**
 * Reads "export QUESTION" in English or Japanese: the question inside is parsed as usual and must be one
 * whose events can be listed. "export finance last month" works too: a bare mailbox is read as "who
 * sent as". Null when the text does not ask for an export, or asks for one of something else.
 */
export function parseExportRequest(text: string, context: ParseContext): ExportRequest | null {
  const trimmed = text.trim().normalize('NFKC');
  for (const pattern of [...ENGLISH, ...JAPANESE]) {
    const rest = pattern.exec(trimmed)?.groups?.rest?.trim();
    if (rest === undefined || rest === '') continue;
    const asked = parseQuestion(rest, context);
    // "export anomalies" asks for something that is not a list of events: not an export.
    if (asked.kind === 'parsed') return exportable(asked.query) ? { query: asked.query, assumed: asked.assumed } : null;
    const bare = parseQuestion(`who sent as ${rest}`, context);
    if (bare.kind === 'parsed' && exportable(bare.query)) return { query: bare.query, assumed: bare.assumed };
  }
  return null;
}
