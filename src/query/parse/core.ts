import type { Language } from '../../i18n/reasons';
import type { Intent, SubjectRef, TenantIntent } from '../query';
import type { Token } from './normalize';
import type { DateRef, DayRef, RangeSpec } from './range';
import { readSubject } from './subject';

/**
 * The parser pipeline, after wanasit/chrono: each locale is an ordered list of small parsers over
 * this shared core. Range parsers find a time range anywhere in the question and cut it out; intent
 * parsers then match what is left, anchored, so a question is understood whole or not at all.
 */

/** What a range parser saw: a range, or a range-shaped phrase that cannot be meant (Feb 30). */
export type RangeOutcome = RangeSpec | 'invalid';

export interface RangeContext {
  /** The Teams locale, for the one choice a locale decides: how to read 2/3/2022. */
  readonly locale: string;
}

export interface RangeParser {
  readonly name: string;
  /** Searched anywhere in the question; must not be global (exec is stateless). */
  readonly pattern: RegExp;
  extract(match: RegExpExecArray, context: RangeContext): RangeOutcome;
}

/** What an intent parser recognised, before a range is attached. */
export type IntentMatch =
  | { readonly intent: 'who-sent-as' | 'who-sent-on-behalf'; readonly subject: SubjectRef }
  | { readonly intent: 'what-did-send-as'; readonly actor: SubjectRef }
  | { readonly intent: 'explain'; readonly eventId: string }
  | { readonly intent: 'anomalies' | 'health' }
  | { readonly intent: TenantIntent; readonly limit?: number }
  | { readonly intent: 'subscribe' | 'unsubscribe' | 'help' };

export interface IntentParser {
  readonly intent: Intent;
  /** Anchored (^…$) and tried against the question once its range and pleasantries are gone. */
  readonly pattern: RegExp;
  /** Null when a captured subject turns out not to be one, so the next parser may try. */
  extract(match: RegExpExecArray, tokens: readonly Token[]): IntentMatch | null;
}

export interface LocaleConfiguration {
  readonly language: Language;
  /** Spelling the locale's patterns rely on (kana to kanji for casual date words). */
  readonly prepare: (text: string) => string;
  /** Ordered: the first parser that matches takes its phrase out of the question. */
  readonly rangeParsers: readonly RangeParser[];
  /** Removes politeness and filler around what is left once the range is out. */
  readonly tidy: (text: string) => string;
  /** Ordered: more specific shapes first ("の代理として" before "として"). */
  readonly intentParsers: readonly IntentParser[];
}

export interface LocaleMatch {
  readonly match: IntentMatch;
  /** Undefined when the question named no range. */
  readonly range: RangeOutcome | undefined;
}

interface RangeExtraction {
  readonly range: RangeOutcome | undefined;
  readonly rest: string;
  /** The range as typed ("last Friday", 先週末に), for a suggestion that keeps it. */
  readonly phrase?: string;
}

function findRange(parsers: readonly RangeParser[], text: string): { parser: RangeParser; match: RegExpExecArray } | null {
  for (const parser of parsers) {
    const match = parser.pattern.exec(text);
    if (match !== null) return { parser, match };
  }
  return null;
}

/** Cuts out the question's range phrase; a second one makes the range ambiguous, hence invalid. */
export function extractRange(parsers: readonly RangeParser[], text: string, context: RangeContext): RangeExtraction {
  const found = findRange(parsers, text);
  if (found === null) return { range: undefined, rest: text };
  const { parser, match } = found;
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`.replace(/\s+/g, ' ').trim();
  if (findRange(parsers, rest) !== null) return { range: 'invalid', rest };
  return { range: parser.extract(match, context), rest, phrase: match[0] };
}

/** Runs one locale over a prepared question; null when none of its intent parsers understands it. */
export function runLocale(
  configuration: LocaleConfiguration,
  text: string,
  tokens: readonly Token[],
  context: RangeContext,
): LocaleMatch | null {
  const { range, rest } = extractRange(configuration.rangeParsers, configuration.prepare(text), context);
  const question = configuration.tidy(rest);
  for (const parser of configuration.intentParsers) {
    const match = parser.pattern.exec(question);
    if (match === null) continue;
    const recognised = parser.extract(match, tokens);
    if (recognised !== null) return { match: recognised, range };
  }
  return null;
}

/** Compiles a pattern written as readable pieces, case-insensitive and Unicode-aware. */
export function pattern(...pieces: readonly string[]): RegExp {
  return new RegExp(pieces.join(''), 'iu');
}

/** An intent with nothing to capture ("anomalies", "ヘルプ"). */
export function keywordParser(
  intent: 'anomalies' | 'health' | 'subscribe' | 'unsubscribe' | 'help',
  regex: RegExp,
): IntentParser {
  return { intent, pattern: regex, extract: () => ({ intent }) };
}

/** Most rows a "top N" question may ask for: a card lists and charts them all. */
const MAX_TOP = 50;

/**
 * A tenant-wide question ("top delegates", 外部の送信者); the N of "top 5 delegates", when captured
 * in the `top` group, limits the answer. An N of 0 or over {@link MAX_TOP} is no question we answer.
 */
export function tenantParser(intent: TenantIntent, regex: RegExp): IntentParser {
  return {
    intent,
    pattern: regex,
    extract: (match) => {
      const top = match.groups?.top;
      if (top === undefined) return { intent };
      const limit = Number(top);
      return Number.isInteger(limit) && limit >= 1 && limit <= MAX_TOP ? { intent, limit } : null;
    },
  };
}

/** An intent naming the mailbox sent as, captured in the `subject` group. */
export function subjectParser(intent: 'who-sent-as' | 'who-sent-on-behalf', regex: RegExp): IntentParser {
  return {
    intent,
    pattern: regex,
    extract: (match, tokens) => {
      const subject = readSubject(match.groups?.subject ?? '', tokens);
      return subject === null ? null : { intent, subject };
    },
  };
}

/** "What did Y send as": the sender, captured in the `actor` group. */
export function actorParser(regex: RegExp): IntentParser {
  return {
    intent: 'what-did-send-as',
    pattern: regex,
    extract: (match, tokens) => {
      const actor = readSubject(match.groups?.actor ?? '', tokens);
      return actor === null ? null : { intent: 'what-did-send-as', actor };
    },
  };
}

/** "Explain EVENT_ID": the id token captured in the `id` group. */
export function eventParser(regex: RegExp): IntentParser {
  return {
    intent: 'explain',
    pattern: regex,
    extract: (match, tokens) => {
      const id = /\d+/.exec(match.groups?.id ?? '');
      const token = id === null ? undefined : tokens[Number(id[0])];
      return token?.kind === 'event-id' ? { intent: 'explain', eventId: token.value } : null;
    },
  };
}

/** Shared "what comes before / after a range phrase" guards: not inside a word or number. */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])';
export const NOT_AFTER_DIGIT = '(?<![\\p{N}])';
export const NOT_BEFORE_DIGIT = '(?![\\p{N}])';

/** Year-first numeric dates every locale writes: 2022-02-01, 2022/2/1, 2022.02.01. */
export const YEAR_FIRST_DATE = '\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}';

export function readYearFirstDate(text: string): DateRef | 'invalid' | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (match === null) return null;
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * A day as stated, checked only for shape here (month 1-12, day 1-31); whether it exists in its
 * year and lies within sane years is decided when the range is resolved.
 */
export function calendarDate(year: number | undefined, month: number, day: number): DateRef | 'invalid' {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 'invalid';
  if (!Number.isInteger(day) || day < 1 || day > 31) return 'invalid';
  return year === undefined ? { month, day } : { year, month, day };
}

type ReadDate = DayRef | 'invalid' | null;

/** A range built from one read date; invalid when the date is. */
export function fromDate(date: ReadDate, build: (date: DayRef) => RangeSpec): RangeOutcome {
  return date === null || date === 'invalid' ? 'invalid' : build(date);
}

/**
 * The end of a span written without its month ("March 2 to 9", 3月2日～9日): that day in the start's
 * month and year.
 */
export function sameMonthDay(start: ReadDate, day: number): ReadDate {
  if (start === null || start === 'invalid' || !('month' in start)) return 'invalid';
  return calendarDate(start.year, start.month, day);
}

/** A range built from two read dates; invalid when either is. */
export function fromDates(first: ReadDate, second: ReadDate, build: (first: DayRef, second: DayRef) => RangeSpec): RangeOutcome {
  if (first === null || first === 'invalid' || second === null || second === 'invalid') return 'invalid';
  return build(first, second);
}
