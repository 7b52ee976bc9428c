import type { Language } from '../reasons';
import type { RightsAnomalyKind } from '../../rights/anomaly';
import type { Right } from '../../rights/identity';
import type { InventoryAdvice, SkipReason } from '../../rights/inventory';
import type { HistoryAction, SendRight } from '../../rights/questions';

/**
 * The words rights answers, anomalies and reviews use, in English and Japanese. Parameters are plain
 * values (addresses, formatted times); the card layer escapes them when it renders markdown. The card
 * wiring moves these into CardStrings (src/i18n/cards) when the kinds join ANOMALY_KINDS.
 */
export interface RightsMessages {
  readonly right: Readonly<Record<Right, string>>;
  /** Whether a right lets its holder send; Full Access alone does not. */
  readonly fullAccessCannotSend: string;
  readonly since: (time: string | null) => string;
  readonly grantedBy: (who: string | null) => string;
  readonly lastUse: (time: string | null) => string;
  readonly recentUses: (count: number, days: number) => string;
  readonly sendRight: Readonly<Record<SendRight['kind'], string>>;
  readonly noKnownRightNote: string;
  /** Added to "no known right" when the sender holds Full Access only. */
  readonly fullAccessOnly: string;
  readonly history: Readonly<Record<HistoryAction, string>>;
  readonly failedCmdlet: string;
  readonly doubtful: (time: string) => string;
  readonly anomalyTitle: Readonly<Record<RightsAnomalyKind, string>>;
  readonly anomalyWords: Readonly<Record<RightsAnomalyKind, (facts: Readonly<Record<string, string | number>>, actor: string, mailbox: string) => string>>;
  readonly skipped: Readonly<Record<SkipReason, (count: number) => string>>;
  readonly advice: Readonly<Record<InventoryAdvice, string>>;
  /** Answers to the rights questions (answer.ts). */
  readonly answers: {
    readonly whoCanTitle: (mailbox: string) => string;
    readonly nobodyHolds: (mailbox: string) => string;
    readonly historyTitle: (trustee: string, mailbox: string | null) => string;
    readonly noHistory: (trustee: string) => string;
    readonly by: (who: string, clientIp: string | null) => string;
    readonly dormantTitle: (days: number, mailbox: string | null) => string;
    readonly noDormant: (days: number) => string;
    readonly decided: (decision: string, by: string, at: string) => string;
    readonly withoutRightTitle: (days: number) => string;
    readonly noSendsWithoutRight: (days: number) => string;
    /** What the answer knows: the inventory's date and the oldest admin record; null for what was never loaded. */
    readonly knownFrom: (inventoryTakenAt: string | null, historyStart: string | null) => string;
    /** Admin records from `from` on may still arrive; `checkedAt` null when the newest part was never fetched; `whole` when that is the whole history. */
    readonly notYetComplete: (part: { readonly from: string; readonly checkedAt: string | null; readonly whole: boolean }) => string;
    /** Windows inside the history whose admin records were never read (the first few, and how many more). */
    readonly notLoaded: (ranges: readonly string[], more: number) => string;
  };
  readonly review: {
    /** The access review's title ("access review" answer, monthly card). */
    readonly heading: string;
    readonly title: (mailbox: string) => string;
    readonly intro: (days: number) => string;
    readonly keep: string;
    readonly remove: string;
    readonly runThis: string;
    readonly pending: string;
    readonly onlySendsSeen: string;
    readonly nothing: (days: number) => string;
    readonly keepFor: (keepDays: number) => string;
    readonly noWriteAccess: string;
    readonly keptBy: (by: string, at: string) => string;
    readonly pendingBy: (by: string, at: string) => string;
    /** The card shows the first rights; the rest are counted, with the question that lists them all. */
    readonly more: (count: number, question: string) => string;
    readonly askAll: string;
    /** The question the "show all" button asks: the dormant-rights question in this language. */
    readonly allQuestion: string;
    readonly notHeld: string;
    readonly notRecordedTitle: string;
    readonly alreadyDecided: (decision: string, by: string, at: string) => string;
    /** Beside an anomaly card that went out with the month's review: the review has its own card, on request. */
    readonly ready: string;
    readonly open: string;
    /** The question that opens the review, in this language. */
    readonly question: string;
  };
}

const EN_RIGHT: Readonly<Record<Right, string>> = { SendAs: 'Send As', SendOnBehalf: 'Send on Behalf', FullAccess: 'Full Access' };
const JA_RIGHT: Readonly<Record<Right, string>> = { SendAs: '送信者 (Send As)', SendOnBehalf: '代理送信 (Send on Behalf)', FullAccess: 'フル アクセス' };

const fact = (facts: Readonly<Record<string, string | number>>, name: string): string => String(facts[name] ?? '');
const enRight = (facts: Readonly<Record<string, string | number>>): string => EN_RIGHT[facts.right as Right] ?? fact(facts, 'right');
const jaRight = (facts: Readonly<Record<string, string | number>>): string => JA_RIGHT[facts.right as Right] ?? fact(facts, 'right');

const en: RightsMessages = {
  right: EN_RIGHT,
  fullAccessCannotSend: 'Full Access opens the mailbox but does not let its holder send as it.',
  since: (time) => (time === null ? 'since before the retained history (unknown since when)' : `since ${time}`),
  grantedBy: (who) => (who === null ? 'granted by: not in the retained records' : `granted by ${who}`),
  lastUse: (time) => (time === null ? 'never used in the retained history' : `last used ${time}`),
  recentUses: (count, days) => `${count} ${count === 1 ? 'use' : 'uses'} in the last ${days} days`,
  sendRight: {
    known: 'Right behind this send',
    'before-history': 'Sent before the retained admin records: the right behind it is unknown',
    'none-known': 'No known right',
  },
  noKnownRightNote:
    'No grant we know of covers this send. That is a gap in what we know, not proof of wrongdoing: the right may come from a group membership or predate the records.',
  fullAccessOnly: 'They hold Full Access on this mailbox, which does not let them send as it.',
  history: { granted: 'granted', removed: 'removed', 'list-replaced': 'granted (the whole list was replaced)', 'removal-unnamed': 'a removal that does not say whom it removed' },
  failedCmdlet: 'the cmdlet failed: nothing changed',
  doubtful: (time) => `may have ended at ${time}: a removal then did not name whom it removed`,
  anomalyTitle: {
    'right-used-at-once': 'Right granted and used within the hour',
    'right-cleanup': 'Right granted, used and removed within a day',
    'right-external-trustee': 'Right granted to someone outside the organisation',
    'right-on-watched-mailbox': 'Right granted on a watched mailbox',
    'right-new-granter': 'Right granted by someone who has not granted rights before',
  },
  anomalyWords: {
    'right-used-at-once': (f, actor, mailbox) =>
      `${fact(f, 'grantedBy')} gave ${actor} ${enRight(f)} on ${mailbox} at ${fact(f, 'grantedAt')}; ${actor}, new to this mailbox, used it ${fact(f, 'minutesToUse')} minutes later.`,
    'right-cleanup': (f, actor, mailbox) =>
      `${actor} got ${enRight(f)} on ${mailbox} from ${fact(f, 'grantedBy')}, used it ${fact(f, 'uses')} times, and ${fact(f, 'removedBy')} removed it at ${fact(f, 'removedAt')}. Today's permissions no longer show it.`,
    'right-external-trustee': (f, actor, mailbox) =>
      `${fact(f, 'grantedBy')} gave ${enRight(f)} on ${mailbox} to ${actor}, ${f.reason === 'guest' ? 'a guest account' : 'an address outside your domains'}.`,
    'right-on-watched-mailbox': (f, actor, mailbox) => `${fact(f, 'grantedBy')} gave ${actor} ${enRight(f)} on the watched mailbox ${mailbox}.`,
    'right-new-granter': (f, actor, mailbox) =>
      `${actor} gave ${fact(f, 'trustee')} ${enRight(f)} on ${mailbox}: the first grant by ${actor} in ${fact(f, 'historyDays')} days of records.`,
  },
  skipped: {
    self: (n) => `${n} NT AUTHORITY\\SELF ${n === 1 ? 'entry' : 'entries'} (the owner's own access) skipped`,
    inherited: (n) => `${n} inherited ${n === 1 ? 'entry' : 'entries'} (granted on the database or organisation, not on the mailbox) skipped`,
    deny: (n) => `${n} Deny ${n === 1 ? 'entry' : 'entries'} skipped (they take access away)`,
    'other-right': (n) => `${n} ${n === 1 ? 'entry' : 'entries'} with rights other than Send As or Full Access skipped`,
    'unreadable-rights': (n) => `${n} ${n === 1 ? 'row' : 'rows'} skipped: the column was exported as a type name, not its values`,
    'no-delegates': (n) => `${n} ${n === 1 ? 'mailbox' : 'mailboxes'} without Send on Behalf delegates`,
  },
  advice: {
    'expand-access-rights': 'AccessRights was exported as a type name. Export it as text with this command and load the file again:',
    'expand-send-on-behalf': 'GrantSendOnBehalfTo was exported as a type name. Export it as text with this command and load the file again:',
  },
  answers: {
    whoCanTitle: (mailbox) => `Who can send as ${mailbox}`,
    nobodyHolds: (mailbox) => `No one holds a right on ${mailbox} that SendAs Watch knows of.`,
    historyTitle: (trustee, mailbox) => (mailbox === null ? `Rights granted to and removed from ${trustee}` : `Rights of ${trustee} on ${mailbox}`),
    noHistory: (trustee) => `No grant or removal naming ${trustee} in the retained admin records.`,
    by: (who, clientIp) => `by ${who}${clientIp === null ? '' : ` from ${clientIp}`}`,
    dormantTitle: (days, mailbox) => `Rights not used in ${days} days${mailbox === null ? '' : ` on ${mailbox}`}`,
    noDormant: (days) => `Every right held for more than ${days} days was used in them.`,
    decided: (decision, by, at) => `Review: ${decision} (${by}, ${at})`,
    withoutRightTitle: (days) => `Sends without a known right, last ${days} days`,
    noSendsWithoutRight: (days) => `Every delegate send in the last ${days} days has a known right behind it.`,
    knownFrom: (inventory, history) =>
      inventory === null && history === null
        ? 'No rights are loaded yet: run `ingest-rights` with the Get-EXORecipientPermission, Get-EXOMailboxPermission and Get-EXOMailbox exports.'
        : `Known from ${inventory === null ? 'no inventory export' : `the inventory exported ${inventory}`}${history === null ? '' : ` and admin records since ${history}`}.`,
    notYetComplete: ({ from, checkedAt, whole }) =>
      `Not yet complete: ${whole ? 'grants and removals of rights in this history' : `grants and removals of rights after ${from}`} may still arrive` +
      (checkedAt === null ? ', and the newest admin records have not been fetched yet.' : ` (Exchange delivers some audit records up to 3 days late; last checked ${checkedAt}).`),
    notLoaded: (ranges, more) => `No admin records have been loaded for ${ranges.join(', ')}${more > 0 ? ` (+${more})` : ''}: grants and removals in that time are unknown.`,
  },
  review: {
    title: (mailbox) => `Access review: ${mailbox}`,
    intro: (days) => `Rights held for more than ${days} days and not used in them. Keep what is needed; remove the rest.`,
    keep: 'Keep',
    remove: 'Remove',
    runThis: 'SendAs Watch cannot change Exchange. Run this in Exchange Online PowerShell:',
    pending: 'Removal decided; the right is still held',
    onlySendsSeen: 'Full Access is seen in use only when its holder sends from the mailbox; reading leaves no trace here.',
    heading: 'Access review',
    nothing: (days) => `Nothing to review: every right held for more than ${days} days was used in them, or was kept in a recent review.`,
    keepFor: (keepDays) => `A right you keep is not asked about again for ${keepDays} days.`,
    noWriteAccess: 'Remove records your decision and shows the command to run: SendAs Watch has no write access to Exchange.',
    keptBy: (by, at) => `Kept by ${by}, ${at}`,
    pendingBy: (by, at) => `Removal decided by ${by}, ${at}; the right is still held`,
    more: (count, question) => `${count} more ${count === 1 ? 'right' : 'rights'} not shown. Ask "${question}" for all of them.`,
    askAll: 'Show all dormant rights',
    allQuestion: 'dormant rights',
    notHeld: 'This button names a right SendAs Watch does not see held today (an old card, or altered data). Nothing was recorded.',
    notRecordedTitle: 'Nothing recorded',
    alreadyDecided: (decision, by, at) => `Already decided: ${decision} (${by}, ${at}). Nothing new was recorded.`,
    ready: 'This month’s access review is ready.',
    open: 'Open the access review',
    question: 'access review',
  },
};

const ja: RightsMessages = {
  right: JA_RIGHT,
  fullAccessCannotSend: 'フル アクセスではメールボックスを開けますが、そのメールボックスとして送信することはできません。',
  since: (time) => (time === null ? '保持されている記録より前から (開始時期は不明)' : `${time} から`),
  grantedBy: (who) => (who === null ? '付与者: 保持されている記録にありません' : `付与者: ${who}`),
  lastUse: (time) => (time === null ? '保持されている期間に使用なし' : `最終使用: ${time}`),
  recentUses: (count, days) => `過去 ${days} 日間の使用: ${count} 回`,
  sendRight: {
    known: 'この送信の根拠となる権限',
    'before-history': '保持されている管理者記録より前の送信のため、根拠となる権限は不明です',
    'none-known': '把握している権限なし',
  },
  noKnownRightNote:
    'この送信を裏付ける付与の記録は見つかりません。不正の証拠ではなく、こちらで把握できていないだけの可能性があります (グループのメンバーシップによる権限や、記録より前の付与など)。',
  fullAccessOnly: 'このメールボックスのフル アクセス権限はありますが、フル アクセスではこのメールボックスとして送信できません。',
  history: { granted: '付与', removed: '削除', 'list-replaced': '付与 (一覧全体を置き換え)', 'removal-unnamed': '削除 (対象者は記録されていません)' },
  failedCmdlet: 'コマンドレットが失敗したため、変更はありません',
  doubtful: (time) => `${time} に対象者を明記しない削除があり、その時点で権限がなくなった可能性があります`,
  anomalyTitle: {
    'right-used-at-once': '権限が付与されてから 1 時間以内に使用されました',
    'right-cleanup': '権限の付与・使用・削除が 1 日以内に行われました',
    'right-external-trustee': '組織外のアカウントに権限が付与されました',
    'right-on-watched-mailbox': '監視対象のメールボックスに権限が付与されました',
    'right-new-granter': 'これまで権限を付与したことのない人が権限を付与しました',
  },
  anomalyWords: {
    'right-used-at-once': (f, actor, mailbox) =>
      `${fact(f, 'grantedAt')} に ${fact(f, 'grantedBy')} が ${actor} に ${mailbox} の${jaRight(f)}権限を付与し、このメールボックスを初めて使う ${actor} が ${fact(f, 'minutesToUse')} 分後に使用しました。`,
    'right-cleanup': (f, actor, mailbox) =>
      `${actor} は ${fact(f, 'grantedBy')} から ${mailbox} の${jaRight(f)}権限を付与されて ${fact(f, 'uses')} 回使用し、${fact(f, 'removedAt')} に ${fact(f, 'removedBy')} がその権限を削除しました。現在の権限一覧には表示されません。`,
    'right-external-trustee': (f, actor, mailbox) =>
      `${fact(f, 'grantedBy')} が ${mailbox} の${jaRight(f)}権限を${f.reason === 'guest' ? 'ゲスト アカウント' : '自社ドメイン以外のアドレス'} ${actor} に付与しました。`,
    'right-on-watched-mailbox': (f, actor, mailbox) => `${fact(f, 'grantedBy')} が監視対象のメールボックス ${mailbox} の${jaRight(f)}権限を ${actor} に付与しました。`,
    'right-new-granter': (f, actor, mailbox) =>
      `${actor} が ${fact(f, 'trustee')} に ${mailbox} の${jaRight(f)}権限を付与しました。記録のある ${fact(f, 'historyDays')} 日間で、${actor} による初めての付与です。`,
  },
  skipped: {
    self: (n) => `NT AUTHORITY\\SELF の行 (所有者自身のアクセス) ${n} 件を除外しました`,
    inherited: (n) => `継承された行 (メールボックスではなくデータベースや組織で付与されたもの) ${n} 件を除外しました`,
    deny: (n) => `拒否 (Deny) の行 ${n} 件を除外しました`,
    'other-right': (n) => `送信者・フル アクセス以外の権限の行 ${n} 件を除外しました`,
    'unreadable-rights': (n) => `列の値ではなく型名が出力されていたため、${n} 行を読み取れませんでした`,
    'no-delegates': (n) => `代理送信者のいないメールボックス ${n} 件`,
  },
  advice: {
    'expand-access-rights': 'AccessRights 列が型名で出力されています。次のコマンドで文字列として出力し、もう一度読み込んでください:',
    'expand-send-on-behalf': 'GrantSendOnBehalfTo 列が型名で出力されています。次のコマンドで文字列として出力し、もう一度読み込んでください:',
  },
  answers: {
    whoCanTitle: (mailbox) => `${mailbox} の権限を持っている人`,
    nobodyHolds: (mailbox) => `${mailbox} の権限を持っている人は、SendAs Watch が把握している範囲ではいません。`,
    historyTitle: (trustee, mailbox) => (mailbox === null ? `${trustee} への権限の付与と削除` : `${mailbox} に対する ${trustee} の権限`),
    noHistory: (trustee) => `保持されている管理者記録に、${trustee} を対象とした付与や削除はありません。`,
    by: (who, clientIp) => `実行者: ${who}${clientIp === null ? '' : ` (${clientIp} から)`}`,
    dormantTitle: (days, mailbox) => `${mailbox === null ? '' : `${mailbox} の`}過去 ${days} 日間使われていない権限`,
    noDormant: (days) => `${days} 日以上保持されている権限は、すべてその期間に使われています。`,
    decided: (decision, by, at) => `レビュー: ${decision} (${by}、${at})`,
    withoutRightTitle: (days) => `把握している権限のない送信 (過去 ${days} 日間)`,
    noSendsWithoutRight: (days) => `過去 ${days} 日間の代理送信には、すべて把握している権限があります。`,
    knownFrom: (inventory, history) =>
      inventory === null && history === null
        ? '権限の情報がまだ読み込まれていません。Get-EXORecipientPermission、Get-EXOMailboxPermission、Get-EXOMailbox のエクスポートを `ingest-rights` で読み込んでください。'
        : `${inventory === null ? '権限一覧のエクスポートなし' : `${inventory} にエクスポートされた権限一覧`}${history === null ? '' : `と ${history} 以降の管理者記録`}に基づいています。`,
    notYetComplete: ({ from, checkedAt, whole }) =>
      `まだ確定していません: ${whole ? 'この履歴の権限の付与・削除' : `${from} 以降の権限の付与・削除`}の記録が、これから届く可能性があります` +
      (checkedAt === null ? '。最新の管理者レコードはまだ取得していません。' : `（Exchange の監査レコードは最大 3 日ほど遅れて届くことがあります。最終確認: ${checkedAt}）。`),
    notLoaded: (ranges, more) => `${ranges.join('、')}${more > 0 ? ` (+${more})` : ''} の管理者レコードは読み込まれていないため、その間の権限の付与・削除はわかりません。`,
  },
  review: {
    title: (mailbox) => `アクセス レビュー: ${mailbox}`,
    intro: (days) => `${days} 日以上前から保持され、その間に使われていない権限です。必要なものは残し、不要なものは削除してください。`,
    keep: '残す',
    remove: '削除する',
    runThis: 'SendAs Watch からは Exchange を変更できません。Exchange Online PowerShell で次のコマンドを実行してください:',
    pending: '削除を決定済みですが、まだ権限が残っています',
    onlySendsSeen: 'フル アクセスの使用は、保持者がそのメールボックスから送信した場合にのみ確認できます。閲覧だけでは記録に残りません。',
    heading: 'アクセス レビュー',
    nothing: (days) => `レビューが必要な権限はありません。${days} 日以上保持されている権限は、すべてその期間に使われているか、最近のレビューで残すと決定されています。`,
    keepFor: (keepDays) => `「残す」とした権限は、その後 ${keepDays} 日間はレビューの対象になりません。`,
    noWriteAccess: '「削除する」を押すと決定が記録され、実行するコマンドが表示されます。SendAs Watch には Exchange への書き込み権限はありません。',
    keptBy: (by, at) => `残すと決定: ${by} (${at})`,
    pendingBy: (by, at) => `削除を決定: ${by} (${at})。まだ権限が残っています`,
    more: (count, question) => `ほかに ${count} 件の権限があります。すべて表示するには「${question}」と質問してください。`,
    askAll: '使われていない権限をすべて表示',
    allQuestion: '使われていない権限',
    notHeld: 'このボタンの権限は、現在保持されていることを確認できません (古いカードか、データが改変されています)。何も記録していません。',
    notRecordedTitle: '記録していません',
    alreadyDecided: (decision, by, at) => `すでに決定済みです: ${decision} (${by}、${at})。新たには記録していません。`,
    ready: '今月のアクセス レビューの準備ができました。',
    open: 'アクセス レビューを開く',
    question: 'アクセスレビュー',
  },
};

export const RIGHTS_MESSAGES: Readonly<Record<Language, RightsMessages>> = { en, ja };
