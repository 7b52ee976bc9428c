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
  sameMonthDay,
  subjectParser,
  tenantParser,
} from './core';
import type { IntentParser, LocaleConfiguration, RangeOutcome, RangeParser } from './core';
import { EVENT_ID_TOKEN } from './normalize';
import type { CalendarRangeKind, DateRef, DayRef } from './range';

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
  [/おととい/g, '一昨日'],
  [/さいきん/g, '最近'],
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

const WEEKDAYS = '月火水木金土日';

/** 月曜(日), 先週の金曜日: the weekday, of last week when 先週 says so. */
function readWeekday(week: string | undefined, day: string): DayRef {
  return { weekday: WEEKDAYS.indexOf(day) + 1, lastWeek: week === '先週' || week === '前週' };
}

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

const WEEKDAY = `(?:(先週|前週|今週)\\s*の?\\s*)?([${WEEKDAYS}])曜(?:日)?`;

const rangeParsers: readonly RangeParser[] = [
  range('between', `(${SPAN_DATE})\\s*(?:~|から|-)\\s*(?:(${SPAN_DATE})|(\\d{1,2})\\s*日)(?:\\s*まで)?(?:\\s*の間)?`, (match) => {
    const from = readDate(match[1] ?? '');
    const to = match[2] === undefined ? sameMonthDay(from, Number(match[3])) : readDate(match[2]);
    return fromDates(from, to, (first, second) => ({ kind: 'between', from: first, to: second }));
  }),
  range('since-date', `(${SPAN_DATE})\\s*${SINCE}`, (match) => fromDate(readDate(match[1] ?? ''), (date) => ({ kind: 'since', date }))),
  range('since-month', `(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*${SINCE}`, (match) =>
    fromDate(calendarDate(match[1] === undefined ? undefined : Number(match[1]), Number(match[2]), 1), (date) => ({ kind: 'since', date })),
  ),
  range('weekend', '(先週末|先週の(?:週末|土日)|今週末|この週末|週末|土日)', (match) => ({
    kind: 'weekend',
    lastWeek: (match[1] ?? '').startsWith('先週'),
  })),
  range('weekday', `${WEEKDAY}\\s*(${SINCE})?`, (match) => {
    const date = readWeekday(match[1], match[2] ?? '');
    return match[3] === undefined ? { kind: 'on', date } : { kind: 'since', date };
  }),
  range('day-before-yesterday', `一昨日\\s*(${SINCE})?`, (match) =>
    match[1] === undefined ? { kind: 'on', date: { daysAgo: 2 } } : { kind: 'since', date: { daysAgo: 2 } },
  ),
  range('days-ago', '(\\d+)\\s*日\\s*前', (match) => ({ kind: 'on', date: { daysAgo: Number(match[1]) } })),
  range('since-word', `(${CALENDAR_WORDS.map(([words]) => words).join('|')})\\s*(?:に\\s*入って)?\\s*${SINCE}`, (match) => ({
    kind: 'since-start-of',
    of: calendarWord(match[1] ?? ''),
  })),
  range('on-date', `(${DATE})${NOT_BEFORE_DIGIT}`, (match) => fromDate(readDate(match[1] ?? ''), (date) => ({ kind: 'on', date }))),
  // 3/3 alone is a day in Japanese writing (month first); 3/3/2026 is not this shape.
  range('on-short-date', '(\\d{1,2}/\\d{1,2})(?![/\\d])', (match) => fromDate(readDate(match[1] ?? ''), (date) => ({ kind: 'on', date }))),
  range('in-month', `(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月(?!\\s*\\d)`, (match) => {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return 'invalid';
    return { kind: 'in-month', month, ...(match[1] === undefined ? {} : { year: Number(match[1]) }) };
  }),
  range('last-amount', `(?:過去|直近|最近|ここ|この)\\s*(\\d+)\\s*(日|時間|週間|週|${MONTHS_UNIT})(?:間)?`, (match) =>
    lastAmount(Number(match[1]), match[2] ?? ''),
  ),
  range('within-amount', `(\\d+)\\s*(日|時間|週間|${MONTHS_UNIT})\\s*(?:以内|間)`, (match) => lastAmount(Number(match[1]), match[2] ?? '')),
  // 最近 is as far back as an unstated range: the last 7 days, but said.
  range('lately', '(?:最近|このところ|近頃|ここ最近)', fixed({ kind: 'last-days', amount: 7 })),
  range('this-year', '(?:今年|本年)', fixed({ kind: 'year', offset: 0 })),
  range('last-year', '(?:去年|昨年)', fixed({ kind: 'year', offset: 1 })),
  range('calendar-word', `(${CALENDAR_WORDS.map(([words]) => words).join('|')})`, (match) => ({ kind: calendarWord(match[1] ?? '') })),
];

function fixed(spec: RangeOutcome): RangeParser['extract'] {
  return () => spec;
}

// ---------------------------------------------------------------------------------------------
// Pleasantries
// ---------------------------------------------------------------------------------------------

const REQUEST =
  '(?:教えて|おしえて|見せて|みせて|表示して|出して|調べて|確認して|確認したい|見たい|知りたい|一覧表示して|一覧表示|一覧にして|一覧|表示)';
const POLITE = '(?:ください|下さい|くれ|くれる|くれますか|もらえますか|もらえる|いただけますか|ほしい|欲しい|です)?';

const TIDY_STEPS: readonly (readonly [RegExp, string])[] = [
  [/\(\s*\)|「\s*」|\[\s*\]/gu, ' '],
  [/^[\s、,。.・:]+/u, ''],
  [/[\s、,。.!?・]+$/u, ''],
  [/^(?:すみません|すいません|ねえ|あの|えっと)[\s、,]*/u, ''],
  // The Exchange permission named up front: 送信者アクセス許可で finance として送ったのは誰.
  [/^送信者アクセス許可\s*(?:を使って|を使い|で)\s*/u, ''],
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
/**
 * "As X": として, X の名前で, X になりすまして (impersonating), X の送信者アクセス許可で (the Send As
 * permission as Exchange names it in Japanese), and X から / X のメールボックスから (sending from a
 * mailbox that is not yours is what Send As records).
 */
const AS =
  '\\s*(?:として|の名前で|の名義で|名義で|の名で|に\\s*なりすまして|の\\s*送信者アクセス許可\\s*(?:を使って|を使い|で)|(?:の)?\\s*(?:共有)?\\s*(?:メールボックス)?\\s*から)\\s*';
const ON_BEHALF = '\\s*(?:の代理(?:として|で)|の代わりに|に代わって|の代理人として)\\s*';
/** A mail object between the marker and the verb: finance として「メールを」送った. */
const MAIL = '(?:(?:メール|メッセージ)\\s*を\\s*)?';
const SENT =
  '(?:(?:送信|送付)(?:した|しました|している|していた|しています|してる|してた|してきた|されたの|された)|送(?:った|りました|っている|ってる|ってた|ってきた))';
const WHO = '(?:誰|どなた|どの(?:ユーザー?|人|アカウント)|どんな人)';
const WHOM_NOUN = '(?:の|人|ひと|ユーザー?|アカウント|人物|メール|者)';
/** "…した人はいますか": whether anyone did, which wants the names. */
const ANYONE_THERE = '(?:い(?:ます|ました|る|た)(?:か)?)';
/** 誰か … した？: "did anyone …". */
const ANYONE = '(?:誰か|だれか|どなたか)';
/** How a Japanese question may end: です / でした, か, の, でしょうか. */
const END = '\\s*(?:です|でした|ですか|でしたか|でしょうか)?\\s*(?:か|の|かな)?$';

/** The orders a "who sent as X" question takes in Japanese, for a given marker. */
function whoSentParsers(intent: 'who-sent-as' | 'who-sent-on-behalf', marker: string): IntentParser[] {
  return [
    subjectParser(intent, pattern('^(?:', ANYONE, '\\s*)?', SUBJECT, marker, MAIL, SENT, '\\s*', WHOM_NOUN, '\\s*(?:は|が)?\\s*(?:', WHO, '|', ANYONE_THERE, ')?', END)),
    subjectParser(intent, pattern('^', WHO, '\\s*が\\s*', SUBJECT, marker, MAIL, SENT, END)),
    subjectParser(intent, pattern('^', SUBJECT, marker, WHO, '\\s*が\\s*', MAIL, SENT, END)),
    subjectParser(intent, pattern('^(?:', ANYONE, '\\s*)?', SUBJECT, marker, MAIL, SENT, END)),
  ];
}

const ID = `(?<id>${EVENT_ID_TOKEN})`;
const DETAIL = '(?:説明|詳細|解説|詳しく|内容)';
const RECORD = '(?:(?:この|その)?\\s*(?:イベント|レコード)\\s*(?:ID)?|ID)';
/** Records Send As: SendAs as written, katakana, and the permission's Japanese name. */
const SEND_AS_WORD = '(?:send\\s*-?\\s*as|センドアズ|送信者アクセス許可)';
const HISTORY = '(?:\\s*(?:の)?\\s*(?:履歴|記録|イベント|一覧|ログ))?';

// Tenant-wide questions: rankings over the range, no mailbox named.
/** 上位5人 / トップ10: the N, when given, limits the answer. */
const TOP_N = '(?:(?:上位|トップ)\\s*(?<top>\\d{1,3})\\s*(?:人|件|位|名|個)?\\s*(?:の)?)';
const DELEGATE_NOUN = '(?:代理人|代理送信者|代理送信(?:した|している)?(?:人|ユーザー?|アカウント)|委任(?:先|された人|ユーザー?))';
const MOST_JA = '(?:最も|一番|いちばん|もっとも|よく|多く)';
const SHARED_JA = '(?:共有)?メールボックス';
const OUTSIDE = '(?:外部|社外|テナント外|組織外|ゲスト)';
const LIST = '(?:\\s*(?:は|が|を)?\\s*(?:誰|だれ|どなた|どれ|どこ|いる|います|いますか|いた|いました|ある|あります|ありますか|一覧|教えて(?:ください)?|見せて(?:ください)?|表示(?:して)?)?)?';

const tenantParsers: readonly IntentParser[] = [
  tenantParser('top-delegates', pattern('^', TOP_N, '?\\s*(?:上位|トップ|多い順の)?\\s*(?:の)?\\s*', DELEGATE_NOUN, '\\s*(?:の)?\\s*(?:ランキング|上位|トップ)?', LIST, END)),
  tenantParser('top-delegates', pattern('^(?:代理人|代理送信|送信者アクセス許可)\\s*(?:の)?\\s*(?:件数)?\\s*(?:の)?\\s*(?:ランキング|上位|トップ|多い人)', LIST, END)),
  tenantParser('top-delegates', pattern('^(?:代理送信|他の(?:人|ユーザー|メールボックス)として(?:の)?送信)\\s*(?:が|を)?\\s*', MOST_JA, '?\\s*(?:多い|多かった|した)\\s*(?:の|人|ユーザー?)\\s*', LIST, END)),
  tenantParser('top-delegates', pattern('^(?:他の(?:人|ユーザー|メールボックス)|他人)\\s*(?:として|の代理で|の代理として)\\s*', MOST_JA, '\\s*(?:多く)?\\s*', SENT, '\\s*(?:の|人|ユーザー?)', LIST, END)),
  tenantParser('top-mailboxes', pattern('^(?:どの|どんな)\\s*', SHARED_JA, '\\s*(?:が|を)\\s*', MOST_JA, '?\\s*(?:よく)?\\s*(?:使われ(?:た|ている|てる|ていた|てた|ました|ています|ていました)|使用され(?:た|ている|ていた|ました)|代理送信され(?:た|ている|ていた))', END)),
  tenantParser('top-mailboxes', pattern('^', MOST_JA, '?\\s*(?:よく)?\\s*(?:使われ(?:た|ている|てる)|使用され(?:た|ている)|利用(?:の)?(?:多い|された)|代理送信(?:の)?多い)\\s*', SHARED_JA, LIST, END)),
  tenantParser('top-mailboxes', pattern('^', TOP_N, '?\\s*', SHARED_JA, '\\s*(?:の)?\\s*(?:利用|使用|送信)?\\s*(?:ランキング|上位|トップ|利用状況)', LIST, END)),
  tenantParser('external-senders', pattern('^', OUTSIDE, '\\s*(?:の|から(?:の)?)?\\s*(?:送信者|送信|ユーザー?|アカウント|人|代理人|差出人|代理送信)', LIST, END)),
  tenantParser('external-senders', pattern('^', OUTSIDE, '\\s*(?:の)?\\s*(?:人|ユーザー?|アカウント)\\s*(?:が|は)\\s*(?:誰か|どこか|社内の?メールボックス|うちのメールボックス)?\\s*(?:として|の代理で)?\\s*', SENT, '\\s*(?:か|の|人)?', LIST, END)),
  tenantParser('new-delegates', pattern('^(?:新しい|新規(?:の)?|新た(?:な|に)|初めての)\\s*', DELEGATE_NOUN, LIST, END)),
  tenantParser('new-delegates', pattern('^(?:初めて|新しく|新たに)\\s*(?:代理送信|他の(?:人|ユーザー|メールボックス)として送信)\\s*(?:を)?\\s*(?:した|始めた|し始めた)\\s*(?:の|人|ユーザー?)', LIST, END)),
];

const intentParsers: readonly IntentParser[] = [
  ...tenantParsers,
  eventParser(pattern('^', RECORD, '?\\s*', ID, '\\s*(?:について|の|を)?\\s*', DETAIL, '\\s*(?:を)?\\s*(?:表示|確認)?\\s*(?:して|する)?$')),
  eventParser(pattern('^', DETAIL, '\\s*(?:を表示)?\\s*[:]?\\s*', RECORD, '?\\s*', ID, '$')),
  eventParser(pattern('^', RECORD, '\\s*[:]?\\s*', ID, '$')),
  eventParser(pattern('^', RECORD, '?\\s*', ID, '\\s*(?:について|のこと)$')),
  eventParser(pattern('^', RECORD, '?\\s*', ID, '\\s*(?:は|が|って)\\s*(?:なぜ|どうして|なんで).*$')),
  eventParser(pattern('^', RECORD, '?\\s*', ID, '\\s*(?:は|って)\\s*(?:何|なに)', END)),
  // What Y sent as comes before "who sent as X": "alex はどのメールボックスとして" names no mailbox.
  actorParser(
    pattern(
      '^',
      ACTOR,
      '\\s*(?:は|が)\\s*(?:',
      WHO,
      '|',
      ANYONE,
      '|何|なに|どの(?:アドレス|メールボックス|アカウント|名前|差出人|ID))\\s*(?:として|で|の名前で|から)\\s*',
      MAIL,
      SENT,
      END,
    ),
  ),
  actorParser(
    pattern(
      '^',
      ACTOR,
      '\\s*(?:が|の)\\s*(?:(?:送信者|差出人|送信元)\\s*(?:として)?\\s*)?(?:使った|使用した|使っている|使用している|使ってる|用いた)\\s*',
      '(?:アドレス|メールボックス|アカウント|ID|名前)\\s*(?:は)?\\s*(?:何|なに|どれ)?',
      END,
    ),
  ),
  actorParser(
    pattern('^', ACTOR, '\\s*が\\s*(?:代理で|代理として|として)?\\s*', SENT, '\\s*(?:アドレス|メールボックス|アカウント|相手)\\s*(?:は)?\\s*(?:何|なに|どれ|どこ)?', END),
  ),
  actorParser(
    pattern('^', ACTOR, '\\s*(?:が|は)\\s*(?:send\\s*as|センドアズ)\\s*(?:した|で使った)\\s*(?:アドレス|相手|メールボックス)\\s*(?:は)?\\s*(?:何|なに|どれ)?', END),
  ),
  ...whoSentParsers('who-sent-on-behalf', ON_BEHALF),
  subjectParser('who-sent-on-behalf', pattern('^', SUBJECT, '\\s*の\\s*代理送信', HISTORY, '$')),
  ...whoSentParsers('who-sent-as', AS),
  subjectParser('who-sent-as', pattern('^', SUBJECT, '\\s*の\\s*(?:SendAs\\s*)?送信者\\s*(?:は)?\\s*(?:', WHO, ')?', END)),
  subjectParser('who-sent-as', pattern('^', SUBJECT, '\\s*の\\s*', SEND_AS_WORD, HISTORY, '$')),
  keywordParser(
    'anomalies',
    pattern(
      '^(?:何か|なにか|最近)?\\s*(?:の)?\\s*(?:見つかった|検出された|検知された)?\\s*(?:異常(?:検知(?:の結果)?)?|アラート|警告|不審(?:な(?:送信|動き|アクティビティ|活動|操作))?|怪しい(?:送信|動き|アクティビティ|活動|こと)?',
      '|おかしな(?:送信|動き)|異常な(?:送信|動き|アクティビティ|活動)|気になる(?:送信|動き|こと))\\s*(?:は|が|を)?\\s*',
      '(?:ある|あった|ない|あります|ありますか|ありましたか|ありませんか|検知|一覧)?',
      END,
    ),
  ),
  keywordParser(
    'health',
    pattern(
      '^(?:監査\\s*)?(?:ログ|データ)?\\s*(?:の|に)?\\s*(?:状態|健全性|ヘルス(?:チェック)?|欠落|抜け|漏れ|欠損|ギャップ|鮮度|カバレッジ|網羅性|取りこぼし|取り込み(?:状況|状態)?)',
      '\\s*(?:は|が)?\\s*(?:ある|あります|ありますか|ない|ないか|大丈夫|正常|OK)?',
      END,
    ),
  ),
  keywordParser('health', pattern('^(?:監査(?:ログ)?|ログ|データ)\\s*(?:は|が)?\\s*(?:完全|最新|正常|大丈夫|健全)', END)),
  keywordParser(
    'unsubscribe',
    pattern(
      '^(?:この(?:チャネル|チャンネル|チャット)\\s*(?:へ|で)?\\s*の\\s*)?(?:購読|通知|アラート)\\s*(?:を)?\\s*(?:解除|停止|オフ|OFF|無効(?:化)?|中止|止め|やめ|とめ)',
      '\\s*(?:にする|にして|にします|する|して|します|る|て|たい)?$',
    ),
  ),
  keywordParser('unsubscribe', pattern('^(?:通知|アラート)\\s*(?:は)?\\s*(?:もう)?\\s*(?:いらない|要らない|不要)', END)),
  keywordParser(
    'subscribe',
    pattern(
      '^(?:この(?:チャネル|チャンネル|チャット)\\s*(?:に|で)\\s*)?',
      '(?:(?:通知|アラート)\\s*(?:を)?\\s*(?:オン|ON|有効(?:化)?|開始)|購読|通知|(?:通知|アラート)\\s*を\\s*受け取(?:る|りたい|ります)',
      '|通知(?:して|する)',
      '|(?:異常|何か)\\s*(?:が)?\\s*あったら(?:\\s*(?:通知|知らせ)(?:して|て)?)?)',
      '\\s*(?:にする|にして|にします|する|して|します|したい)?$',
    ),
  ),
  keywordParser(
    'help',
    pattern(
      '^(?:ヘルプ|へるぷ|使い方|つかいかた|助けて|たすけて|何ができる|なにができる|何ができますか|何を聞ける|何が聞ける',
      '|何を聞けば(?:いい|良い)|何を手伝って(?:くれる|もらえる)|どうやって使う|どう使(?:う|えば(?:いい|良い))|どんな質問(?:が|を)?\\s*(?:できる|できます|すれば(?:いい|良い))|コマンド(?:一覧)?|質問(?:の)?例|こんにちは)\\s*(?:の)?\\s*(?:ですか|か)?$',
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
