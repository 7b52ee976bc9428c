import type { ClientFamily } from '../classify/clients';
import type { ReasonCode } from '../classify/reasons';
import { stringsFor } from './cards';
import type { CardStrings } from './cards';
import { DATE_PATTERNS } from './dates';
import { AUDIT_SETTINGS_WORDS } from './audit-settings';
import type { AuditSettingsWords } from './audit-settings';
import { HEALTH_WORDS } from './ingest/health';
import type { LineWords } from './ingest/status';
import type { HealthLine } from '../query/answer';
import { DETAIL_WORDS, WARNING_WORDS } from './query/warnings';
import type { DetailWords, WarningWords } from './query/warnings';
import { en as reasonsEn, ja as reasonsJa } from './reasons';
import type { Language } from './reasons';
import { CLIENT_FAMILY_LABELS } from './reasons/clients';
import { RIGHTS_MESSAGES } from './rights/messages';
import type { RightsMessages } from './rights/messages';

/**
 * Every user-facing word of one language. Each area keeps its words in its own file under src/i18n/
 * (cards, reasons, query warnings, rights, audit settings, ingestion status, dates); this is the one
 * place that says what a language must have, so a language lacking any string does not compile.
 */
export interface Catalogue {
  readonly cards: CardStrings;
  readonly reasons: Readonly<Record<ReasonCode, (params: Readonly<Record<string, string>>) => string>>;
  readonly clientFamilies: Readonly<Record<ClientFamily, string>>;
  readonly warnings: WarningWords;
  readonly details: DetailWords;
  readonly auditSettings: AuditSettingsWords;
  readonly rights: RightsMessages;
  readonly dates: (typeof DATE_PATTERNS)[Language];
  /** The "audit health" lines: ingestion, the Management Activity feed, audit settings. */
  readonly health: LineWords<HealthLine>;
}

const REASONS: Readonly<Record<Language, Catalogue['reasons']>> = { en: reasonsEn, ja: reasonsJa };

/** A language's words from every area's table; each table is typed per language, so none can lack one. */
function assemble(language: Language): Catalogue {
  return {
    cards: stringsFor(language),
    reasons: REASONS[language],
    clientFamilies: CLIENT_FAMILY_LABELS[language],
    warnings: WARNING_WORDS[language],
    details: DETAIL_WORDS[language],
    auditSettings: AUDIT_SETTINGS_WORDS[language],
    rights: RIGHTS_MESSAGES[language],
    dates: DATE_PATTERNS[language],
    health: HEALTH_WORDS[language],
  };
}

export const en: Catalogue = assemble('en');
export const ja: Catalogue = assemble('ja');

const catalogues: Readonly<Record<Language, Catalogue>> = { en, ja };

/** The words of a language (see `languageOf` for picking it from a Teams locale). */
export function catalogueFor(language: Language): Catalogue {
  return catalogues[language];
}

export type { Language } from './reasons';
export { languageOf } from './reasons';
