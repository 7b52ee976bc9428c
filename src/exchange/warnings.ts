import type { Language } from '../i18n/reasons';
import type { AnswerWarning } from '../query/answer';
import type { AuditSettingsLookup, DelegateOperation, MailboxAuditView } from './settings';
import { delegateRecording } from './settings';

/** Identities one answer checks at most: a "what did alex send as" answer can name many. */
export const MAX_CHECKED_PER_ANSWER = 10;

interface AuditSettingsWords {
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

const JA_OPERATION: Readonly<Record<DelegateOperation, string>> = { SendAs: '「送信者として送信」', SendOnBehalf: '「代理として送信」' };

const ja: AuditSettingsWords = {
  notInDelegateActions: (mailbox, operations) =>
    `${mailbox} のメールボックス監査設定では、代理人による${operations.map((o) => JA_OPERATION[o]).join('と')}が記録されません` +
    `（AuditDelegate に ${operations.join(' と ')} が含まれていません）。少なくとも設定が変更されてからの代理送信は、ここに表示されません。`,
  organizationAuditDisabled: () =>
    '組織全体でメールボックス監査が無効になっています（AuditDisabled が True）。「送信者として送信」も「代理として送信」も記録されていません。',
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

/** The delegate sends of `operations` a checked mailbox does not record. */
export function unrecorded(view: MailboxAuditView, operations: readonly DelegateOperation[]): { operations: DelegateOperation[]; organizationOff: boolean } {
  if (view.status !== 'checked') return { operations: [], organizationOff: false };
  const missing = operations.filter((op) => delegateRecording(op, view.settings, view.organization).recorded === false);
  return { operations: missing, organizationOff: missing.length > 0 && view.organization?.auditDisabled === true };
}

/**
 * The caveats an answer about these identities carries: delegate sends their settings leave out
 * (a red box), settings nobody checked or could read, and the multi-geo blind spot (notes). Without a
 * lookup (an engine that does not consider audit settings) there are none.
 */
export async function auditSettingsWarnings(
  lookup: AuditSettingsLookup | undefined,
  identities: readonly string[],
  operations: readonly DelegateOperation[],
  language: Language,
): Promise<AnswerWarning[]> {
  const words = AUDIT_SETTINGS_WORDS[language];
  const wanted = [...new Set(identities.map((i) => i.trim().toLowerCase()).filter((i) => i.includes('@')))].slice(0, MAX_CHECKED_PER_ANSWER);
  if (lookup === undefined || wanted.length === 0) return [];
  const views = await Promise.all(wanted.map((mailbox) => lookup.view(mailbox)));
  const out: AnswerWarning[] = [];
  const notChecked: string[] = [];
  let organizationOff = false;
  let multiGeo = false;
  for (const view of views) {
    const missing = unrecorded(view, operations);
    if (missing.organizationOff) organizationOff = true;
    else if (missing.operations.length > 0) out.push({ kind: 'audit-settings', text: words.notInDelegateActions(view.mailbox, missing.operations) });
    if (view.status === 'checked' && view.organization?.multiGeo === true) multiGeo = true;
    if (view.status === 'not-checked') notChecked.push(view.mailbox);
    if (view.status === 'unreadable') out.push({ kind: 'audit-settings-unknown', text: words.unreadable(view.mailbox, view.problem) });
  }
  if (organizationOff) out.unshift({ kind: 'audit-settings', text: words.organizationAuditDisabled() });
  if (notChecked.length > 0) out.push({ kind: 'audit-settings-unknown', text: words.notChecked(notChecked) });
  if (multiGeo) out.push({ kind: 'audit-settings-unknown', text: words.multiGeo() });
  return out;
}

/** "audit health" lines: the mailboxes whose delegate sends are not recorded, or that nothing is known. */
export async function auditSettingsHealth(lookup: AuditSettingsLookup | undefined, language: Language): Promise<string[]> {
  const words = AUDIT_SETTINGS_WORDS[language];
  if (lookup === undefined) return [];
  if (!lookup.configured) return [words.healthNotConfigured()];
  const views = await lookup.known();
  const lines: string[] = [];
  for (const view of views) {
    const missing = unrecorded(view, ['SendAs', 'SendOnBehalf']);
    if (missing.organizationOff) return [words.organizationAuditDisabled()];
    if (missing.operations.length > 0) lines.push(words.healthUnrecorded(view.mailbox, missing.operations));
    if (view.status === 'unreadable') lines.push(words.healthUnreadable(view.mailbox, view.problem));
  }
  const checked = views.filter((v) => v.status === 'checked').length;
  if (lines.length === 0) return [checked === 0 ? words.healthNoneChecked() : words.healthAllRecorded(checked)];
  if (views.some((v) => v.status === 'checked' && v.organization?.multiGeo === true)) lines.push(words.multiGeo());
  return lines;
}
