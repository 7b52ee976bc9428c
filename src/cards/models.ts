import type { AskAction, DrillAction, EventsAction, EvidenceAction, ExplainAction, ExportAction, MuteAction, PageAction, ReviewKeepAction, ReviewRemoveAction, UnmuteAction } from './actions';
import type { Markdown } from './markdown';

/**
 * The data each template in /cards binds to, one interface per file. Every field is always present
 * (null or empty rather than missing): an absent field would leave a literal `${field}` in the card.
 * `Markdown` fields are escaped or our own wording; `string` fields are button titles, ids, chart
 * legends and colours, which Teams shows as plain text.
 */

/** A caveat shown in a coloured box at the top of a card. */
export interface WarningView {
  readonly style: 'attention' | 'warning';
  readonly text: Markdown;
}

/** A quiet line at the foot of a card (the Outlook Mobile blind spot). */
export interface NoteView {
  readonly text: Markdown;
}

export interface FactView {
  readonly title: Markdown;
  readonly value: Markdown;
}

/** One row of an activity answer. `id` is `row-<index in the whole answer>`; the pager measures by it. */
export interface ActivityRowView {
  readonly id: string;
  readonly who: Markdown;
  readonly detail: Markdown;
  /** Null when the row's addresses are too long to be real ones, so no button could carry them. */
  readonly drill: DrillAction | null;
}

export interface NoiseGroupView {
  readonly heading: Markdown;
  readonly why: Markdown;
  readonly rows: readonly ActivityRowView[];
}

/** One category's bars across the days of a stacked Chart.VerticalBar.Grouped. */
export interface ChartSeries {
  readonly legend: string;
  readonly color: string;
  readonly values: readonly ChartPoint[];
}

/** A bar: a day or a person (x) and its events (y). */
export interface ChartPoint {
  readonly x: string;
  readonly y: number;
}

/** Data for cards/answer.json: who sent as / on behalf of X, what did Y send as. */
export interface AnswerCardData {
  readonly title: Markdown;
  readonly range: Markdown;
  readonly warnings: readonly WarningView[];
  readonly summary: Markdown;
  /** Sends per day stacked by category, or (a one-day range) the busiest people as bars, or none. */
  readonly chartKind: 'days' | 'people' | 'none';
  readonly chartTitle: string;
  readonly chartSeries: readonly ChartSeries[];
  readonly chartBars: readonly ChartPoint[];
  /** The same numbers as text bars, for hosts without Teams charts (the charts' `fallback`). */
  readonly chartLines: readonly FactView[];
  /** "Rows 26–50 of 120", or '' when everything fits on one page. */
  readonly pageInfo: Markdown | '';
  readonly delegatesHeading: Markdown;
  readonly delegates: readonly ActivityRowView[];
  readonly unknownHeading: Markdown;
  readonly unknownNote: Markdown;
  readonly unknown: readonly ActivityRowView[];
  readonly noiseToggle: string;
  readonly noiseIntro: Markdown;
  readonly noiseGroups: readonly NoiseGroupView[];
  readonly notes: readonly NoteView[];
  readonly timeZoneNote: Markdown;
  readonly eventsTitle: string;
  readonly nextPage: PageAction | null;
  readonly nextPageTitle: string;
  /** The answer's events as a CSV file; null when there are none or the subject cannot ride in a button. */
  readonly exportAction: ExportAction | null;
  readonly exportTitle: string;
}

/** Data for cards/event-detail.json: "explain EVENT_ID". */
export interface EventDetailCardData {
  readonly title: Markdown;
  readonly warnings: readonly WarningView[];
  readonly verdict: Markdown;
  /** Container style for the verdict: delegates stand out, noise does not. */
  readonly verdictStyle: 'attention' | 'warning' | 'emphasis';
  /** The toggle's title, and the rule behind the verdict that it shows. */
  readonly showDetails: string;
  readonly rule: Markdown;
  readonly reasonsHeading: Markdown;
  readonly reasons: readonly { readonly text: Markdown }[];
  /**
   * One row per field, label column of fixed width: in a FactSet a long unbroken value (a message id)
   * squeezed the labels until Japanese ones wrapped one character per line.
   */
  readonly facts: readonly FactView[];
  readonly notes: readonly NoteView[];
  readonly timeZoneNote: Markdown;
}

/** Data for cards/help.json: help, welcome, and "not understood" (when `notUnderstood` is set). */
export interface HelpCardData {
  readonly title: Markdown;
  readonly intro: Markdown;
  readonly notUnderstood: Markdown | '';
  readonly didYouMean: Markdown | '';
  /** The button that asks the suggestion; null when there is none or it is too long to carry. */
  readonly suggestion: AskAction | null;
  readonly suggestionButton: string;
  readonly examplesHeading: Markdown;
  readonly examples: readonly { readonly title: string; readonly ask: AskAction }[];
  readonly rightsHeading: Markdown;
  readonly rightsExamples: readonly { readonly title: string; readonly ask: AskAction }[];
  readonly blindSpot: Markdown;
  /** How to ask in group chats and channels: with an @mention. */
  readonly mentionInGroups: Markdown;
}

/** Data for cards/refusal.json. */
export interface RefusalCardData {
  readonly title: Markdown;
  readonly text: Markdown;
  readonly grant: Markdown;
}

/** Data for cards/error.json. */
export interface ErrorCardData {
  readonly title: Markdown;
  readonly text: Markdown;
  readonly referenceLabel: Markdown;
  readonly reference: Markdown;
}

/** Data for cards/progress.json (sent first, then updated in place while a Graph query runs). */
export interface ProgressCardData {
  readonly title: Markdown;
  readonly facts: readonly FactView[];
  readonly note: Markdown;
}

/** One anomaly on cards/anomaly.json. */
export interface AnomalyItemView {
  readonly id: string;
  /** Severity, kind and time in one line, coloured by severity. */
  readonly heading: Markdown;
  readonly color: 'Attention' | 'Warning' | 'Accent' | 'Default';
  readonly words: Markdown;
  readonly facts: readonly FactView[];
  readonly explain: ExplainAction | null;
  readonly evidence: EvidenceAction | null;
  readonly evidenceTitle: string;
  readonly mute: MuteAction | null;
}

/** Data for cards/anomaly.json: a proactive notice or the answer to "anomalies". */
export interface AnomalyCardData {
  readonly title: Markdown;
  readonly subtitle: Markdown | '';
  readonly warnings: readonly WarningView[];
  readonly none: Markdown;
  readonly pageInfo: Markdown | '';
  readonly items: readonly AnomalyItemView[];
  readonly explainTitle: string;
  readonly muteTitle: string;
  readonly more: Markdown | '';
  readonly timeZoneNote: Markdown;
  readonly nextPage: PageAction | null;
  readonly nextPageTitle: string;
}

/** Data for cards/ambiguous.json: a name matched several addresses. */
export interface AmbiguousCardData {
  readonly title: Markdown;
  readonly text: Markdown;
  readonly candidates: readonly { readonly title: string; readonly ask: AskAction }[];
  readonly more: Markdown | '';
}

/** Data for cards/not-found.json. */
export interface NotFoundCardData {
  readonly title: Markdown;
  /** Why "never seen" may be short of the whole truth: the range was not loaded, or Graph failed. */
  readonly warnings: readonly WarningView[];
  readonly text: Markdown;
  readonly suggestionsHeading: Markdown;
  readonly suggestions: readonly (
    | { readonly title: string; readonly verb: 'ask'; readonly action: AskAction }
    | { readonly title: string; readonly verb: 'explain'; readonly action: ExplainAction }
  )[];
  readonly none: Markdown;
}

/** One entry of a tenant-wide ranking; `drill` lists a new pair's events. */
export interface RankingRowView {
  readonly who: Markdown;
  readonly detail: Markdown;
  readonly drill: DrillAction | null;
}

/** Data for cards/ranking.json: top delegates, mailboxes sent as most, external senders, new delegates. */
export interface RankingCardData {
  readonly title: Markdown;
  readonly range: Markdown;
  readonly warnings: readonly WarningView[];
  readonly summary: Markdown;
  /** The top N as bars; empty when there is nothing to chart. */
  readonly chartTitle: string;
  readonly chartColor: string;
  readonly chartBars: readonly ChartPoint[];
  /** The same numbers as text bars, for hosts without Teams charts. */
  readonly chartLines: readonly FactView[];
  readonly rows: readonly RankingRowView[];
  /** "…and 25 more", or '' when every row is shown. */
  readonly more: Markdown | '';
  readonly notes: readonly NoteView[];
  readonly timeZoneNote: Markdown;
  readonly eventsTitle: string;
}

/** Data for cards/health.json. */
export interface HealthCardData {
  readonly title: Markdown;
  readonly range: Markdown;
  readonly warnings: readonly WarningView[];
  readonly facts: readonly FactView[];
  readonly statusHeading: Markdown;
  readonly status: readonly { readonly text: Markdown }[];
  readonly totalsHeading: Markdown;
  readonly totals: readonly FactView[];
  readonly notes: readonly NoteView[];
  readonly timeZoneNote: Markdown;
}

/** Data for cards/notice.json: short confirmations (notifications on or off, a mute) and notes. */
export interface NoticeCardData {
  readonly title: Markdown;
  readonly text: Markdown;
  readonly facts: readonly FactView[];
  readonly note: Markdown | '';
  /** A button that takes the change back (a mute), or null. */
  readonly undo: { readonly title: string; readonly action: UnmuteAction } | null;
}

/** One event on cards/events.json. `id` is `row-<index on this page's list>`; the pager measures by it. */
export interface EventRowView {
  readonly id: string;
  /** Time and operation, coloured by category. */
  readonly heading: Markdown;
  readonly color: 'Attention' | 'Warning' | 'Default';
  /** Category, client and IP. */
  readonly detail: Markdown;
  readonly subject: Markdown;
  /** Null when the event id is too long to ride in a button. */
  readonly explain: ExplainAction | null;
}

/** Data for cards/events.json: one actor's events sending as one identity, newest first. */
export interface EventListCardData {
  readonly title: Markdown;
  readonly range: Markdown;
  readonly warnings: readonly WarningView[];
  readonly summary: Markdown;
  /** "Events 26–37 of 120", or '' when everything fits on one page. */
  readonly pageInfo: Markdown | '';
  readonly events: readonly EventRowView[];
  readonly explainTitle: string;
  readonly notes: readonly NoteView[];
  readonly timeZoneNote: Markdown;
  /** Older events, after the last one shown; null on the last page. */
  readonly nextPage: EventsAction | null;
  readonly nextPageTitle: string;
  /** Back to the newest events; null on the first page. */
  readonly firstPage: EventsAction | null;
  readonly firstPageTitle: string;
  /** These events (all pages) as a CSV file; null when there are none. */
  readonly exportAction: ExportAction | null;
  readonly exportTitle: string;
}

/** One right on cards/review.json. `id` is `right-<index in the review>`. */
export interface ReviewItemView {
  readonly id: string;
  /** Who holds which right. */
  readonly heading: Markdown;
  /** Since when, granted by, last use. */
  readonly facts: Markdown;
  /** Its latest decision ("Kept by …", "Removal decided by …"), or ''. */
  readonly decided: Markdown | '';
  readonly decidedColor: 'Good' | 'Attention' | 'Default';
  /** The removal command, shown verbatim (a TextRun, never markdown) once Remove was decided; '' before. */
  readonly command: string;
  /** Null once decided: the buttons go. */
  readonly keep: ReviewKeepAction | null;
  readonly remove: ReviewRemoveAction | null;
}

export interface ReviewMailboxView {
  readonly heading: Markdown;
  readonly items: readonly ReviewItemView[];
}

/** Data for cards/review.json: the access review, dormant rights per mailbox with Keep and Remove. */
export interface ReviewCardData {
  readonly title: Markdown;
  readonly intro: Markdown;
  readonly none: Markdown;
  readonly mailboxes: readonly ReviewMailboxView[];
  readonly keepTitle: string;
  readonly removeTitle: string;
  readonly runThis: Markdown;
  /** "12 more rights not shown…", or ''. */
  readonly more: Markdown | '';
  /** Asks the dormant-rights question, which lists them all; null when all are shown. */
  readonly askAll: AskAction | null;
  readonly askAllTitle: string;
  readonly notes: readonly NoteView[];
}

/** Template file name (without `.json`) → its data model. */
export interface TemplateData {
  readonly answer: AnswerCardData;
  readonly 'event-detail': EventDetailCardData;
  readonly events: EventListCardData;
  readonly help: HelpCardData;
  readonly refusal: RefusalCardData;
  readonly error: ErrorCardData;
  readonly progress: ProgressCardData;
  readonly anomaly: AnomalyCardData;
  readonly ambiguous: AmbiguousCardData;
  readonly 'not-found': NotFoundCardData;
  readonly health: HealthCardData;
  readonly ranking: RankingCardData;
  readonly notice: NoticeCardData;
  readonly review: ReviewCardData;
}

export type TemplateName = keyof TemplateData;
