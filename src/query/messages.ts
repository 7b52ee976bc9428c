import type { AuditIncident } from '../classify/incidents';
import type { Language } from '../classify/messages';
import { formatDated, formatDatedSpan } from './format';

/** Words for the engine's warnings; the cards add their own labels around them. */
export interface WarningWords {
  knownIncident(incident: AuditIncident, timeZone: string): string;
  freshness(newest: string | null, timeZone: string): string;
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
  freshness: (newest, tz) =>
    newest === null
      ? 'No events have been loaded yet, and Exchange delivers audit events up to 24 hours late.'
      : `Exchange delivers audit events up to 24 hours late: the newest event loaded is from ${instant('en')(newest, tz)}, and later ones may still arrive.`,
  blindSpot: () => 'Delegate sends made from Outlook Mobile are not recorded in the audit log, so they cannot appear here.',
  coverage: (gaps, tz) => `No audit data has been loaded for ${ranges(gaps, tz, ', ', 'en')}; activity in that time is not shown.`,
  silence: () =>
    'Not a single SendAs or SendOnBehalf event was recorded in this range across the whole tenant: auditing may be off, delayed or broken.',
};

const ja: WarningWords = {
  knownIncident: (incident, tz) =>
    `${incident.id}：${day('ja')(incident.from, tz)}〜${lastDay(incident, tz, 'ja')} は${incident.titleJa}期間です。` +
    `${incident.recoverable ? '' : 'データは復元できません。'}この期間にイベントがないことは、送信がなかった証拠になりません。`,
  freshness: (newest, tz) =>
    newest === null
      ? 'まだイベントが読み込まれていません。Exchange の監査イベントは最大 24 時間遅れて届きます。'
      : `Exchange の監査イベントは最大 24 時間遅れて届きます。読み込み済みの最新イベントは ${instant('ja')(newest, tz)} で、これより後のイベントはまだ届く可能性があります。`,
  blindSpot: () => '本人以外が Outlook Mobile から送信したメールは監査ログに記録されないため、ここには表示されません。',
  coverage: (gaps, tz) => `${ranges(gaps, tz, '、', 'ja')} の監査データは読み込まれていないため、その間の送信は表示されません。`,
  silence: () =>
    'この期間、テナント全体で SendAs / SendOnBehalf のイベントが 1 件も記録されていません。監査が無効、遅延、または故障している可能性があります。',
};

export const WARNING_WORDS: Readonly<Record<Language, WarningWords>> = { en, ja };
