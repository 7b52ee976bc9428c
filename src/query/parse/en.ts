import {
  NOT_AFTER_WORD,
  NOT_BEFORE_WORD,
  YEAR_FIRST_DATE,
  actorParser,
  calendarDate,
  fromDate,
  fromDates,
  eventParser,
  keywordParser,
  pattern,
  readYearFirstDate,
  sameMonthDay,
  subjectParser,
  tenantParser,
} from './core';
import type { IntentParser, LocaleConfiguration, RangeContext, RangeOutcome, RangeParser } from './core';
import { EVENT_ID_TOKEN } from './normalize';
import type { CalendarRangeKind, DateRef, DayRef } from './range';

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const MONTH_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const YEAR = '\\d{4}';
const SLASH_DATE = '\\d{1,2}/\\d{1,2}/\\d{4}';
/** Every way of writing one day that the English parsers read. */
const DATE = `(?:${YEAR_FIRST_DATE}|${SLASH_DATE}|${MONTH_NAME}\\s+${DAY}(?:,?\\s+${YEAR})?|${DAY}\\s+(?:of\\s+)?${MONTH_NAME}(?:,?\\s+${YEAR})?)`;
/** 3/2 without a year: only after a word that says a date follows ("on 3/2", "since 3/2"). */
const SHORT_SLASH_DATE = '\\d{1,2}/\\d{1,2}(?!/?\\d)';
const WEEKDAY_NAME = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
/** Short weekday names only after "on", "since", "last": "sat" and "sun" alone are other words. */
const WEEKDAY_SHORT = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\.?';
const WEEKDAY = `(?:(?:last|previous)\\s+)?(?:${WEEKDAY_NAME}|${WEEKDAY_SHORT})`;
/** A day after a word that announces one: a date, a short date or a weekday. */
const DAY_AFTER_CUE = `(?:${DATE}|${SHORT_SLASH_DATE}|${WEEKDAY})`;
/** The second day of a span written without its month: "March 2 to 9". */
const BARE_DAY = '(\\d{1,2})(?:st|nd|rd|th)?';

function monthNumber(name: string): number {
  return MONTH_ABBREVIATIONS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Locales that write the month first in 2/3/2022. */
const MONTH_FIRST_LOCALES = /^(?:en|es)-us$/i;

/**
 * A/B/YYYY is read as whichever order is possible when only one is (13/2/2022, 2/13/2022, 2/2/2022).
 * When both are, it is month-first for en-US askers and refused for everyone else: a wrong guess
 * would answer about the wrong month without saying so.
 */
function readSlashDate(first: number, second: number, year: number | undefined, context: RangeContext): DateRef | 'invalid' {
  if (first > 12 && second <= 12) return calendarDate(year, second, first);
  if (second > 12 && first <= 12) return calendarDate(year, first, second);
  if (first === second || MONTH_FIRST_LOCALES.test(context.locale)) return calendarDate(year, first, second);
  return 'invalid';
}

const MONTH_FIRST_DATE = new RegExp(`^(${MONTH_NAME})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(${YEAR}))?$`, 'i');
const DAY_FIRST_DATE = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_NAME})(?:,?\\s+(${YEAR}))?$`, 'i');

const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = { mo: 1, tu: 2, we: 3, th: 4, fr: 5, sa: 6, su: 7 };

/** "Monday", "last Fri": the weekday; "last" names that day of last week. */
function readWeekday(text: string): DayRef | null {
  const match = new RegExp(`^(?:(last|previous)\\s+)?(${WEEKDAY_NAME}|${WEEKDAY_SHORT})$`, 'i').exec(text.trim());
  const weekday = WEEKDAY_NUMBERS[(match?.[2] ?? '').slice(0, 2).toLowerCase()];
  return match === null || weekday === undefined ? null : { weekday, lastWeek: match[1] !== undefined };
}

function readDay(text: string, context: RangeContext): DayRef | 'invalid' | null {
  const short = /^(\d{1,2})\/(\d{1,2})$/.exec(text.trim());
  if (short !== null) return readSlashDate(Number(short[1]), Number(short[2]), undefined, context);
  return readWeekday(text) ?? readDate(text, context);
}

function readDate(text: string, context: RangeContext): DateRef | 'invalid' | null {
  const yearFirst = readYearFirstDate(text);
  if (yearFirst !== null) return yearFirst;
  const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (slash !== null) return readSlashDate(Number(slash[1]), Number(slash[2]), Number(slash[3]), context);
  const monthFirst = MONTH_FIRST_DATE.exec(text);
  if (monthFirst !== null) {
    const year = monthFirst[3] === undefined ? undefined : Number(monthFirst[3]);
    return calendarDate(year, monthNumber(monthFirst[1] ?? ''), Number(monthFirst[2]));
  }
  const dayFirst = DAY_FIRST_DATE.exec(text);
  if (dayFirst !== null) {
    const year = dayFirst[3] === undefined ? undefined : Number(dayFirst[3]);
    return calendarDate(year, monthNumber(dayFirst[2] ?? ''), Number(dayFirst[1]));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------------------------

/** Prepositions that may lead a relative range: "in the last 24 hours", "over the past week". */
const LEAD = '(?:(?:in|during|for|over|within|from|of|at)\\s+)?(?:the\\s+)?';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};
const NUMBER = `(\\d+|${Object.keys(NUMBER_WORDS).join('|')})`;

function numberValue(text: string): number {
  return NUMBER_WORDS[text.toLowerCase()] ?? Number(text);
}

function range(name: string, source: string, extract: RangeParser['extract']): RangeParser {
  return { name, pattern: pattern(NOT_AFTER_WORD, source, NOT_BEFORE_WORD), extract };
}

function fixed(spec: RangeOutcome): RangeParser['extract'] {
  return () => spec;
}

/** Days in a stated unit; months count as 30 days, as "last 3 months" means roughly 90. */
const DAYS_PER_UNIT: Readonly<Record<string, number>> = { d: 1, day: 1, w: 7, week: 7, fortnight: 14, month: 30 };

function unitOf(text: string): string {
  const unit = text.toLowerCase().replace(/s$/, '');
  if (unit === 'hr' || unit === 'h' || unit === 'hour') return 'hour';
  if (unit === 'wk') return 'week';
  return unit;
}

function lastAmount(amount: number, unitText: string): RangeOutcome {
  const unit = unitOf(unitText);
  if (unit === 'hour') return { kind: 'last-hours', amount };
  const days = DAYS_PER_UNIT[unit];
  return days === undefined ? 'invalid' : { kind: 'last-days', amount: amount * days };
}

function calendarWord(text: string): CalendarRangeKind {
  const words = text.toLowerCase().split(/\s+/);
  if (words[0] === 'today' || words[0] === 'yesterday') return words[0];
  const period = words[1] === 'month' ? 'month' : 'week';
  // "Since the start of the month" is this month's.
  return words[0] === 'last' ? `last-${period}` : `this-${period}`;
}

const rangeParsers: readonly RangeParser[] = [
  range(
    'between',
    `(?:between|from)\\s+(${DAY_AFTER_CUE})\\s*(?:and|to|until|till|through|thru|-|~)\\s*(?:(${DAY_AFTER_CUE})|${BARE_DAY})`,
    (match, context) => {
      const from = readDay(match[1] ?? '', context);
      const to = match[2] === undefined ? sameMonthDay(from, Number(match[3])) : readDay(match[2], context);
      return fromDates(from, to, (first, second) => ({ kind: 'between', from: first, to: second }));
    },
  ),
  range('since-date', `(?:since|from|starting(?:\\s+(?:on|from))?|as\\s+of)\\s+(${DAY_AFTER_CUE})`, (match, context) =>
    fromDate(readDay(match[1] ?? '', context), (date) => ({ kind: 'since', date })),
  ),
  range('since-month', `(?:since|from|starting(?:\\s+in)?)\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?(${MONTH_NAME})(?:,?\\s+(${YEAR}))?`, (match) =>
    fromDate(calendarDate(match[2] === undefined ? undefined : Number(match[2]), monthNumber(match[1] ?? ''), 1), (date) => ({
      kind: 'since',
      date,
    })),
  ),
  // "From last week" is last week itself (the calendar parsers below read it); "since" runs to now.
  range('since-relative', `(?:since|starting)\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?(yesterday|today|(?:this|last|the)\\s+(?:week|month))`, (match) => ({
    kind: 'since-start-of',
    of: calendarWord(match[1] ?? ''),
  })),
  range('on-short-date', `on\\s+(?:the\\s+)?(${SHORT_SLASH_DATE}|${WEEKDAY})`, (match, context) =>
    fromDate(readDay(match[1] ?? '', context), (date) => ({ kind: 'on', date })),
  ),
  range('weekday', `(?:(?:last|previous)\\s+)?${WEEKDAY_NAME}`, (match, context) =>
    fromDate(readDay(match[0], context), (date) => ({ kind: 'on', date })),
  ),
  range('last-short-weekday', `(?:last|previous)\\s+${WEEKDAY_SHORT}`, (match, context) =>
    fromDate(readDay(match[0], context), (date) => ({ kind: 'on', date })),
  ),
  range('on-date', `(?:on\\s+(?:the\\s+)?)?(${DATE})`, (match, context) =>
    fromDate(readDate(match[1] ?? '', context), (date) => ({ kind: 'on', date })),
  ),
  range('in-month', `(?:in|during|for|throughout|over)\\s+(?:the\\s+month\\s+of\\s+)?(${MONTH_NAME})(?:,?\\s+(${YEAR}))?`, (match) => ({
    kind: 'in-month',
    month: monthNumber(match[1] ?? ''),
    ...(match[2] === undefined ? {} : { year: Number(match[2]) }),
  })),
  // Without "in", a bare month needs its year: "may" alone is too common a word.
  range('month-year', `(${MONTH_NAME}),?\\s+(${YEAR})`, (match) => ({
    kind: 'in-month',
    month: monthNumber(match[1] ?? ''),
    year: Number(match[2]),
  })),
  range('iso-month', `(?:(?:in|during)\\s+)?(\\d{4})-(\\d{2})`, (match) => {
    const month = Number(match[2]);
    return month >= 1 && month <= 12 ? { kind: 'in-month', month, year: Number(match[1]) } : 'invalid';
  }),
  range('days-ago', `(?:on\\s+)?${NUMBER}\\s+days?\\s+ago`, (match) => fromDate({ daysAgo: numberValue(match[1] ?? '') }, (date) => ({ kind: 'on', date }))),
  range('day-before-yesterday', `(?:on\\s+)?(?:the\\s+)?day\\s+before\\s+yesterday`, fixed({ kind: 'on', date: { daysAgo: 2 } })),
  range('weekend', `(?:(?:over|during|on|at|for|in|from)\\s+)?(?:the\\s+)?(?:(last|previous|this\\s+past|past|this)\\s+)?weekend`, (match) => ({
    kind: 'weekend',
    lastWeek: /^(?:last|previous)$/i.test(match[1] ?? ''),
  })),
  range('last-amount', `${LEAD}(?:last|past|previous|prior|recent)\\s+${NUMBER}\\s*(days?|d|hours?|hrs?|h|weeks?|wks?|w|fortnights?|months?)`, (match) =>
    lastAmount(numberValue(match[1] ?? ''), match[2] ?? ''),
  ),
  range('last-unit', `${LEAD}(?:past|last)\\s+(hour|day)`, (match) =>
    /^hour$/i.test(match[1] ?? '') ? { kind: 'last-hours', amount: 1 } : { kind: 'last-hours', amount: 24 },
  ),
  range('past-week', `${LEAD}past\\s+(week|fortnight|month)`, (match) => lastAmount(1, match[1] ?? '')),
  range('last-fortnight', `${LEAD}last\\s+fortnight`, fixed({ kind: 'last-days', amount: 14 })),
  // "Lately" is as far back as an unstated range: the last 7 days, but said.
  range('lately', `(?:lately|recently|of\\s+late|in\\s+recent\\s+days)`, fixed({ kind: 'last-days', amount: 7 })),
  // "In the last week" is the seven days back from now; "last week" alone is the calendar week before this one.
  range('the-last-week', `(?:(?:in|during|for|over|within)\\s+)?the\\s+(?:last|past)\\s+(week|month)`, (match) => lastAmount(1, match[1] ?? '')),
  range('today', `(?:(?:so\\s+far\\s+)?today|(?:for|from|of)\\s+today)`, fixed({ kind: 'today' })),
  range('yesterday', `(?:(?:for|from|of|on)\\s+)?yesterday`, fixed({ kind: 'yesterday' })),
  range('this-week', `${LEAD}(?:this|current)\\s+week(?:\\s+so\\s+far)?`, fixed({ kind: 'this-week' })),
  range('last-week', `${LEAD}(?:last|previous|prior)\\s+week`, fixed({ kind: 'last-week' })),
  range('this-month', `${LEAD}(?:this|current)\\s+month(?:\\s+so\\s+far)?`, fixed({ kind: 'this-month' })),
  range('last-month', `${LEAD}(?:last|previous|prior)\\s+month`, fixed({ kind: 'last-month' })),
  range('this-year', `${LEAD}(?:this|current)\\s+year(?:\\s+so\\s+far)?`, fixed({ kind: 'year', offset: 0 })),
  range('last-year', `${LEAD}(?:last|previous|prior)\\s+year`, fixed({ kind: 'year', offset: 1 })),
];

// ---------------------------------------------------------------------------------------------
// Pleasantries
// ---------------------------------------------------------------------------------------------

const TIDY_STEPS: readonly (readonly [RegExp, string])[] = [
  [/\(\s*\)|\[\s*\]/g, ' '],
  [/^[\s,;:.!-]+/, ''],
  [/[\s,;:.!?-]+$/, ''],
  [/^(?:hey|hi|hello|ok|okay|so|yo)[,!.]?\s+(?=\S)(?!there$)/i, ''],
  [/^(?:please|pls|plz|kindly)\s+/i, ''],
  [/^(?:can|could|would|will)\s+you\s+(?:please\s+)?/i, ''],
  [/^(?:tell\s+me|show\s+me|let\s+me\s+know|i(?:\s+want|\s+would\s+like|\s*'d\s+like)\s+to\s+(?:know|see)|do\s+you\s+know|find\s+out|give\s+me|list|check)\s+(?=\S)/i, ''],
  [/\s+(?:please|pls|plz|thanks|thank\s+you|thx)$/i, ''],
  [/\s+/g, ' '],
];

/** Peels pleasantries until nothing changes ("hi, can you please tell me … ? thanks"). */
function tidy(text: string): string {
  let current = text;
  for (let round = 0; round < 6; round += 1) {
    const next = TIDY_STEPS.reduce((value, [regex, replacement]) => value.replace(regex, replacement), current).trim();
    if (next === current) break;
    current = next;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Intents
// ---------------------------------------------------------------------------------------------

const WHO = "(?:(?:(?:everyone|everybody|anyone|all\\s+(?:the\\s+)?(?:users|people))\\s+)?who(?:\\s+else)?|whom|which\\s+(?:users?|people|persons?|accounts?|mailboxes|delegates?)|what\\s+(?:users?|people|accounts?|delegates?))";
/**
 * Past or progressive only: "who sends as X" / "who can send as X" read as questions about
 * permissions, which the audit log cannot answer, so they get a suggestion instead.
 */
const SENT = "(?:(?:\\s*'s|\\s+(?:has|have|had|is|was|were|are))?(?:\\s+been)?\\s+(?:sent|sending)|\\s+did\\s+send)";
/** "Did anyone send as …", "has somebody been sending as …": a yes-or-no question that wants the names. */
const ANYONE_SENT =
  "(?:(?:did|has|have|had|was|is)\\s+)?(?:anyone|anybody|someone|somebody)(?:\\s+else)?(?:\\s+been)?\\s+(?:send|sent|sending)";
const IMPERSONATED = '(?:(?:(?:has|had)\\s+(?:been\\s+)?|(?:is|was)\\s+)?impersonat(?:ed|ing))';
const ANYONE_IMPERSONATED = '(?:(?:did|has|have|had)\\s+)?(?:anyone|anybody|someone|somebody)(?:\\s+been)?\\s+impersonat(?:e|ed|ing)';
/** The SendAs and SendOnBehalf operations, as admins write them in a bare query ("sendas finance"). */
const SEND_AS_WORD = '(?:send[\\s-]?as)';
const SEND_ON_BEHALF_WORD = '(?:send[\\s-]?on[\\s-]?behalf(?:[\\s-]?of)?)';
const ACTIVITY = '(?:\\s+(?:activity|events?|logs?|records?|history))?';
/** Anyone at all, as the object: "did alex send as anyone else". */
const ANYONE = '(?:anyone|anybody|someone|somebody|any\\s+(?:other\\s+)?(?:mailbox(?:es)?|accounts?))(?:\\s+else)?';
const MAIL = '(?:\\s+(?:any\\s+|an?\\s+|the\\s+)?(?:mail|e-?mails?|messages?|items?))?';
const SUBJECT = '(?<subject>.+)';
const ACTOR = '(?<actor>.+?)';
const IDENTITY = '(?:addresses|address|identities|identity|mailboxes|mailbox|accounts?|users?|names?|aliases)';
const ID = `(?<id>${EVENT_ID_TOKEN})`;

// Tenant-wide questions: rankings over the range, no mailbox named.
const SHOW = '(?:(?:show|list|get|give|tell)\\s+(?:me\\s+|us\\s+)?)?(?:(?:who|what|which)\\s+(?:are|were|is|was)\\s+)?(?:the\\s+)?';
/** "top 5", "most active", "busiest": the N, when given, limits the answer. */
const TOP = '(?:top(?:\\s+(?<top>\\d{1,3}))?|most\\s+active|busiest|biggest|heaviest|leading)';
const DELEGATES = '(?:delegates?|delegate\\s+(?:users|senders)|send[\\s-]?as\\s+(?:users|senders|people)|senders|send[\\s-]?on[\\s-]?behalf\\s+(?:users|senders))';
const OTHERS = "(?:others|other\\s+(?:people(?:'s)?|users(?:')?|mailboxes|accounts)|someone\\s+else|other\\s+people's\\s+mailboxes|(?:a\\s+)?shared\\s+mailbox(?:es)?)";
const MOST = '(?:(?:the\\s+)?most(?:\\s+often)?|(?:the\\s+)?more\\s+than\\s+anyone)';
const SHARED = '(?:shared\\s+)?(?:mailbox(?:es)?|inbox(?:es)?|accounts)';
const EXTERNAL = '(?:external|outside|non-?tenant|foreign|guest)';
const PEOPLE = '(?:senders?|delegates?|users|people|accounts|actors|identities|sends?|send[\\s-]?as(?:\\s+(?:activity|events))?)';

const tenantParsers: readonly IntentParser[] = [
  tenantParser('top-delegates', pattern('^', SHOW, TOP, '\\s+', DELEGATES, '(?:\\s+(?:by\\s+)?(?:sends|volume|count))?$')),
  tenantParser('top-delegates', pattern('^(?:the\\s+)?(?:delegates?|send[\\s-]?as)\\s+(?:ranking|leaderboard|league\\s+table)$')),
  tenantParser('top-delegates', pattern('^(?:(?:which|what)\\s+delegates?|who)\\s+(?:has\\s+|have\\s+)?(?:sent|sends|send|did\\s+send)\\s+(?:(?:as|on\\s+behalf\\s+of)\\s+', OTHERS, '\\s+)?', MOST, '$')),
  tenantParser('top-delegates', pattern('^who\\s+(?:has\\s+)?(?:sent|sends)\\s+(?:as|on\\s+behalf\\s+of|as\\s+or\\s+on\\s+behalf\\s+of)\\s+', OTHERS, '\\s+', MOST, '$')),
  tenantParser('top-delegates', pattern('^who\\s+(?:are|were)\\s+the\\s+(?:biggest|heaviest|most\\s+active)\\s+(?:delegates|send[\\s-]?as\\s+users)$')),
  tenantParser('top-mailboxes', pattern('^(?:which|what)\\s+', SHARED, '\\s+(?:(?:were|are|was|is|got|have\\s+been|has\\s+been)\\s+)?(?:used|sent\\s+as|sent\\s+from|sent\\s+on\\s+behalf\\s+of)\\s+', MOST, '$')),
  tenantParser('top-mailboxes', pattern('^(?:which|what)\\s+', SHARED, '\\s+did\\s+(?:people|delegates|users|they)\\s+(?:use|send\\s+as|send\\s+from)\\s+', MOST, '$')),
  tenantParser('top-mailboxes', pattern('^', SHOW, '(?:(?:most[\\s-]used|most\\s+sent[\\s-]as|', TOP, ')\\s+)', SHARED, '(?:\\s+by\\s+(?:sends|use|usage))?$')),
  tenantParser('top-mailboxes', pattern('^(?:shared\\s+)?mailbox(?:es)?\\s+(?:usage|use|ranking|leaderboard)$')),
  tenantParser('top-mailboxes', pattern('^(?:which|what)\\s+', SHARED, '\\s+(?:(?:is|are|were)\\s+)?(?:the\\s+)?(?:busiest|most\\s+used|most\\s+active)$')),
  tenantParser('external-senders', pattern('^', SHOW, '(?:any\\s+)?(?:(?:the|all)\\s+)?', EXTERNAL, '\\s+', PEOPLE, '(?:\\s+(?:as|on\\s+behalf\\s+of)\\s+(?:our|my|any|internal)\\s+mailbox(?:es)?)?$')),
  tenantParser('external-senders', pattern('^(?:who|anyone|anybody|someone)\\s+(?:from\\s+)?outside\\s+(?:the\\s+|our\\s+)?(?:tenant|company|organi[sz]ation|org|domain)', SENT, '?(?:\\s+(?:as|on\\s+behalf\\s+of)\\s+(?:our|any|a)\\s+mailbox(?:es)?)?$')),
  tenantParser('external-senders', pattern('^(?:did|has|have)\\s+(?:anyone|anybody|someone)\\s+(?:external|from\\s+outside(?:\\s+(?:the\\s+)?(?:tenant|company|organi[sz]ation|org))?)\\s+(?:send|sent)\\s+(?:as|on\\s+behalf\\s+of)\\s+(?:our|any|a)\\s+mailbox(?:es)?$')),
  tenantParser('external-senders', pattern('^(?:did\\s+)?(?:any\\s+)?guests?\\s+(?:users?\\s+)?(?:send|sent|sending)(?:\\s+(?:as|on\\s+behalf\\s+of)\\s+(?:anyone|anybody|our\\s+mailboxes|any\\s+mailbox(?:es)?))?$')),
  tenantParser('new-delegates', pattern('^', SHOW, '(?:any\\s+)?(?:new|first[\\s-]time|newly\\s+seen)\\s+(?:delegates?|delegations?|delegate\\s+pairs|send[\\s-]?as\\s+(?:pairs|users|senders|delegates)|senders)$')),
  tenantParser('new-delegates', pattern('^who\\s+(?:(?:has|have)\\s+)?(?:started|began|begun)\\s+sending\\s+(?:as|on\\s+behalf\\s+of)\\s+(?:a\\s+)?(?:mailbox(?:es)?|', OTHERS, ')$')),
  tenantParser('new-delegates', pattern('^who\\s+(?:has\\s+)?sent\\s+(?:as|on\\s+behalf\\s+of)\\s+(?:a\\s+)?(?:mailbox|', OTHERS, ')\\s+for\\s+the\\s+first\\s+time$')),
];

const intentParsers: readonly IntentParser[] = [
  eventParser(
    pattern(
      '^(?:(?:explain|show|details?|describe|display|open|view|(?:more\\s+)?(?:info|information|details?)|more)(?:\\s+(?:about|for|on|of))?\\s+|about\\s+)?',
      '(?:(?:the|this|that)\\s+)?(?:audit\\s+)?(?:(?:event|record|entry)\\s+)?(?:id\\s*)?[:#]?\\s*',
      ID,
      '(?:\\s+(?:explained|details?))?$',
    ),
  ),
  eventParser(pattern('^what\\s+(?:is|was|happened\\s+in)\\s+(?:(?:event|record)\\s+)?', ID, '$')),
  // "why is ID a delegate", "why was ID classified as a connector": the explanation is the answer.
  eventParser(pattern('^why\\s+(?:is|was|did)\\s+(?:(?:the\\s+)?(?:event|record)\\s+)?', ID, '(?:\\s+.*)?$')),
  // Before "who sent as X": "who sent as other mailboxes the most" names no mailbox.
  ...tenantParsers,
  subjectParser('who-sent-on-behalf', pattern('^', WHO, SENT, MAIL, '\\s+on\\s+behalf\\s+of\\s+', SUBJECT, '$')),
  subjectParser('who-sent-on-behalf', pattern('^', WHO, SENT, MAIL, "\\s+on\\s+(?<subject>.+?)(?:'s|')\\s+behalf$")),
  subjectParser('who-sent-on-behalf', pattern('^(?:sent|sending)', MAIL, '\\s+on\\s+behalf\\s+of\\s+', SUBJECT, '$')),
  subjectParser('who-sent-on-behalf', pattern('^', ANYONE_SENT, MAIL, '\\s+on\\s+behalf\\s+of\\s+', SUBJECT, '$')),
  subjectParser('who-sent-on-behalf', pattern('^on\\s+behalf\\s+of\\s+(?<subject>.+?)\\s*,?\\s+', WHO, SENT, MAIL, '$')),
  subjectParser('who-sent-on-behalf', pattern('^(?:', SEND_ON_BEHALF_WORD, '|sendonbehalf(?:of)?)', ACTIVITY, '(?:\\s+(?:for|of|by))?\\s+', SUBJECT, '$')),
  subjectParser('who-sent-as', pattern('^', WHO, SENT, MAIL, '\\s+as\\s+', SUBJECT, '$')),
  subjectParser('who-sent-as', pattern('^(?:sent|sending)', MAIL, '\\s+as\\s+', SUBJECT, '$')),
  subjectParser('who-sent-as', pattern('^', ANYONE_SENT, MAIL, '\\s+as\\s+', SUBJECT, '$')),
  // Sending from a mailbox that is not yours is what Send As records.
  subjectParser('who-sent-as', pattern('^', WHO, SENT, MAIL, '\\s+from\\s+', SUBJECT, '$')),
  subjectParser('who-sent-as', pattern('^', WHO, '\\s+(?:(?:has|have|had)\\s+)?used\\s+(?<subject>.+?)\\s+to\\s+send', MAIL, '$')),
  subjectParser('who-sent-as', pattern('^', WHO, '\\s+', IMPERSONATED, '\\s+', SUBJECT, '$')),
  subjectParser('who-sent-as', pattern('^', ANYONE_IMPERSONATED, '\\s+', SUBJECT, '$')),
  subjectParser('who-sent-as', pattern('^(?:any\\s+)?', SEND_AS_WORD, ACTIVITY, '(?:\\s+(?:for|of|on|by|to))?\\s+', SUBJECT, '$')),
  actorParser(pattern('^(?:what|which)(?:\\s+', IDENTITY, ')?\\s+(?:did|has|have|had)\\s+', ACTOR, '\\s+(?:been\\s+)?(?:send|sent|sending)', MAIL, '\\s+as$')),
  actorParser(pattern('^(?:who|whom)\\s+(?:did|has|have|had)\\s+', ACTOR, '\\s+(?:been\\s+)?(?:send|sent|sending)', MAIL, '\\s+as$')),
  actorParser(pattern('^as\\s+(?:who|whom|what)\\s+(?:did|has|have)\\s+', ACTOR, '\\s+(?:send|sent)', MAIL, '$')),
  actorParser(pattern('^(?:did|has|have)\\s+', ACTOR, '\\s+(?:been\\s+)?(?:send|sent|sending)', MAIL, '\\s+as\\s+', ANYONE, '$')),
  actorParser(pattern('^(?:what|which)(?:\\s+', IDENTITY, ')?\\s+(?:did|has|have)\\s+', ACTOR, '\\s+(?:been\\s+)?(?:send|sent|sending)', MAIL, '\\s+(?:from|on\\s+behalf\\s+of)$')),
  actorParser(pattern('^(?:who|whom)\\s+(?:did|has|have)\\s+', ACTOR, '\\s+(?:been\\s+)?(?:send|sent|sending)', MAIL, '\\s+on\\s+behalf\\s+of$')),
  actorParser(pattern('^(?:who|whom)\\s+(?:has|did|is|was)\\s+', ACTOR, '\\s+(?:been\\s+)?impersonat(?:ing|e|ed)$')),
  // With the mailboxes named, "send" alone is enough: "what mailboxes did alex send from last week" loses "from" to the range.
  actorParser(pattern('^(?:which|what)\\s+', IDENTITY, '\\s+(?:did|has|have)\\s+', ACTOR, '\\s+(?:been\\s+)?(?:send|sent|sending)', MAIL, '$')),
  actorParser(pattern('^(?:whose|which|what)\\s+', IDENTITY, '\\s+(?:did|has|have)\\s+', ACTOR, '\\s+used?(?:\\s+to\\s+send', MAIL, ')?$')),
  // Reported order, as after "tell me": "what alex sent as".
  actorParser(pattern('^(?:what|which|who|whom)(?:\\s+', IDENTITY, ')?\\s+', ACTOR, '\\s+(?:(?:has|have|had)\\s+)?(?:been\\s+)?(?:sent|sending)', MAIL, '\\s+as$')),
  keywordParser(
    'anomalies',
    pattern(
      '^(?:(?:show|list|get|check)\\s+(?:me\\s+)?)?(?:(?:are|were)\\s+there\\s+)?(?:any\\s+)?(?:the\\s+)?(?:new\\s+|recent\\s+|latest\\s+)?',
      '(?:anomal(?:y|ies)|alerts?|red\\s+flags?|(?:suspicious|unusual|anomalous|odd)\\s+(?:send[\\s-]?as\\s+)?(?:activity|sends?|events?|behaviou?r))$',
    ),
  ),
  keywordParser(
    'anomalies',
    pattern(
      '^(?:(?:is|was)\\s+there\\s+|do\\s+you\\s+see\\s+|did\\s+you\\s+(?:see|find|notice)\\s+)?anything\\s+',
      '(?:suspicious|unusual|odd|weird|strange|anomalous)(?:\\s+(?:happening|going\\s+on))?$',
    ),
  ),
  keywordParser(
    'anomalies',
    pattern('^(?:what|which)\\s+(?:anomal(?:y|ies)|alerts)\\s+(?:did\\s+you\\s+(?:find|see|detect|spot|raise)|(?:were|have\\s+been)\\s+(?:found|detected|raised))$'),
  ),
  keywordParser('anomalies', pattern('^(?:is\\s+there\\s+)?anything\\s+(?:i|we)\\s+should\\s+(?:worry\\s+about|know\\s+about|look\\s+(?:at|into))$')),
  keywordParser(
    'health',
    pattern(
      '^(?:(?:show|check)\\s+(?:me\\s+)?)?(?:the\\s+)?(?:audit(?:\\s+logs?)?\\s+|log\\s+)?',
      '(?:health|status|gaps?|freshness|coverage|completeness)(?:\\s+(?:check|report|status))?$',
    ),
  ),
  keywordParser(
    'health',
    pattern('^(?:is|are)\\s+(?:the\\s+)?(?:audit\\s+)?(?:logs?|data|feed)\\s+(?:complete|up\\s+to\\s+date|fresh|healthy|ok|okay|working|current)$'),
  ),
  keywordParser(
    'health',
    pattern('^(?:(?:are|were)\\s+there\\s+)?(?:any\\s+)?(?:audit\\s+(?:log\\s+)?)?gaps\\s+in\\s+(?:the\\s+)?audit\\s+(?:logs?|data)$'),
  ),
  keywordParser('health', pattern('^any\\s+(?:audit\\s+(?:log\\s+)?)?gaps$')),
  keywordParser('health', pattern('^(?:is|are)\\s+(?:auditing|ingestion|(?:audit\\s+)?logging)\\s+(?:working|running|on|enabled|healthy|ok|okay)$')),
  keywordParser('health', pattern('^(?:(?:are|is)\\s+(?:we|you)\\s+)?missing\\s+(?:any\\s+)?audit\\s+(?:data|events?|logs?|records?)$')),
  keywordParser('health', pattern('^how\\s+(?:fresh|current|up\\s+to\\s+date|complete|recent)\\s+(?:is|are)\\s+(?:the\\s+)?audit\\s+(?:logs?|data|events?)$')),
  keywordParser(
    'unsubscribe',
    pattern(
      '^(?:(?:unsubscribe|unsub)(?:\\s+(?:me|us|this\\s+(?:chat|channel|conversation)))?(?:\\s+from\\s+(?:the\\s+)?(?:alerts|anomalies|notifications|updates))?',
      '|(?:turn|switch)\\s+off\\s+(?:the\\s+)?(?:notifications|alerts)|(?:turn|switch)\\s+(?:the\\s+)?(?:notifications|alerts)\\s+off',
      '|(?:disable|stop|mute|pause)\\s+(?:the\\s+)?(?:notifications|alerts)|stop\\s+(?:notifying|alerting)\\s+(?:me|us)|notifications?\\s+off',
      '|stop\\s+sending\\s+(?:me|us)\\s+(?:the\\s+)?(?:alerts|notifications|anomalies)|no\\s+more\\s+(?:alerts|notifications))$',
    ),
  ),
  keywordParser(
    'subscribe',
    pattern(
      '^(?:(?:subscribe|sub)(?:\\s+(?:me|us|this\\s+(?:chat|channel|conversation)))?(?:\\s+to\\s+(?:the\\s+)?(?:alerts|anomalies|notifications|updates))?',
      '|(?:turn|switch)\\s+on\\s+(?:the\\s+)?(?:notifications|alerts)|(?:turn|switch)\\s+(?:the\\s+)?(?:notifications|alerts)\\s+on',
      '|(?:enable|start|activate)\\s+(?:the\\s+)?(?:notifications|alerts)(?:\\s+(?:for|in|on)\\s+this\\s+(?:chat|channel|conversation|team))?',
      '|(?:notify|alert)\\s+(?:me|us)(?:\\s+(?:of|about)\\s+anomalies|\\s+(?:when|if|whenever)\\s+.+)?|notifications?\\s+on',
      '|send\\s+(?:me|us)\\s+(?:the\\s+)?(?:alerts|notifications|anomalies))$',
    ),
  ),
  // Last: "unusual send as activity" is a question about anomalies, not about a mailbox named "unusual".
  subjectParser('who-sent-as', pattern('^(?<subject>.+?)\\s+', SEND_AS_WORD, ACTIVITY, '$')),
  keywordParser(
    'help',
    pattern(
      '^(?:help(?:\\s+me)?|commands?|usage|menu|examples?|(?:hi|hello|hey)(?:\\s+there)?|get\\s+started',
      '|what\\s+(?:questions|kinds?\\s+of\\s+questions|things)\\s+can\\s+(?:i|we)\\s+ask(?:\\s+you)?',
      '|what\\s+can\\s+you\\s+help\\s+(?:me\\s+|us\\s+)?with|what\\s+can\\s+(?:you\\s+do|i\\s+ask(?:\\s+you)?)|what\\s+do\\s+you\\s+do|how\\s+(?:do\\s+i\\s+use\\s+(?:this|you|it)|does\\s+this\\s+work))$',
    ),
  ),
];

/** The English locale: ordered range parsers, pleasantries, ordered intent parsers. */
export const english: LocaleConfiguration = {
  language: 'en',
  prepare: (text) => text,
  rangeParsers,
  tidy,
  intentParsers,
};

