import type { Language } from '../../i18n/reasons';
import type { Intent } from '../query';

/** What fills a question template: the mailbox asked about, the sender, the event, the range as typed. */
export interface TemplateValues {
  readonly subject: string;
  readonly actor: string;
  readonly eventId: string;
  readonly range: string;
}

type NamedValues = Omit<TemplateValues, 'range'>;

/** Synthetic values for the examples (contoso.com, a fixed GUID). */
const SAMPLE_VALUES: NamedValues = {
  subject: 'finance',
  actor: 'alex',
  eventId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
};

/**
 * What a suggestion shows where the question gave no name: a blank to fill in, written as the Teams
 * command menu writes it ("what did … send as"), never a sample mailbox (a suggestion about "finance"
 * to someone who asked about another mailbox changes their question). No parser reads it as a name.
 */
const BLANK = '…';
const BLANKS: NamedValues = { subject: BLANK, actor: BLANK, eventId: BLANK };

interface ExampleTemplate {
  readonly intent: Intent;
  /**
   * `{subject}`, `{actor}`, `{eventId}` and `{range}` are filled in; the first template per intent is
   * the one suggested.
   */
  readonly template: string;
  /** The range the template says when the question gave none ("this week"); none when absent. */
  readonly range?: string;
  readonly sample?: Partial<NamedValues>;
}

/**
 * The canonical questions, one or two per intent, short enough for a Teams command list. The first
 * one of each intent is also the shape of every "did you mean" suggestion.
 */
const TEMPLATES: Readonly<Record<Language, readonly ExampleTemplate[]>> = {
  en: [
    { intent: 'who-sent-as', template: 'who sent as {subject} {range}', range: 'this week' },
    { intent: 'who-sent-as', template: 'who sent as {subject} {range}', sample: { subject: 'finance@contoso.com' } },
    { intent: 'who-sent-on-behalf', template: 'who sent on behalf of {subject} {range}', sample: { subject: 'ceo' } },
    { intent: 'what-did-send-as', template: 'what did {actor} send as {range}', range: 'last month' },
    { intent: 'explain', template: 'explain {eventId}' },
    { intent: 'anomalies', template: 'anomalies {range}' },
    { intent: 'health', template: 'audit health {range}' },
    { intent: 'top-delegates', template: 'top delegates {range}', range: 'this month' },
    { intent: 'top-mailboxes', template: 'which shared mailboxes were used most {range}', range: 'this month' },
    { intent: 'external-senders', template: 'external senders {range}', range: 'this month' },
    { intent: 'new-delegates', template: 'new delegates {range}', range: 'this week' },
    { intent: 'subscribe', template: 'subscribe' },
    { intent: 'unsubscribe', template: 'unsubscribe' },
    { intent: 'help', template: 'help' },
  ],
  ja: [
    { intent: 'who-sent-as', template: '{range} {subject} として送信したのは誰', range: '今週' },
    { intent: 'who-sent-as', template: '{range} {subject} として送信したのは誰', sample: { subject: 'finance@contoso.com' } },
    { intent: 'who-sent-on-behalf', template: '{range} {subject} の代理で送信したのは誰', sample: { subject: 'ceo' } },
    { intent: 'what-did-send-as', template: '{range} {actor} は誰として送信した', range: '先月' },
    { intent: 'explain', template: '説明 {eventId}' },
    { intent: 'anomalies', template: '{range} 異常はある？' },
    { intent: 'health', template: '{range} 監査の状態' },
    { intent: 'top-delegates', template: '{range} 代理送信が多い人は誰', range: '今月' },
    { intent: 'top-mailboxes', template: '{range} よく使われた共有メールボックス', range: '今月' },
    { intent: 'external-senders', template: '{range} 外部の送信者', range: '今月' },
    { intent: 'new-delegates', template: '{range} 新しい代理人はいる？', range: '今週' },
    { intent: 'subscribe', template: '購読' },
    { intent: 'unsubscribe', template: '購読解除' },
    { intent: 'help', template: 'ヘルプ' },
  ],
};

function fill(template: string, values: TemplateValues): string {
  return template
    .replace(/\{(subject|actor|eventId|range)\}/g, (_whole, key: keyof TemplateValues) => values[key])
    .replace(/\s+/g, ' ')
    .trim();
}

function examplesOf(language: Language): { intent: Intent; text: string }[] {
  return TEMPLATES[language].map(({ intent, template, range, sample }) => ({
    intent,
    text: fill(template, { ...SAMPLE_VALUES, ...sample, range: range ?? '' }),
  }));
}

/** The canonical example questions in both languages, for the help card and the Teams command list. */
export const EXAMPLE_QUESTIONS: Readonly<Record<Language, readonly { readonly intent: Intent; readonly text: string }[]>> = {
  en: examplesOf('en'),
  ja: examplesOf('ja'),
};

/**
 * The canonical question for an intent in a language, with the asker's own names and range; a name
 * the asker did not give is left as a blank ({@link hasBlank}), a range as the template's default.
 */
export function writeQuestion(language: Language, intent: Intent, values: Partial<TemplateValues> = {}): string {
  const template = TEMPLATES[language].find((example) => example.intent === intent) ?? TEMPLATES[language][0];
  const range = values.range === undefined || values.range === '' ? (template?.range ?? '') : values.range;
  return fill(template?.template ?? '', { ...BLANKS, ...values, range });
}

/** Whether a written question still has a blank for a name, so it cannot be asked as it stands. */
export function hasBlank(question: string): boolean {
  return question.includes(BLANK);
}
