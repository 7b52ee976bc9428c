import {
  NOT_AFTER_DIGIT,
  NOT_BEFORE_DIGIT,
  YEAR_FIRST_DATE,
  actorParser,
  calendarDate,
  eventParser,
  fromDate,
  fromDates,
  keywordParser,
  pattern,
  readYearFirstDate,
  subjectParser,
} from './core';
import type { IntentParser, LocaleConfiguration, RangeOutcome, RangeParser } from './core';
import { EVENT_ID_TOKEN } from './normalize';
import type { CalendarRangeKind, DateRef } from './range';

// ---------------------------------------------------------------------------------------------
// Spelling
// ---------------------------------------------------------------------------------------------

/** Casual words typed in kana, spelled the way the patterns expect (after chrono's normalizeTextToKanji). */
const KANA_WORDS: readonly (readonly [RegExp, string])[] = [
  [/きょう/g, '今日'],
  [/ほんじつ/g, '本日'],
  [/きのう/g, '昨日'],
  [/こんしゅう/g, '今週'],
  [/せんしゅう/g, '先週'],
  [/こんげつ/g, '今月'],
  [/せんげつ/g, '先月'],
  [/だれ/g, '誰'],
];

const KANJI_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 七 → 7, 十四 → 14, 三十 → 30, up to 九十九; null for anything else. */
function kanjiNumber(text: string): number | null {
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (match === null || text.length === 0) return null;
  const [, tensDigit, ten, ones] = match;
  if (ten === undefined) return tensDigit !== undefined && ones === undefined ? (KANJI_DIGITS[tensDigit] ?? null) : null;
  const tens = tensDigit === undefined ? 1 : (KANJI_DIGITS[tensDigit] ?? 0);
  return tens * 10 + (ones === undefined ? 0 : (KANJI_DIGITS[ones] ?? 0));
}

/** Kanji numerals only where a count or date unit follows, so 一覧 stays a word. */
const KANJI_COUNT = /([一二三四五六七八九十]{1,3})(?=\s*(?:日|時間|週|か月|ヶ月|カ月|ヵ月|ケ月|月))/gu;

function prepare(text: string): string {
  const spelled = KANA_WORDS.reduce((value, [regex, kanji]) => value.replace(regex, kanji), text);
  return spelled.replace(KANJI_COUNT, (numeral: string) => String(kanjiNumber(numeral) ?? numeral));
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const KANJI_DATE = '(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日';
/** Dates that stand on their own: 2022年2月1日, 2月1日, 2022/02/01, 2022-02-01. */
const DATE = `(?:${KANJI_DATE}|${YEAR_FIRST_DATE})`;
/** In a span or after "以降", a bare month/day (2/1) is the Japanese way of writing it. */
const SPAN_DATE = `(?:${DATE}|\\d{1,2}/\\d{1,2})`;

function readDate(text: string): DateRef | 'invalid' | null {
  const yearFirst = readYearFirstDate(text);
  if (yearFirst !== null) return yearFirst;
  const kanji = /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u.exec(text.trim());
  if (kanji !== null) return calendarDate(kanji[1] === undefined ? undefined : Number(kanji[1]), Number(kanji[2]), Number(kanji[3]));
  const monthDay = /^(\d{1,2})\/(\d{1,2})$/.exec(text.trim());
  if (monthDay !== null) return calendarDate(undefined, Number(monthDay[1]), Number(monthDay[2]));
  return null;
}

// ---------------------------------------------------------------------------------------------
// Ranges
// ---------------------------------------------------------------------------------------------

/** A particle after a range phrase belongs to it: 今週の…, 先月に…, 2月中は…. */
const TAIL = '(?:\\s*(?:中|の間|いっぱい))?(?:\\s*(?:に|の|は|で|、|,))?';

function range(name: string, source: string, extract: RangeParser['extract']): RangeParser {
  return { name, pattern: pattern(NOT_AFTER_DIGIT, source, TAIL), extract };
}

const CALENDAR_WORDS: readonly (readonly [string, CalendarRangeKind])[] = [
  ['今日|本日', 'today'],
  ['昨日', 'yesterday'],
  ['今週', 'this-week'],
  ['先週|前週', 'last-week'],
  ['今月|当月', 'this-month'],
  ['先月|前月', 'last-month'],
];

function calendarWord(text: string): CalendarRangeKind {
  const found = CALENDAR_WORDS.find(([words]) => words.split('|').includes(text));
  return found?.[1] ?? 'today';
}

/** Days in a unit; a month counts as 30 days, as in the English parser. */
function lastAmount(amount: number, unit: string): RangeOutcome {
  if (unit === '時間') return { kind: 'last-hours', amount };
  if (unit.startsWith('週')) return { kind: 'last-days', amount: amount * 7 };
  if (unit.endsWith('月')) return { kind: 'last-days', amount: amount * 30 };
  return { kind: 'last-days', amount };
}

const MONTHS_UNIT = '(?:か月|ヶ月|カ月|ヵ月|ケ月)';
const SINCE = '(?:以降|以後|から|より後|より)';

const rangeParsers: readonly RangeParser[] = [
  range('between', `(${SPAN_DATE})\\s*(?:~|から|-)\\s*(${SPAN_DATE})(?:\\s*まで)?(?:\\s*の間)?`, (match) =>
    fromDates(readDate(match[1] ?? ''), readDate(match[2] ?? ''), (from, to) => ({ kind: 'between', from, to })),
  ),
  range('since-date', `(${SPAN_DATE})\\s*${SINCE}`, (match) => fromDate(readDate(match[1] ?? ''), (date) => ({ kind: 'since', date }))),
  range('since-month', `(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*${SINCE}`, (match) =>
    fromDate(calendarDate(match[1] === undefined ? undefined : Number(match[1]), Number(match[2]), 1), (date) => ({ kind: 'since', date })),
  ),
  range('since-word', `(${CALENDAR_WORDS.map(([words]) => words).join('|')})\\s*${SINCE}`, (match) => ({
    kind: 'since-start-of',
    of: calendarWord(match[1] ?? ''),
  })),
  range('on-date', `(${DATE})${NOT_BEFORE_DIGIT}`, (match) => fromDate(readDate(match[1] ?? ''), (date) => ({ kind: 'on', date }))),
  range('in-month', `(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月(?!\\s*\\d)`, (match) => {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return 'invalid';
    return { kind: 'in-month', month, ...(match[1] === undefined ? {} : { year: Number(match[1]) }) };
  }),
  range('last-amount', `(?:過去|直近|最近|ここ|この)\\s*(\\d+)\\s*(日|時間|週間|週|${MONTHS_UNIT})(?:間)?`, (match) =>
    lastAmount(Number(match[1]), match[2] ?? ''),
  ),
  range('within-amount', `(\\d+)\\s*(日|時間|週間|${MONTHS_UNIT})\\s*(?:以内|間)`, (match) => lastAmount(Number(match[1]), match[2] ?? '')),
  range('calendar-word', `(${CALENDAR_WORDS.map(([words]) => words).join('|')})`, (match) => ({ kind: calendarWord(match[1] ?? '') })),
];

// ---------------------------------------------------------------------------------------------
// Pleasantries
// ---------------------------------------------------------------------------------------------

const REQUEST =
  '(?:教えて|おしえて|見せて|みせて|表示して|出して|調べて|確認して|知りたい|一覧表示して|一覧表示|一覧にして|一覧|表示)';
const POLITE = '(?:ください|下さい|くれ|くれる|くれますか|もらえますか|もらえる|いただけますか|ほしい|欲しい|です)?';

const TIDY_STEPS: readonly (readonly [RegExp, string])[] = [
  [/\(\s*\)|「\s*」|\[\s*\]/gu, ' '],
  [/^[\s、,。.・:]+/u, ''],
  [/[\s、,。.!?・]+$/u, ''],
  [/^(?:すみません|すいません|ねえ|あの|えっと)[\s、,]*/u, ''],
  [new RegExp(`\\s*を?\\s*${REQUEST}${POLITE}か?$`, 'u'), ''],
  [/\s*を?\s*お願い(?:します|いたします)?$/u, ''],
  [/\s*(?:ください|下さい)$/u, ''],
  [/\s+/gu, ' '],
];

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

const SUBJECT = '(?<subject>.+?)';
const ACTOR = '(?<actor>.+?)';
const AS = '\\s*(?:として|の名前で|の名義で|名義で|の名で)\\s*';
const ON_BEHALF = '\\s*(?:の代理(?:として|で)|の代わりに|に代わって|の代理人として)\\s*';
const SENT =
  '(?:(?:送信|送付)(?:した|しました|している|していた|しています|してる|してた|してきた|されたの|された)|送(?:った|りました|っている|ってる|ってた|ってきた))';
const WHO = '(?:誰|どなた|どの(?:ユーザー?|人|アカウント)|どんな人)';
const WHOM_NOUN = '(?:の|人|ユーザー?|アカウント|人物|メール|者)';
/** How a Japanese question may end: です / でした, か, の. */
const END = '\\s*(?:です|でした|ですか|でしたか)?\\s*(?:か|の)?$';

/** The three orders a "who sent as X" question takes in Japanese, for a given marker. */
function whoSentParsers(intent: 'who-sent-as' | 'who-sent-on-behalf', marker: string): IntentParser[] {
  return [
    subjectParser(intent, pattern('^', SUBJECT, marker, SENT, '\\s*', WHOM_NOUN, '\\s*(?:は|が)?\\s*(?:', WHO, ')?', END)),
    subjectParser(intent, pattern('^', WHO, '\\s*が\\s*', SUBJECT, marker, SENT, END)),
    subjectParser(intent, pattern('^', SUBJECT, marker, WHO, '\\s*が\\s*', SENT, END)),
    subjectParser(intent, pattern('^', SUBJECT, marker, SENT, END)),
  ];
}

const ID = `(?<id>${EVENT_ID_TOKEN})`;
const DETAIL = '(?:説明|詳細|解説|詳しく|内容)';

const intentParsers: readonly IntentParser[] = [
  eventParser(pattern('^(?:イベント|レコード)?\\s*', ID, '\\s*(?:について|の|を)?\\s*', DETAIL, '\\s*(?:を)?\\s*(?:表示|確認)?\\s*(?:して|する)?$')),
  eventParser(pattern('^', DETAIL, '\\s*(?:を表示)?\\s*[:]?\\s*(?:イベント|レコード)?\\s*', ID, '$')),
  ...whoSentParsers('who-sent-on-behalf', ON_BEHALF),
  ...whoSentParsers('who-sent-as', AS),
  subjectParser('who-sent-as', pattern('^', SUBJECT, '\\s*の\\s*(?:SendAs\\s*)?送信者\\s*(?:は)?\\s*(?:', WHO, ')?', END)),
  actorParser(
    pattern(
      '^',
      ACTOR,
      '\\s*(?:は|が)\\s*(?:',
      WHO,
      '|何|なに|どの(?:アドレス|メールボックス|アカウント|名前|差出人|ID))\\s*(?:として|で|の名前で)\\s*',
      SENT,
      END,
    ),
  ),
  actorParser(
    pattern(
      '^',
      ACTOR,
      '\\s*(?:が|の)\\s*(?:送信者|差出人|送信元)\\s*(?:として)?\\s*(?:使った|使用した|使っている|使用している|使ってる|用いた)\\s*',
      '(?:アドレス|メールボックス|アカウント|ID|名前)\\s*(?:は)?\\s*(?:何|なに|どれ)?',
      END,
    ),
  ),
  actorParser(
    pattern('^', ACTOR, '\\s*(?:が|は)\\s*(?:send\\s*as|センドアズ)\\s*(?:した|で使った)\\s*(?:アドレス|相手|メールボックス)\\s*(?:は)?\\s*(?:何|なに|どれ)?', END),
  ),
  keywordParser(
    'anomalies',
    pattern(
      '^(?:何か|なにか|最近)?\\s*(?:の)?\\s*(?:異常|アラート|警告|不審(?:な(?:送信|動き|アクティビティ|活動|操作))?|怪しい(?:送信|動き|アクティビティ|活動|こと)?',
      '|おかしな(?:送信|動き)|異常な(?:送信|動き|アクティビティ|活動))\\s*(?:は|が|を)?\\s*',
      '(?:ある|あった|ない|あります|ありますか|ありましたか|ありませんか|検知|一覧)?',
      END,
    ),
  ),
  keywordParser(
    'health',
    pattern(
      '^(?:監査(?:ログ)?\\s*(?:の)?\\s*)?(?:状態|健全性|ヘルス(?:チェック)?|欠落|抜け|漏れ|欠損|ギャップ|鮮度|カバレッジ|網羅性|取りこぼし)',
      '\\s*(?:は|が)?\\s*(?:ある|あります|ありますか|ない|大丈夫|正常|OK)?',
      END,
    ),
  ),
  keywordParser('health', pattern('^監査(?:ログ)?\\s*(?:は|が)?\\s*(?:完全|最新|正常|大丈夫|健全)', END)),
  keywordParser(
    'unsubscribe',
    pattern(
      '^(?:購読|通知|アラート)\\s*(?:を)?\\s*(?:解除|停止|オフ|OFF|無効(?:化)?|中止|止め|やめ|とめ)',
      '\\s*(?:にする|にして|にします|する|して|します|る|て|たい)?$',
    ),
  ),
  keywordParser(
    'subscribe',
    pattern(
      '^(?:(?:通知|アラート)\\s*(?:を)?\\s*(?:オン|ON|有効(?:化)?|開始)|購読|通知(?:を受け取る|を受け取りたい)?)',
      '\\s*(?:にする|にして|にします|する|して|します|したい)?$',
    ),
  ),
  keywordParser(
    'help',
    pattern(
      '^(?:ヘルプ|へるぷ|使い方|つかいかた|助けて|たすけて|何ができる|なにができる|何ができますか|何を聞ける|何が聞ける',
      '|何を聞けば(?:いい|良い)|コマンド(?:一覧)?|質問(?:の)?例|こんにちは)\\s*(?:の)?\\s*(?:ですか|か)?$',
    ),
  ),
];

/** The Japanese locale: kana spelled as kanji first, then ordered range and intent parsers. */
export const japanese: LocaleConfiguration = {
  language: 'ja',
  prepare,
  rangeParsers,
  tidy,
  intentParsers,
};
