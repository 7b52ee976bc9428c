import type { AuditIncident } from '../../classify/incidents';
import type { Category } from '../../classify/category';
import type { DetailReason, ProvisionalPart, WarningMessage } from '../../query/answer';
import type { Language } from '../reasons';
import { describeReason } from '../reasons';
import { formatDated, formatDatedSpan } from '../dates';
import { AUDIT_SETTINGS_WORDS } from '../audit-settings';

/** Words for the engine's warnings; the cards add their own labels around them. */
export interface WarningWords {
  knownIncident(incident: AuditIncident, timeZone: string): string;
  provisional(part: ProvisionalPart, timeZone: string): string;
  blindSpot(): string;
  coverage(gaps: readonly { from: string; to: string }[], timeZone: string): string;
  silence(): string;
}

/** Dates in the cards' style for the language, so a warning reads like the card around it. */
const day = (language: Language) => (iso: string, timeZone: string) => formatDated(iso, timeZone, language, 'day');
const instant = (language: Language) => (iso: string, timeZone: string) => formatDated(iso, timeZone, language, 'instant');

/** The incident's last day is the day before its exclusive end. */
function lastDay(incident: AuditIncident, timeZone: string, language: Language): string {
  return day(language)(new Date(Date.parse(incident.to) - 1).toISOString(), timeZone);
}

function ranges(gaps: readonly { from: string; to: string }[], timeZone: string, joiner: string, language: Language): string {
  const shown = gaps.slice(0, 3).map((g) => formatDatedSpan(g, timeZone, language) ?? `${g.from} – ${g.to}`);
  return shown.join(joiner) + (gaps.length > 3 ? ` (+${gaps.length - 3})` : '');
}

const en: WarningWords = {
  knownIncident: (incident, tz) =>
    `${incident.id}: ${incident.title} from ${day('en')(incident.from, tz)} to ${lastDay(incident, tz, 'en')}. ` +
    `${incident.recoverable ? '' : 'The data cannot be recovered: '}no events in that period is not evidence that nobody sent.`,
  provisional: ({ from, checkedAt, whole }, tz) =>
    (whole ? 'Not final yet: records in this range may still arrive' : `Complete up to ${instant('en')(from, tz)}; records from after ${instant('en')(from, tz)} may still arrive`) +
    ` (Exchange delivers some up to 3 days late), ${checkedAt === null ? 'and the newest part has not been fetched yet' : `last checked ${instant('en')(checkedAt, tz)}`}.`,
  blindSpot: () => 'Delegate sends made from Outlook Mobile are not recorded in the audit log, so they cannot appear here.',
  coverage: (gaps, tz) => `No audit data has been loaded for ${ranges(gaps, tz, ', ', 'en')}; activity in that time is not shown.`,
  silence: () =>
    'Not a single SendAs or SendOnBehalf event was recorded in this range across the whole tenant: auditing may be off, delayed or broken.',
};

const ja: WarningWords = {
  knownIncident: (incident, tz) =>
    `${incident.id}：${day('ja')(incident.from, tz)}〜${lastDay(incident, tz, 'ja')} は${incident.titleJa}期間です。` +
    `${incident.recoverable ? '' : 'データは復元できません。'}この期間にイベントがないことは、送信がなかった証拠になりません。`,
  provisional: ({ from, checkedAt, whole }, tz) =>
    (whole ? 'この期間のデータはまだ確定していません。レコードが後から届く可能性があります' : `${instant('ja')(from, tz)} までのデータは確定しています。それ以降のレコードはまだ届く可能性があります`) +
    `（Exchange の監査レコードは最大 3 日ほど遅れて届くことがあります）。${checkedAt === null ? '最新の部分はまだ取得していません。' : `最終確認: ${instant('ja')(checkedAt, tz)}。`}`,
  blindSpot: () => '本人以外が Outlook Mobile から送信したメールは監査ログに記録されないため、ここには表示されません。',
  coverage: (gaps, tz) => `${ranges(gaps, tz, '、', 'ja')} の監査データは読み込まれていないため、その間の送信は表示されません。`,
  silence: () =>
    'この期間、テナント全体で SendAs / SendOnBehalf のイベントが 1 件も記録されていません。監査が無効、遅延、または故障している可能性があります。',
};

export const WARNING_WORDS: Readonly<Record<Language, WarningWords>> = { en, ja };

/** Words the explain answer adds to the classifier's reasons (categories come worded, as the card names them). */
export interface DetailWords {
  externalActor(actor: string, outside: boolean, externalAccess: boolean): string;
  reclassified(stored: string, now: string): string;
}

/** An engine caveat in the asker's language and zone. */
export function wordWarning(message: WarningMessage, language: Language, timeZone: string): string {
  const words = WARNING_WORDS[language];
  const settings = AUDIT_SETTINGS_WORDS[language];
  switch (message.code) {
    case 'known-incident':
      return words.knownIncident(message.incident, timeZone);
    case 'coverage':
      return words.coverage(message.gaps, timeZone);
    case 'provisional':
      return words.provisional(message.part, timeZone);
    case 'silence':
      return words.silence();
    case 'blind-spot':
      return words.blindSpot();
    case 'audit-not-in-delegate-actions':
      return settings.notInDelegateActions(message.mailbox, message.operations);
    case 'audit-organization-disabled':
      return settings.organizationAuditDisabled();
    case 'audit-not-checked':
      return settings.notChecked(message.mailboxes);
    case 'audit-unreadable':
      return settings.unreadable(message.mailbox, message.problem);
    case 'multi-geo':
      return settings.multiGeo();
    case 'worded':
      return message.text;
    default:
      return message satisfies never;
  }
}

/** One explain-card reason in the asker's language; `categoryName` words a verdict the way the card does. */
export function wordDetailReason(reason: DetailReason, language: Language, categoryName: (category: Category) => string): string {
  switch (reason.code) {
    case 'rule':
      return describeReason(reason.reason, language);
    case 'external-actor':
      return DETAIL_WORDS[language].externalActor(reason.actor, reason.outside, reason.externalAccess);
    case 'reclassified':
      return DETAIL_WORDS[language].reclassified(categoryName(reason.stored), categoryName(reason.now));
    default:
      return reason satisfies never;
  }
}

export const DETAIL_WORDS: Readonly<Record<Language, DetailWords>> = {
  en: {
    externalActor: (actor, outside, access) =>
      `External actor: ${actor}${outside ? ' is outside the tenant’s domains' : ''}${outside && access ? ', and' : ''}${access ? ' Exchange recorded ExternalAccess true' : ''}.`,
    reclassified: (stored, now) => `Stored as ${stored} when ingested; with what the directory and this mailbox's history say now, it is ${now}.`,
  },
  ja: {
    externalActor: (actor, outside, access) =>
      `外部のアクター：${actor}${outside ? ' はテナントのドメイン外です' : ''}${outside && access ? '。また、' : ''}${access ? 'Exchange は ExternalAccess を true と記録しています' : ''}。`,
    reclassified: (stored, now) => `取り込み時は ${stored} と判定されましたが、ディレクトリとこのメールボックスの履歴を踏まえた現在の判定は ${now} です。`,
  },
};
