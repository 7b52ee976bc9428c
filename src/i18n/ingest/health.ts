import type { AuditSettingsHealthLine, HealthLine } from '../../query/answer';
import type { Language } from '../reasons';
import { formatDated } from '../dates';
import type { AuditSettingsWords } from '../audit-settings';
import { AUDIT_SETTINGS_WORDS } from '../audit-settings';
import type { LineWords } from './status';
import { INGEST_STATUS_WORDS } from './status';
import { FEED_STATUS_WORDS } from './feed';

function auditSettingsLines(words: AuditSettingsWords): LineWords<AuditSettingsHealthLine> {
  return {
    'audit-settings-not-configured': () => words.healthNotConfigured(),
    'audit-organization-disabled': () => words.organizationAuditDisabled(),
    'audit-unrecorded': (line) => words.healthUnrecorded(line.mailbox, line.operations),
    'audit-unreadable': (line) => words.healthUnreadable(line.mailbox, line.problem),
    'audit-all-recorded': (line) => words.healthAllRecorded(line.checked),
    'audit-none-checked': () => words.healthNoneChecked(),
    'multi-geo': () => words.multiGeo(),
  };
}

const healthWords = (language: Language): LineWords<HealthLine> => ({
  ...INGEST_STATUS_WORDS[language],
  ...FEED_STATUS_WORDS[language],
  ...auditSettingsLines(AUDIT_SETTINGS_WORDS[language]),
});

/** Every "audit health" line's words, per language. */
export const HEALTH_WORDS: Readonly<Record<Language, LineWords<HealthLine>>> = { en: healthWords('en'), ja: healthWords('ja') };

/** One "audit health" line in the language, its instants in the asker's zone and the cards' date style. */
export function wordHealthLine(line: HealthLine, language: Language, timeZone: string): string {
  // The table is keyed by code, so the phrase for `line.code` takes this very line (TypeScript cannot follow the pairing).
  const phrase = HEALTH_WORDS[language][line.code] as (line: HealthLine, at: (iso: string) => string) => string;
  return phrase(line, (iso) => formatDated(iso, timeZone, language, 'instant'));
}

export function wordHealthLines(lines: readonly HealthLine[], language: Language, timeZone: string): string[] {
  return lines.map((line) => wordHealthLine(line, language, timeZone));
}
