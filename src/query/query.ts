import type { Language } from '../i18n/reasons';

/** What the admin asked for. See DESIGN.md, "Questions the bot understands". */
export const INTENTS = [
  'who-sent-as',
  'who-sent-on-behalf',
  'what-did-send-as',
  'explain',
  'anomalies',
  'health',
  'top-delegates',
  'top-mailboxes',
  'external-senders',
  'new-delegates',
  'subscribe',
  'unsubscribe',
  'help',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Questions about the whole tenant over a range, answered as a ranking (top N with a bar chart). */
export const TENANT_INTENTS = ['top-delegates', 'top-mailboxes', 'external-senders', 'new-delegates'] as const;
export type TenantIntent = (typeof TENANT_INTENTS)[number];

/** How the range was stated, so the answer can say it back ("last 7 days", "先月"). */
export type RangeKind =
  | 'default'
  | 'today'
  | 'yesterday'
  | 'this-week'
  | 'last-week'
  | 'this-month'
  | 'last-month'
  | 'last-days'
  | 'last-hours'
  | 'since'
  | 'between'
  | 'on'
  | 'in-month';

/**
 * A resolved time range, half-open [from, to), as ISO 8601 UTC instants. Computed in the asker's time
 * zone (weeks start on Monday); `to` never lies after `now`.
 */
export interface QueryRange {
  readonly from: string;
  readonly to: string;
  readonly kind: RangeKind;
  /** For `last-days` / `last-hours`: N. */
  readonly amount?: number;
  /** The IANA zone the calendar words were read in. */
  readonly timeZone: string;
}

/**
 * Who or what a question names: an address (`finance@contoso.com`) or a name to resolve against the
 * addresses the store knows (`finance`, `Alex Wilber`).
 */
export interface SubjectRef {
  readonly text: string;
  readonly kind: 'address' | 'name';
}

export type Query =
  | { readonly intent: 'who-sent-as' | 'who-sent-on-behalf'; readonly subject: SubjectRef; readonly range: QueryRange }
  | { readonly intent: 'what-did-send-as'; readonly actor: SubjectRef; readonly range: QueryRange }
  | { readonly intent: 'explain'; readonly eventId: string }
  | { readonly intent: 'anomalies'; readonly range: QueryRange }
  | { readonly intent: 'health'; readonly range: QueryRange }
  /** `limit`: the N of "top 5 delegates", when the question said one. */
  | { readonly intent: TenantIntent; readonly range: QueryRange; readonly limit?: number }
  | { readonly intent: 'subscribe' | 'unsubscribe' | 'help' };

/** What the parser had to assume because the question did not say it. */
export type Assumption = 'range';

export type ParseResult =
  | {
      readonly kind: 'parsed';
      readonly query: Query;
      readonly assumed: readonly Assumption[];
      /** The language the question was written in. */
      readonly language: Language;
    }
  | {
      readonly kind: 'not-understood';
      /** The closest supported question, written out in the asker's language, ready to show. */
      readonly suggestion: string;
      readonly language: Language;
    };

export interface ParseContext {
  /** The reference time: every relative word is read against it. */
  readonly now: Date;
  /** IANA time zone of the asker (Teams sends `localTimezone`); UTC when unknown. */
  readonly timeZone: string;
  /** Teams locale (`en-US`, `ja-JP`); the question's own script may override it. */
  readonly locale: string;
}
