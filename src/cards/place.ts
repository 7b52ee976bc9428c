import type { Language } from '../i18n/reasons';
import type { Place } from '../places/place';
import type { Markdown } from './markdown';
import type { NoteView } from './models';
import { authored, escapeMarkdown, joinMarkdown } from './markdown';
import type { CardStrings } from '../i18n/cards';

/** Network names come from a public registry: free text, kept short. */
const MAX_NETWORK_NAME_LENGTH = 80;

const regionNames = new Map<Language, Intl.DisplayNames>();

/** A country's name in the card's language (ICU data ships with Node: no network call). */
export function countryName(code: string, language: Language): string {
  let names = regionNames.get(language);
  if (names === undefined) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    regionNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    // Not a region code Intl knows (the databases use a few of their own, such as "ZZ").
    return code;
  }
}

/** Country names for a comma-separated list of codes (an anomaly's facts), in the card's language. */
export function countryNames(codes: string, language: Language): string {
  const separator = language === 'ja' ? '、' : ', ';
  return codes
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '')
    .map((code) => countryName(code, language))
    .join(separator);
}

/** Whether the database placed this address (a country or a network): then its credit is due. */
export function placedByDatabase(place: Place | undefined): boolean {
  return place !== undefined && (place.country !== null || place.network !== null);
}

/** A card's notes, with the databases' credit last when the card shows what they placed. */
export function creditedNotes(notes: readonly NoteView[], showsPlaces: boolean, strings: CardStrings): NoteView[] {
  return showsPlaces ? [...notes, { text: strings.places.attribution }] : [...notes];
}

/** "Japan · AS2516 KDDI CORPORATION", "Microsoft network (Netherlands) · AS8075 …", or why there is no place. */
export function placeText(place: Place, language: Language, strings: CardStrings): Markdown {
  const words = strings.places;
  const country = place.country === null ? null : countryName(place.country, language);
  const network = place.network === null ? null : words.network(place.network.asn, escapeMarkdown(place.network.name, MAX_NETWORK_NAME_LENGTH));
  if (place.kind !== 'public' && place.kind !== 'microsoft') return authored(words.kinds[place.kind]);
  const where = place.kind === 'public' ? (country ?? words.countryUnknown) : words.microsoft(country);
  return joinMarkdown([authored(where), ...(network === null ? [] : [network])], ' · ');
}
