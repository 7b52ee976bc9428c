import type { Language } from '../reasons';
import { en } from './en';
import { ja } from './ja';
import type { CardStrings } from './types';

const catalogues: Readonly<Record<Language, CardStrings>> = { en, ja };

/** The card words for a language (see `languageOf` for picking it from a Teams locale). */
export function stringsFor(language: Language): CardStrings {
  return catalogues[language];
}

export { en, ja };
export type { CardStrings, DetailField, RangeWordsInput, SummaryInput, AnomalyWordsInput } from './types';
