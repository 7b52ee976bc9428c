import type { Language } from './reasons';
import type { DelegateOperation } from '../exchange/settings';

/** Caveats and "audit health" lines about mailbox audit settings (src/exchange/warnings decides which apply). */
export interface AuditSettingsWords {
  /** A mailbox's settings leave delegate sends of these kinds out. */
  notInDelegateActions(mailbox: string, operations: readonly DelegateOperation[]): string;
  organizationAuditDisabled(): string;
  notChecked(mailboxes: readonly string[]): string;
  unreadable(mailbox: string, problem: string): string;
  multiGeo(): string;
  /** "audit health" lines. */
  healthNotConfigured(): string;
  healthUnrecorded(mailbox: string, operations: readonly DelegateOperation[]): string;
  healthUnreadable(mailbox: string, problem: string): string;
  healthAllRecorded(checked: number): string;
  healthNoneChecked(): string;
}

const EN_OPERATION: Readonly<Record<DelegateOperation, string>> = { SendAs: 'Send As', SendOnBehalf: 'Send on Behalf' };

const en: AuditSettingsWords = {
  notInDelegateActions: (mailbox, operations) =>
    `${mailbox}'s mailbox audit settings do not record ${operations.map((o) => EN_OPERATION[o]).join(' or ')} by delegates ` +
    `(AuditDelegate leaves ${operations.join(' and ')} out): delegate sends as it are missing here, at least since the settings were changed.`,
  organizationAuditDisabled: () =>
    'Mailbox auditing is turned off for the whole organisation (AuditDisabled is True): no Send As or Send on Behalf is being recorded.',
  notChecked: (mailboxes) =>
    `The audit settings of ${mailboxes.join(', ')} were not checked (the Exchange Online Admin API is not configured), so whether Exchange records delegate sends there is unknown.`,
  unreadable: (mailbox, problem) => `The audit settings of ${mailbox} could not be read, so whether Exchange records delegate sends there is unknown: ${problem}`,
  multiGeo: () => 'This organisation is multi-geo: a delegate sending from a mailbox in another geo is not recorded in the audit log.',
  healthNotConfigured: () => 'Mailbox audit settings: not checked (the Exchange Online Admin API is not configured).',
  healthUnrecorded: (mailbox, operations) =>
    `${mailbox}: delegate ${operations.map((o) => EN_OPERATION[o]).join(' and ')} not recorded (missing from AuditDelegate).`,
  healthUnreadable: (mailbox, problem) => `${mailbox}: audit settings could not be read (${problem}).`,
  healthAllRecorded: (checked) => `Mailbox audit settings: ${checked} ${checked === 1 ? 'mailbox' : 'mailboxes'} checked, all record delegate sends.`,
  healthNoneChecked: () => 'Mailbox audit settings: none checked yet (a mailbox is checked when it is watched or asked about).',
};

const JA_OPERATION: Readonly<Record<DelegateOperation, string>> = { SendAs: '「送信者として送信」', SendOnBehalf: '「代理人として送信」' };

const ja: AuditSettingsWords = {
  notInDelegateActions: (mailbox, operations) =>
    `${mailbox} のメールボックス監査設定では、代理人による${operations.map((o) => JA_OPERATION[o]).join('と')}が記録されません` +
    `（AuditDelegate に ${operations.join(' と ')} が含まれていません）。少なくとも設定が変更されてからの代理送信は、ここに表示されません。`,
  organizationAuditDisabled: () =>
    '組織全体でメールボックス監査が無効になっています（AuditDisabled が True）。「送信者として送信」も「代理人として送信」も記録されていません。',
  notChecked: (mailboxes) =>
    `${mailboxes.join('、')} の監査設定は確認していません（Exchange Online 管理 API が未設定）。代理送信が記録されているかどうかは不明です。`,
  unreadable: (mailbox, problem) => `${mailbox} の監査設定を読み取れなかったため、代理送信が記録されているかどうかは不明です: ${problem}`,
  multiGeo: () => 'この組織はマルチジオ構成です。別のジオにあるメールボックスからの代理送信は監査ログに記録されません。',
  healthNotConfigured: () => 'メールボックスの監査設定: 未確認（Exchange Online 管理 API が未設定）',
  healthUnrecorded: (mailbox, operations) => `${mailbox}: 代理人による${operations.map((o) => JA_OPERATION[o]).join('と')}が記録されない（AuditDelegate に含まれていない）`,
  healthUnreadable: (mailbox, problem) => `${mailbox}: 監査設定を読み取れません（${problem}）`,
  healthAllRecorded: (checked) => `メールボックスの監査設定: ${checked} 件を確認、すべて代理送信を記録`,
  healthNoneChecked: () => 'メールボックスの監査設定: まだ確認していません（監視対象または質問されたメールボックスを確認します）',
};

export const AUDIT_SETTINGS_WORDS: Readonly<Record<Language, AuditSettingsWords>> = { en, ja };
