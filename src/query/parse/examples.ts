import type { Language } from '../../classify/messages';
import type { Intent } from '../query';

/** What fills a question template: the mailbox asked about, the sender, the event. */
export interface TemplateValues {
  readonly subject: string;
  readonly actor: string;
  readonly eventId: string;
}

/** Synthetic values for the examples (contoso.com, a fixed GUID). */
const SAMPLE_VALUES: TemplateValues = {
  subject: 'finance',
  actor: 'alex',
  eventId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
};

interface ExampleTemplate {
  readonly intent: Intent;
  /** `{subject}`, `{actor}` and `{eventId}` are filled in; the first template per intent is the one suggested. */
  readonly template: string;
  readonly sample?: Partial<TemplateValues>;
}

/**
 * The canonical questions, one or two per intent, short enough for a Teams command list. The first
 * one of each intent is also the shape of every "did you mean" suggestion.
 */
const TEMPLATES: Readonly<Record<Language, readonly ExampleTemplate[]>> = {
  en: [
    { intent: 'who-sent-as', template: 'who sent as {subject} this week' },
    { intent: 'who-sent-as', template: 'who sent as {subject}', sample: { subject: 'finance@contoso.com' } },
    { intent: 'who-sent-on-behalf', template: 'who sent on behalf of {subject}' },
    { intent: 'what-did-send-as', template: 'what did {actor} send as last month' },
    { intent: 'explain', template: 'explain {eventId}' },
    { intent: 'anomalies', template: 'anomalies' },
    { intent: 'health', template: 'audit health' },
    { intent: 'subscribe', template: 'subscribe' },
    { intent: 'unsubscribe', template: 'unsubscribe' },
    { intent: 'help', template: 'help' },
  ],
  ja: [
    { intent: 'who-sent-as', template: '今週 {subject} として送信したのは誰' },
    { intent: 'who-sent-as', template: '{subject} として送信したのは誰', sample: { subject: 'finance@contoso.com' } },
    { intent: 'who-sent-on-behalf', template: '{subject} の代理で送信したのは誰' },
    { intent: 'what-did-send-as', template: '先月 {actor} は誰として送信した' },
    { intent: 'explain', template: '説明 {eventId}' },
    { intent: 'anomalies', template: '異常はある？' },
    { intent: 'health', template: '監査の状態' },
    { intent: 'subscribe', template: '購読' },
    { intent: 'unsubscribe', template: '購読解除' },
    { intent: 'help', template: 'ヘルプ' },
  ],
};

function fill(template: string, values: TemplateValues): string {
  return template.replace(/\{(subject|actor|eventId)\}/g, (_whole, key: keyof TemplateValues) => values[key]);
}

/** The canonical example questions in both languages, for the help card and the Teams command list. */
export const EXAMPLE_QUESTIONS: Readonly<Record<Language, readonly { readonly intent: Intent; readonly text: string }[]>> = {
  en: TEMPLATES.en.map(({ intent, template, sample }) => ({ intent, text: fill(template, { ...SAMPLE_VALUES, ...sample }) })),
  ja: TEMPLATES.ja.map(({ intent, template, sample }) => ({ intent, text: fill(template, { ...SAMPLE_VALUES, ...sample }) })),
};

/** The canonical question for an intent in a language, with the asker's own subject when known. */
export function writeQuestion(language: Language, intent: Intent, values: Partial<TemplateValues> = {}): string {
  const template = TEMPLATES[language].find((example) => example.intent === intent) ?? TEMPLATES[language][0];
  return fill(template?.template ?? '', { ...SAMPLE_VALUES, ...values });
}
