import type { Reason } from '../../classify/reasons';
import { en } from './en';
import { ja } from './ja';

export type Language = 'en' | 'ja';

const catalogues = { en, ja } as const;

/** Picks the card language from a Teams locale (`ja-JP` → ja); everything else reads English. */
export function languageOf(locale: string | undefined | null): Language {
  return locale !== undefined && locale !== null && locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function describeReason(reason: Reason, language: Language = 'en'): string {
  return catalogues[language][reason.code](reason.params);
}

export { en, ja };
export { clientFamilyLabel } from './clients';
