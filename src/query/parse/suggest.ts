import type { Language } from '../../i18n/reasons';
import type { Intent } from '../query';
import type { IntentMatch } from './core';
import { EXAMPLE_QUESTIONS, writeQuestion } from './examples';
import type { TemplateValues } from './examples';
import { replaceTokens, restoreTokens } from './normalize';
import type { ProtectedText } from './normalize';
import { readSubject } from './subject';

/**
 * "Did you mean": the supported question closest to what was typed, by token overlap (Jaccard)
 * against the examples and a few paraphrases per intent, filled with any address or name found.
 */

const SUBJECT_MARK = 'xsubject';
const EVENT_MARK = 'xevent';

/** Paraphrases that are not supported as such but clearly lean towards one intent. */
const PARAPHRASES: Readonly<Record<Language, readonly { readonly intent: Intent; readonly text: string }[]>> = {
  en: [
    { intent: 'who-sent-as', text: `who sends as ${SUBJECT_MARK}` },
    { intent: 'who-sent-as', text: `who can send as ${SUBJECT_MARK}` },
    { intent: 'who-sent-as', text: `sendas activity for ${SUBJECT_MARK}` },
    { intent: 'who-sent-on-behalf', text: `who sends on behalf of ${SUBJECT_MARK}` },
    { intent: 'who-sent-on-behalf', text: 'send on behalf delegate' },
    { intent: 'what-did-send-as', text: `what does ${SUBJECT_MARK} send as` },
    { intent: 'what-did-send-as', text: `which mailboxes does ${SUBJECT_MARK} use to send` },
    { intent: 'explain', text: `event details ${EVENT_MARK}` },
    { intent: 'anomalies', text: 'suspicious unusual weird activity alert' },
    { intent: 'health', text: 'audit log missing events gaps delay complete' },
    { intent: 'top-delegates', text: 'top most active busiest delegates senders ranking' },
    { intent: 'top-mailboxes', text: 'most used shared mailboxes ranking usage' },
    { intent: 'external-senders', text: 'external outside guest senders users' },
    { intent: 'new-delegates', text: 'new first time delegates started sending' },
    { intent: 'subscribe', text: 'notify me notification alert on enable' },
    { intent: 'unsubscribe', text: 'stop notification off disable' },
    { intent: 'help', text: 'how commands examples what can you do' },
  ],
  ja: [
    { intent: 'who-sent-as', text: `${SUBJECT_MARK} の送信者は誰` },
    { intent: 'who-sent-as', text: `誰が ${SUBJECT_MARK} として送れる` },
    { intent: 'who-sent-on-behalf', text: `${SUBJECT_MARK} の代理送信` },
    { intent: 'what-did-send-as', text: `${SUBJECT_MARK} はどのアドレスで送る` },
    { intent: 'explain', text: `イベント ${EVENT_MARK} の詳細` },
    { intent: 'anomalies', text: '不審 怪しい 異常 アラート 警告' },
    { intent: 'health', text: '監査ログ 欠落 遅延 状態' },
    { intent: 'top-delegates', text: '代理人 ランキング 上位 多い' },
    { intent: 'top-mailboxes', text: '共有メールボックス 利用 ランキング よく使われた' },
    { intent: 'external-senders', text: '外部 社外 ゲスト 送信者' },
    { intent: 'new-delegates', text: '新しい 新規 初めて 代理人' },
    { intent: 'subscribe', text: '通知 購読 オン 有効' },
    { intent: 'unsubscribe', text: '通知 停止 オフ 解除 無効' },
    { intent: 'help', text: 'ヘルプ 使い方 コマンド 例' },
  ],
};

/** Word forms that should count as the same word. */
const STEMS: Readonly<Record<string, string>> = {
  sent: 'send', sends: 'send', sending: 'send', sendas: 'send',
  anomalies: 'anomaly', anomalous: 'anomaly', alerts: 'alert',
  notifications: 'notification', notify: 'notification', notifying: 'notification',
  gaps: 'gap', events: 'event', mailboxes: 'mailbox', subscribed: 'subscribe', unsubscribed: 'unsubscribe',
};
const STOP_WORDS = new Set(['the', 'a', 'an', 'me', 'please', 'can', 'could', 'you', 'tell', 'show', 'i', 'to', 'is', 'are', 'any', 'there', 'did', 'does', 'do', 'has', 'have']);

const JAPANESE_RUN = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー]+/gu;

function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const [word] of text.toLowerCase().matchAll(/[a-z0-9]+/g)) {
    const stem = STEMS[word] ?? word;
    if (!STOP_WORDS.has(stem)) words.push(stem);
    // "SendAs" written as one word is still "send as".
    if (word === 'sendas') words.push('as');
  }
  return words;
}

function bigramsOf(text: string): string[] {
  const grams: string[] = [];
  for (const [run] of text.matchAll(JAPANESE_RUN)) {
    if (run.length === 1) grams.push(run);
    for (let i = 0; i + 1 < run.length; i += 1) grams.push(run.slice(i, i + 2));
  }
  return grams;
}

function features(text: string): Set<string> {
  return new Set([...wordsOf(text), ...bigramsOf(text)]);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Examples as probes: their sample values replaced by the same marks as the question's. */
function probes(language: Language): { intent: Intent; features: Set<string> }[] {
  const examples = EXAMPLE_QUESTIONS[language].map(({ intent, text }) => ({
    intent,
    text: text
      .replace(/finance@contoso\.com|finance|alex/g, SUBJECT_MARK)
      .replace(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/, EVENT_MARK),
  }));
  return [...examples, ...PARAPHRASES[language]].map(({ intent, text }) => ({ intent, features: features(text) }));
}

const PROBES: Readonly<Record<Language, readonly { intent: Intent; features: Set<string> }[]>> = {
  en: probes('en'),
  ja: probes('ja'),
};

/** The intent whose examples share most words with the question; who-sent-as when nothing does. */
function closestIntent(text: string, language: Language): Intent {
  const question = features(text);
  let best: { intent: Intent; score: number } = { intent: 'who-sent-as', score: 0 };
  for (const probe of PROBES[language]) {
    const score = jaccard(question, probe.features);
    if (score > best.score) best = { intent: probe.intent, score };
  }
  return best.intent;
}

/** English words after which the question's name tends to come: "send as X", "on behalf of X", "does X". */
const NAME_CUES = new Set(['as', 'of', 'for', 'from', 'did', 'does', 'do', 'has', 'have', 'can', 'could', 'is', 'was']);
const MAX_NAME_WORDS = 5;
/** Words that end a name in a question: "send as activity on the legal mailbox" is not about "activity on". */
const NOT_IN_NAMES = new Set(['activity', 'events', 'event', 'logs', 'log', 'records', 'history', 'on', 'in', 'at', 'by', 'with', 'about', 'to', 'from', 'for', 'of']);

/** The longest run of words after a cue that reads as a name ("Alex Wilber", "the finance mailbox"). */
function guessEnglishName(text: string): string | null {
  const words = text.split(/\s+/).filter((word) => word !== '');
  for (let cue = 0; cue < words.length; cue += 1) {
    if (!NAME_CUES.has((words[cue] ?? '').toLowerCase())) continue;
    for (let length = Math.min(MAX_NAME_WORDS, words.length - cue - 1); length >= 1; length -= 1) {
      const candidate = words.slice(cue + 1, cue + 1 + length);
      if (candidate.some((word) => NOT_IN_NAMES.has(word.toLowerCase()))) continue;
      const subject = readSubject(candidate.join(' '), []);
      if (subject !== null) return subject.text;
    }
  }
  return null;
}

/** A name the question seems to be about: words after "as" / "of", or before "として". */
function guessName(text: string): string | null {
  const english = guessEnglishName(text.replace(/[?!.,]+$/, ''));
  if (english !== null) return english;
  const cue = /([A-Za-z0-9][A-Za-z0-9._'-]*|[\p{Script=Han}\p{Script=Katakana}ー]+)\s*(?:として|の代理|(?:は|が)\s*(?:誰|何|なに|どの)|の送信者|の\s*メール)/gu;
  for (const [, candidate] of text.matchAll(cue)) {
    const subject = readSubject(candidate ?? '', []);
    if (subject !== null) return subject.text;
  }
  return null;
}

function valuesFrom(question: ProtectedText): Partial<TemplateValues> {
  const address = question.tokens.find((token) => token.kind === 'address')?.value;
  const eventId = question.tokens.find((token) => token.kind === 'event-id')?.value;
  const name = address ?? guessName(restoreTokens(question.text, question.tokens));
  return {
    ...(name === null ? {} : { subject: name, actor: name }),
    ...(eventId === undefined ? {} : { eventId }),
  };
}

function valuesOfMatch(match: IntentMatch): Partial<TemplateValues> {
  switch (match.intent) {
    case 'who-sent-as':
    case 'who-sent-on-behalf':
      return { subject: match.subject.text };
    case 'what-did-send-as':
      return { actor: match.actor.text };
    case 'explain':
      return { eventId: match.eventId };
    case 'anomalies':
    case 'health':
    case 'top-delegates':
    case 'top-mailboxes':
    case 'external-senders':
    case 'new-delegates':
    case 'subscribe':
    case 'unsubscribe':
    case 'help':
      return {};
    default:
      return match satisfies never;
  }
}

export interface SuggestionInput {
  /** The question after normalisation, or null when it was too long to read at all. */
  readonly question: ProtectedText | null;
  /** The language the question is written in (decides which examples it is compared with). */
  readonly questionLanguage: Language;
  /** The language to answer in. */
  readonly answerLanguage: Language;
  /** An intent that was recognised although its range could not be read ("on 2022-02-30"). */
  readonly recognised?: IntentMatch;
  /** The range the question stated, as typed, already taken out of `question`: the suggestion keeps it. */
  readonly range?: string;
}

/** The closest supported question, written out in the answer language. */
export function suggestQuestion(input: SuggestionInput): string {
  const { question, questionLanguage, answerLanguage, recognised } = input;
  if (recognised !== undefined) return writeQuestion(answerLanguage, recognised.intent, valuesOfMatch(recognised));
  if (question === null) return writeQuestion(answerLanguage, 'who-sent-as');
  const values = { ...valuesFrom(question), ...(input.range === undefined ? {} : { range: input.range }) };
  if (values.eventId !== undefined) return writeQuestion(answerLanguage, 'explain', values);
  const marked = replaceTokens(question.text, question.tokens, (token) => (token.kind === 'address' ? SUBJECT_MARK : EVENT_MARK));
  return writeQuestion(answerLanguage, closestIntent(marked, questionLanguage), values);
}
