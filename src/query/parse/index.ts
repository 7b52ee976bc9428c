import { languageOf } from '../../i18n/reasons';
import type { Language } from '../../i18n/reasons';
import type { Assumption, ParseContext, ParseResult, Query, QueryRange, TenantIntent } from '../query';
import { extractRange, runLocale } from './core';
import type { IntentMatch, LocaleConfiguration, LocaleMatch, RangeOutcome } from './core';
import { english } from './en';
import { japanese } from './ja';
import { MAX_QUESTION_LENGTH, hasJapaneseScript, normalizeText, protectTokens, tokenOf } from './normalize';
import type { ProtectedText } from './normalize';
import { defaultRange, resolveRange } from './range';
import { usableZone } from '../../i18n/dates';
import { correctSpelling } from './spelling';
import { suggestQuestion } from './suggest';

export { EXAMPLE_QUESTIONS } from './examples';
export { MAX_QUESTION_LENGTH } from './normalize';
export { parseRightsQuestion } from './rights';

/**
 * Raw text longer than this is refused before any normalisation or pattern runs; the margin over
 * {@link MAX_QUESTION_LENGTH} leaves room for the invisible characters normalisation removes.
 */
const RAW_LENGTH_LIMIT = MAX_QUESTION_LENGTH * 4;

/**
 * Each locale also reads the other's range words after its own, so a mixed question works
 * ("last week finance として送信したのは誰", "who sent as finance 先月").
 */
function withOtherRanges(locale: LocaleConfiguration, other: LocaleConfiguration): LocaleConfiguration {
  return { ...locale, rangeParsers: [...locale.rangeParsers, ...other.rangeParsers] };
}
const ENGLISH_FIRST: readonly LocaleConfiguration[] = [withOtherRanges(english, japanese), withOtherRanges(japanese, english)];
const JAPANESE_FIRST: readonly LocaleConfiguration[] = [...ENGLISH_FIRST].reverse();

type RangedIntent = 'who-sent-as' | 'who-sent-on-behalf' | 'what-did-send-as' | 'anomalies' | 'health' | TenantIntent;

function needsRange(match: IntentMatch): match is Extract<IntentMatch, { intent: RangedIntent }> {
  switch (match.intent) {
    case 'who-sent-as':
    case 'who-sent-on-behalf':
    case 'what-did-send-as':
    case 'anomalies':
    case 'health':
    case 'top-delegates':
    case 'top-mailboxes':
    case 'external-senders':
    case 'new-delegates':
      return true;
    case 'explain':
    case 'subscribe':
    case 'unsubscribe':
    case 'help':
      return false;
    default:
      return match satisfies never;
  }
}

function withRange(match: Extract<IntentMatch, { intent: RangedIntent }>, range: QueryRange): Query {
  switch (match.intent) {
    case 'who-sent-as':
    case 'who-sent-on-behalf':
      return { intent: match.intent, subject: match.subject, range };
    case 'what-did-send-as':
      return { intent: match.intent, actor: match.actor, range };
    case 'anomalies':
    case 'health':
      return { intent: match.intent, range };
    case 'top-delegates':
    case 'top-mailboxes':
    case 'external-senders':
    case 'new-delegates':
      return { intent: match.intent, range, ...(match.limit === undefined ? {} : { limit: match.limit }) };
    default:
      return match satisfies never;
  }
}

function parsed(query: Query, assumed: readonly Assumption[], language: Language): ParseResult {
  return { kind: 'parsed', query, assumed, language };
}

interface Situation {
  readonly question: ProtectedText;
  readonly context: ParseContext;
  readonly timeZone: string;
  /** The language the question is written in: Japanese when it has Japanese script. */
  readonly questionLanguage: Language;
  /** The language to answer a question we could not read. */
  readonly answerLanguage: Language;
}

/**
 * The range a question states, as typed, when it is one that can be read: a suggestion keeps it (an
 * impossible one, "Feb 30", is left for the suggestion's default).
 */
function statedRange(situation: Situation): { readonly phrase: string; readonly rest: string } | null {
  const locale = situation.questionLanguage === 'ja' ? JAPANESE_FIRST[0] : ENGLISH_FIRST[0];
  if (locale === undefined) return null;
  const { question, context, timeZone } = situation;
  const found = extractRange(locale.rangeParsers, locale.prepare(question.text), { locale: context.locale });
  if (found.phrase === undefined || found.range === undefined || readRange(found.range, context.now, timeZone) === null) return null;
  return { phrase: found.phrase.replace(/[\s、,]*(?:に|の|は|で)?[\s、,]*$/u, ''), rest: found.rest };
}

function notUnderstood(situation: Situation, recognised?: IntentMatch): ParseResult {
  const { question, questionLanguage, answerLanguage } = situation;
  if (recognised !== undefined) {
    return { kind: 'not-understood', suggestion: suggestQuestion({ question, questionLanguage, answerLanguage, recognised }), language: answerLanguage };
  }
  const range = statedRange(situation);
  const withoutRange = range === null ? question : { ...question, text: range.rest };
  return {
    kind: 'not-understood',
    suggestion: suggestQuestion({ question: withoutRange, questionLanguage, answerLanguage, ...(range === null ? {} : { range: range.phrase }) }),
    language: answerLanguage,
  };
}

/** Turns what a locale recognised into the final result, resolving (or assuming) its range. */
function complete(found: LocaleMatch, language: Language, situation: Situation): ParseResult {
  const { match } = found;
  if (!needsRange(match)) {
    if (match.intent === 'explain') return parsed({ intent: 'explain', eventId: match.eventId }, [], language);
    return parsed({ intent: match.intent }, [], language);
  }
  const { now } = situation.context;
  if (found.range === undefined) return parsed(withRange(match, defaultRange(now, situation.timeZone)), ['range'], language);
  const range = readRange(found.range, now, situation.timeZone);
  if (range === null) return notUnderstood(situation, match);
  return parsed(withRange(match, range), [], language);
}

function readRange(outcome: RangeOutcome, now: Date, timeZone: string): QueryRange | null {
  return outcome === 'invalid' ? null : resolveRange(outcome, now, timeZone);
}

/** Questions that mean the same in any language: "?" and a bare event id. */
function languageNeutral(situation: Situation): ParseResult | null {
  const { question, answerLanguage } = situation;
  if (/^\?+$/.test(question.text)) return parsed({ intent: 'help' }, [], answerLanguage);
  const token = tokenOf(question.text, question.tokens);
  if (token?.kind === 'event-id') return parsed({ intent: 'explain', eventId: token.value }, [], answerLanguage);
  return null;
}

/**
 * Reads an admin's chat message as a {@link Query}.
 *
 * Every relative word is read against `context.now` in `context.timeZone` (UTC when the zone is not a
 * valid IANA name). A question without a range gets the last 7 days and says so in `assumed`.
 * Anything not understood, including over-long or empty text and impossible dates, comes back as
 * `not-understood` with the closest supported question written out; the function never throws on
 * any text. An invalid `context.now` is a programming error and throws a RangeError.
 *
 * @example
 * parseQuestion('who sent as finance@contoso.com last week', { now, timeZone: 'Asia/Tokyo', locale: 'ja-JP' })
 * // → { kind: 'parsed', query: { intent: 'who-sent-as', subject: { text: 'finance@contoso.com', kind: 'address' }, range }, … }
 */
export function parseQuestion(text: string, context: ParseContext): ParseResult {
  if (Number.isNaN(context.now.getTime())) throw new RangeError('parseQuestion needs a valid context.now');
  const localeLanguage = languageOf(context.locale);
  const tooLong = (): ParseResult => ({
    kind: 'not-understood',
    suggestion: suggestQuestion({ question: null, questionLanguage: localeLanguage, answerLanguage: localeLanguage }),
    language: localeLanguage,
  });
  if (typeof text !== 'string' || text.length > RAW_LENGTH_LIMIT) return tooLong();
  const normalized = normalizeText(text);
  if (normalized.length > MAX_QUESTION_LENGTH) return tooLong();

  const questionLanguage: Language = hasJapaneseScript(normalized) ? 'ja' : 'en';
  const situation: Situation = {
    question: protectTokens(normalized),
    context,
    timeZone: usableZone(context.timeZone),
    questionLanguage,
    answerLanguage: questionLanguage === 'ja' ? 'ja' : localeLanguage,
  };

  const neutral = languageNeutral(situation);
  if (neutral !== null) return neutral;

  const asTyped = understand(situation.question.text, situation);
  const corrected = correctSpelling(situation.question.text);
  if (corrected === situation.question.text) return asTyped ?? notUnderstood(situation);
  const respelled = understand(corrected, situation);
  return preferred(asTyped, respelled, normalized) ?? notUnderstood(situation);
}

/** The first locale's reading of a question, or null when none understands it. */
function understand(text: string, situation: Situation): ParseResult | null {
  const locales = situation.questionLanguage === 'ja' ? JAPANESE_FIRST : ENGLISH_FIRST;
  for (const locale of locales) {
    const found = runLocale(locale, text, situation.question.tokens, { locale: situation.context.locale });
    if (found !== null) return complete(found, locale.language, situation);
  }
  return null;
}

/** Whether `words` stand in `text` as whole words ("august" does not stand in "augusta"). */
function containsWords(text: string, words: string): boolean {
  const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** The names a reading took from the question, which spelling correction must leave as typed. */
function namesIn(result: ParseResult): string[] {
  if (result.kind !== 'parsed') return [];
  const { query } = result;
  if ('subject' in query) return [query.subject.text];
  if ('actor' in query) return [query.actor.text];
  return [];
}

/**
 * The reading as typed, unless correcting a slipped keyword reads the question better: it is understood
 * only once corrected, or correcting turns a word glued to a name into a range ("finance yesterdy").
 * A corrected reading that changed a name is never taken: names are the asker's, typos and all.
 */
function preferred(asTyped: ParseResult | null, respelled: ParseResult | null, text: string): ParseResult | null {
  if (respelled?.kind !== 'parsed') return asTyped;
  const keepsNames = namesIn(respelled).every((name) => containsWords(text, name));
  if (!keepsNames) return asTyped;
  if (asTyped?.kind !== 'parsed') return respelled;
  return asTyped.assumed.includes('range') && !respelled.assumed.includes('range') ? respelled : asTyped;
}
