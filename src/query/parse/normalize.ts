import { languageOf } from '../../i18n/reasons';
import type { Language } from '../../i18n/reasons';

/**
 * Text clean-up shared by every locale: what reaches a parser is NFKC-normalised, free of invisible
 * characters, and has its addresses and event ids set aside as tokens so no date or keyword pattern
 * can bite into them.
 */

/** Longest question the parsers look at; anything longer is not a question. */
export const MAX_QUESTION_LENGTH = 1000;

/**
 * Control, format (bidi marks, zero-width characters, BOM), private-use and lone surrogate code
 * points. Private use is removed as well because tokens below are written with it.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;

/** Wave dashes and tildes people type between two dates (〜 survives NFKC, ～ becomes ~). */
const WAVE_DASHES = /[\u301c\u3030\uff5e\u223c\u223e\u2053]/g;
/** Hyphens and dashes other than ASCII '-'; the katakana long vowel mark ー is left alone. */
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63]/g;
const QUOTES = /[\u2018\u2019\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201f\u2033]/g;

/** Teams wraps mentions as `<at>SendAs Watch</at>` and pasted text may carry a few inline tags. */
const MENTION = /<at>[^<]{0,200}<\/at>/gi;
const INLINE_TAG = /<\/?(?:a|at|b|i|u|em|strong|span|p|div|br|code|pre|s)(?:\s[^<>]{0,500})?\/?>/gi;

/**
 * Turns raw message text into what the parsers read: invisible characters gone, NFKC (full-width
 * letters and digits become ASCII, half-width katakana become full-width), one kind of dash and
 * tilde, whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\t\n\r\v\f\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(MENTION, ' ')
    .replace(INLINE_TAG, ' ')
    .replace(WAVE_DASHES, '~')
    .replace(DASHES, '-')
    .replace(QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Hiragana, katakana or kanji anywhere in the text. */
const JAPANESE_SCRIPT = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

export function hasJapaneseScript(text: string): boolean {
  return JAPANESE_SCRIPT.test(text);
}

/** The language to answer a question in: Japanese for a ja locale, and for a question in Japanese whatever the locale. */
export function questionLanguage(locale: string, text: string): Language {
  return languageOf(locale) === 'ja' || hasJapaneseScript(text) ? 'ja' : 'en';
}

/** What a token stands for: an e-mail address / UPN, or an audit record id (GUID). */
export type TokenKind = 'address' | 'event-id';

export interface Token {
  readonly kind: TokenKind;
  /** Canonical value: lower-cased, without `mailto:`, brackets or braces. */
  readonly value: string;
}

export interface ProtectedText {
  /** The text with every address and event id replaced by a token marker. */
  readonly text: string;
  readonly tokens: readonly Token[];
}

const TOKEN_OPEN = '\ue000';
const TOKEN_CLOSE = '\ue001';
const TOKEN_LETTER: Readonly<Record<TokenKind, string>> = { address: 'a', 'event-id': 'g' };

/** Regex source matching one event-id token marker. */
export const EVENT_ID_TOKEN = `${TOKEN_OPEN}g\\d+${TOKEN_CLOSE}`;

/** Local part and domain as Exchange allows them; apostrophes appear in real names (o'brien@). */
const ADDRESS = /(?:mailto:)?<?([a-z0-9][a-z0-9._%+'-]{0,63}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+)>?/gi;
const EVENT_ID = /(?<![0-9a-f-])\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?(?![0-9a-f-])/gi;

/** Replaces addresses, then event ids, with token markers so later patterns see them as one word. */
export function protectTokens(text: string): ProtectedText {
  const tokens: Token[] = [];
  const mark = (kind: TokenKind, value: string): string => {
    tokens.push({ kind, value: value.toLowerCase() });
    return ` ${TOKEN_OPEN}${TOKEN_LETTER[kind]}${tokens.length - 1}${TOKEN_CLOSE} `;
  };
  const withAddresses = text.replace(ADDRESS, (_whole, address: string) => mark('address', address));
  const withIds = withAddresses.replace(EVENT_ID, (_whole, id: string) => mark('event-id', id));
  return { text: withIds.replace(/\s+/g, ' ').trim(), tokens };
}

const TOKEN_MARKER = new RegExp(`${TOKEN_OPEN}([ag])(\\d+)${TOKEN_CLOSE}`, 'g');
const ONE_TOKEN = new RegExp(`^${TOKEN_OPEN}([ag])(\\d+)${TOKEN_CLOSE}$`);

/** The token a fragment consists of, or null when the fragment is anything else. */
export function tokenOf(fragment: string, tokens: readonly Token[]): Token | null {
  const match = ONE_TOKEN.exec(fragment.trim());
  if (match === null) return null;
  return tokens[Number(match[2])] ?? null;
}

/** Whether a fragment still contains a token marker (so it is not a plain name). */
export function containsToken(fragment: string): boolean {
  TOKEN_MARKER.lastIndex = 0;
  return TOKEN_MARKER.test(fragment);
}

/** Writes each token marker as `write(token)`. */
export function replaceTokens(text: string, tokens: readonly Token[], write: (token: Token) => string): string {
  return text.replace(TOKEN_MARKER, (whole, _kind: string, index: string) => {
    const token = tokens[Number(index)];
    return token === undefined ? whole : write(token);
  });
}

/** Puts the original values back, for suggestions built from what the user typed. */
export function restoreTokens(text: string, tokens: readonly Token[]): string {
  return replaceTokens(text, tokens, (token) => token.value);
}
