import type { Operation } from '../../audit/event';
import type { Category, Confidence } from '../../classify/category';
import type { AnomalyKind, Severity } from '../../detect/anomaly';
import type { NonPublicKind } from '../../places/place';
import type { RangeKind, TenantIntent } from '../../query/query';
import type { ExternalWhy } from '../../query/answer';
import type { MailboxKind } from '../../classify/context';
import type { UnknownWhy } from '../../directory/lookup';
import type { Markdown } from '../../cards/markdown';

/**
 * Every word a card shows, in one language. Parameters typed `Markdown` are audit-derived and already
 * escaped; parameters typed `string` are ours (formatted dates, counts). Button titles are plain text
 * (Teams does not render markdown in them) and return `string`.
 */
export interface CardStrings {
  readonly notRecorded: string;
  readonly yes: string;
  readonly no: string;
  /** The note under a card with times: the IANA zone, named as an admin says it ("Tokyo time"). */
  readonly timesIn: (zone: string) => Markdown;

  /** Words for evidence shown on several cards: apps, mailbox kinds, recipients, external actors. */
  readonly evidence: {
    /** "3 recipients: 1 internal, 2 external". */
    readonly recipients: (count: number, internal: number, external: number) => Markdown;
    readonly recipientsListed: (summary: Markdown, addresses: Markdown) => Markdown;
    /** The record has no recipients: say so, and give the message id to trace them by. */
    readonly recipientsNotRecorded: (internetMessageId: Markdown | null) => Markdown;
    readonly appNamed: (name: Markdown, id: Markdown) => Markdown;
    readonly appNameFromRecord: (name: Markdown, id: Markdown) => Markdown;
    readonly appNameUnknown: (id: Markdown) => Markdown;
    readonly mailboxKinds: Readonly<Record<MailboxKind, string>>;
    /** A person as the directory has them: name, then job title and department when set, then account state and member/guest. */
    readonly person: (person: PersonWords) => Markdown;
    /** Why the directory could not say who the actor is. */
    readonly personUnknown: Readonly<Record<UnknownWhy, string>>;
    /** A mailbox named with its kind: "finance@contoso.com (shared mailbox)". */
    readonly mailboxNamed: (address: Markdown, kind: string) => Markdown;
    /** On a row: the owner of the person's mailbox sent as (a person text). */
    readonly mailboxOwner: (person: Markdown) => Markdown;
    /** On a row: the directory could not say who the actor is (a personUnknown text). */
    readonly rowPersonUnknown: (why: string) => Markdown;
    /** Once per answer without a directory: people and mailbox kinds are unknown. */
    readonly noDirectoryNote: Markdown;
    /** The marker on a row whose actor is external. */
    readonly external: string;
    /** With no rows: the subject is known, just not in this range. */
    readonly lastSeen: (when: string) => Markdown;
  };

  readonly categories: Readonly<Record<Category, string>>;
  readonly confidence: Readonly<Record<Confidence, string>>;

  readonly range: {
    readonly words: (kind: RangeWordsInput) => string;
    /** The range words followed by "(no range given)". */
    readonly assumed: (words: string) => string;
  };

  readonly answer: {
    readonly title: Readonly<Record<'who-sent-as' | 'who-sent-on-behalf' | 'what-did-send-as', (subject: Markdown) => Markdown>>;
    readonly summary: (input: SummaryInput) => Markdown;
    readonly empty: Markdown;
    readonly delegatesHeading: (rows: number) => Markdown;
    readonly unknownHeading: (rows: number) => Markdown;
    readonly unknownNote: Markdown;
    readonly noiseToggle: (rows: number) => string;
    readonly noiseIntro: Markdown;
    readonly noiseWhy: Readonly<Record<'owner-misreport' | 'connector' | 'application', Markdown>>;
    readonly rowDetail: (count: number, span: string) => Markdown;
    readonly rowClients: (clients: Markdown) => Markdown;
    /**
     * On a delegate row: the right behind its sends of `operation` at the last one. Held since `since`
     * (a formatted time; null: since before the retained history), granted by `grantedBy` when recorded.
     */
    readonly rowRightHeld: (operation: Operation, since: string | null, grantedBy: Markdown | null) => Markdown;
    /** The last send predates the retained admin records: which right was behind it cannot be said. */
    readonly rowRightBeforeHistory: (operation: Operation) => Markdown;
    /** No right we know of: a gap in what we know, never an accusation; `fullAccess` when Full Access (which sends nothing) was held. */
    readonly rowRightNoneKnown: (operation: Operation, fullAccess: boolean) => Markdown;
    /** The identity a row's sends used, when it is not the one asked about: "as X" or "on behalf of X". */
    readonly sentAsLabel: (sentAs: Markdown, onBehalf: boolean) => Markdown;
    /** Chart titles: events per day by category; on a one-day range, sends per person (or mailbox). */
    readonly chartTitle: string;
    readonly chartByPerson: string;
    readonly chartByMailbox: string;
    /** A text bar's numbers, for hosts without charts: "12 (Delegates 3, Connectors 9)". */
    readonly chartLine: (total: string, parts: string) => string;
    readonly events: string;
    readonly nextPage: string;
    readonly pageInfo: (first: number, last: number, total: number) => Markdown;
  };

  readonly detail: {
    readonly title: (eventId: Markdown) => Markdown;
    readonly verdict: (category: string, confidence: string) => Markdown;
    readonly reasonsHeading: Markdown;
    readonly fields: Readonly<Record<DetailField, string>>;
    /** The `sentAs` row's label on a Send on Behalf event: the mailbox it was sent on behalf of. */
    readonly sentOnBehalfOf: string;
    /** LogonType and UserType values by name, shown beside the number Exchange wrote ("Delegate (2)"). */
    readonly logonTypes: Readonly<Record<number, string>>;
    readonly userTypes: Readonly<Record<number, string>>;
    /** The button that shows the rule and the raw details behind the verdict. */
    readonly showDetails: string;
    readonly rule: (ruleId: Markdown) => Markdown;
  };

  readonly events: {
    readonly title: (actor: Markdown, sentAs: Markdown) => Markdown;
    readonly summary: (total: number) => Markdown;
    readonly empty: Markdown;
    readonly pageInfo: (first: number, last: number, total: number) => Markdown;
    readonly operation: Readonly<Record<Operation, string>>;
    /** A single event's category (the answer card's headings name groups). */
    readonly category: Readonly<Record<Category, string>>;
    readonly clientIp: (ip: Markdown) => Markdown;
    readonly noClientIp: string;
    readonly subject: (subject: Markdown) => Markdown;
    readonly noSubject: Markdown;
    readonly explain: string;
    readonly olderEvents: string;
    readonly newestEvents: string;
  };

  readonly help: {
    readonly welcomeTitle: Markdown;
    readonly welcomeIntro: Markdown;
    readonly helpTitle: Markdown;
    readonly helpIntro: Markdown;
    readonly notUnderstood: Markdown;
    readonly didYouMean: (suggestion: Markdown) => Markdown;
    readonly askSuggestion: string;
    readonly examplesHeading: Markdown;
    /** Above the rights questions: who holds a right, as against who used one. */
    readonly rightsHeading: Markdown;
    readonly blindSpot: Markdown;
    /** Group chats and channels only deliver messages that @mention the bot (issue 17). */
    readonly mentionInGroups: Markdown;
  };

  readonly refusal: {
    readonly title: Markdown;
    readonly text: Markdown;
    readonly grant: (contact: Markdown | null) => Markdown;
  };

  readonly error: {
    readonly title: Markdown;
    readonly text: Markdown;
    readonly reference: string;
  };

  readonly progress: {
    readonly title: Markdown;
    /** What the progress card says is being fetched: "Send on Behalf records for finance@…, 1 May – 7 May". */
    readonly graphRecords: (mode: SendMode, subject: string, span: string) => string;
    /** The short confirmation Teams shows after a card button posted new cards. */
    readonly actionDone: string;
    readonly fetching: string;
    readonly started: string;
    readonly elapsed: string;
    readonly note: Markdown;
  };

  readonly anomaly: {
    readonly title: (count: number) => Markdown;
    readonly listTitle: Markdown;
    readonly none: Markdown;
    readonly severity: Readonly<Record<Severity, string>>;
    readonly kind: Readonly<Record<AnomalyKind, string>>;
    /**
     * Each kind's sentence and the few facts that matter, in the admin's words. Exhaustive over the
     * kinds: a new kind without words does not compile.
     */
    readonly words: Readonly<Record<AnomalyKind, (input: AnomalyWordsInput) => AnomalyText>>;
    readonly at: string;
    readonly explain: string;
    readonly evidence: (count: number) => string;
    readonly mute: string;
    readonly moreNotShown: (count: number) => Markdown;
    readonly showAll: string;
  };

  readonly ambiguous: {
    readonly title: Markdown;
    readonly text: (asked: Markdown) => Markdown;
    readonly more: (count: number) => Markdown;
  };

  readonly notFound: {
    readonly title: Markdown;
    readonly address: (asked: Markdown) => Markdown;
    readonly event: (asked: Markdown) => Markdown;
    readonly suggestions: Markdown;
    readonly none: Markdown;
  };

  readonly notice: {
    readonly subscribedTitle: Markdown;
    readonly subscribed: Markdown;
    readonly alreadySubscribed: Markdown;
    readonly queued: (count: number) => Markdown;
    readonly subscribedNote: Markdown;
    readonly unsubscribedTitle: Markdown;
    readonly unsubscribed: Markdown;
    readonly notSubscribed: Markdown;
    readonly mutedTitle: Markdown;
    readonly muted: (kind: string, mailbox: Markdown) => Markdown;
    readonly alreadyMuted: (kind: string, mailbox: Markdown) => Markdown;
    readonly mutedNote: Markdown;
    /** The button on the "Muted" card that lifts the mute. */
    readonly undoMute: string;
    readonly unmutedTitle: Markdown;
    readonly unmuted: (kind: string, mailbox: Markdown) => Markdown;
    readonly notMuted: (kind: string, mailbox: Markdown) => Markdown;
    readonly evidenceTitle: (kind: string) => Markdown;
    readonly evidence: (count: number) => Markdown;
    readonly unknownTitle: Markdown;
    readonly unknown: Markdown;
    readonly unavailableTitle: Markdown;
    readonly unavailable: Markdown;
    readonly unreadableActionTitle: Markdown;
    readonly unreadableAction: Markdown;
  };

  readonly health: {
    readonly title: Markdown;
    readonly source: string;
    readonly totalEvents: string;
    readonly eventsInRange: string;
    readonly oldest: string;
    readonly newest: string;
    readonly lastIngest: string;
    readonly never: string;
    readonly statusHeading: Markdown;
    readonly totalsHeading: Markdown;
  };

  /** Tenant-wide rankings: top delegates, mailboxes sent as most, external senders, new delegates. */
  readonly ranking: {
    readonly title: Readonly<Record<TenantIntent, Markdown>>;
    /** One sentence: how many rows and sends in the range, or that there are none. */
    readonly summary: (intent: TenantIntent, rows: number, sends: number) => Markdown;
    readonly chartTitle: Readonly<Record<TenantIntent, string>>;
    /** "15 sends: 12 sent as, 3 sent on behalf of": Send on Behalf counted apart from Send As. */
    readonly sends: (total: number, sendAs: number, onBehalf: number) => Markdown;
    /** How many mailboxes an actor sent as (or, for a mailbox, how many people sent as it). */
    readonly counterparts: (intent: TenantIntent, n: number) => Markdown;
    /** A new pair's first send: "first sent 17 Nov 2026 09:22". */
    readonly firstSend: (when: string) => Markdown;
    readonly pair: (actor: Markdown, mailbox: Markdown) => Markdown;
    /** A mailbox's kind on its row when neither the directory nor the audit settings know it. */
    readonly kindUnknown: string;
    readonly externalWhy: Readonly<Record<ExternalWhy, string>>;
    /** The rows past the top N: "and 25 more (310 sends)". */
    readonly more: (rows: number, sends: number) => Markdown;
    /** Top mailboxes with some kinds unknown: which sources could have told, and that nothing is guessed. */
    readonly kindsUnknown: (unknown: number, shown: number) => Markdown;
    /** External senders: what counts as external, with the domains judged to be the tenant's. */
    readonly externalMeans: (domains: Markdown) => Markdown;
    /** New delegates: how far back "first" was checked (null: no older record), and the gaps in that history. */
    readonly history: (from: string | null, gaps: number) => Markdown;
  };

  /** Where a client IP is: country and network, or why it has none. */
  readonly places: {
    /** The explain card's fact name. */
    readonly field: string;
    readonly kinds: Readonly<Record<NonPublicKind, string>>;
    /** A Microsoft server (Exchange, Azure), with its datacenter's country name when known. */
    readonly microsoft: (country: string | null) => string;
    /** A public address the database places in no country. */
    readonly countryUnknown: string;
    readonly network: (asn: number, name: Markdown) => Markdown;
    /** An answer row's countries, already named and joined. */
    readonly rowCountries: (countries: string) => Markdown;
    /** The credit the databases' CC BY 4.0 licences ask for wherever their results are shown. */
    readonly attribution: Markdown;
  };

  /** Exporting a card's events as a CSV file through Teams' file consent card (personal chats only). */
  readonly exportFile: {
    /** The Export button on answer and events cards. */
    readonly button: string;
    /** The consent card's description (plain text): how many events of which operation (null: both), of whom, when. */
    readonly description: (rows: number, operation: Operation | null, who: string, span: string) => string;
    /** Added to the description when the bound cut the file. */
    readonly capped: (rows: number, total: number) => string;
    readonly emptyTitle: Markdown;
    readonly empty: Markdown;
    readonly personalOnlyTitle: Markdown;
    /** Group chats and channels: files go only to a personal chat; `question` is what to ask there, or null. */
    readonly personalOnly: (question: Markdown | null) => Markdown;
    /** The text beside the file card once the file is in OneDrive. */
    readonly uploaded: (name: string, rows: number) => string;
    readonly declinedTitle: Markdown;
    readonly declined: Markdown;
    readonly failedTitle: Markdown;
    readonly failed: Markdown;
    readonly expired: Markdown;
  };
}

export interface RangeWordsInput {
  readonly kind: RangeKind;
  /** N for "last N days/hours"; the range's length in days for the default range. */
  readonly amount: number;
}

export interface SummaryInput {
  readonly intent: 'who-sent-as' | 'who-sent-on-behalf' | 'what-did-send-as';
  /** Distinct actors (or identities sent as) among genuine delegate rows, and their events. */
  readonly people: number;
  readonly sends: number;
  /** Events that are noise (owner misreport, connector, application), and unclear ones. */
  readonly noise: number;
  readonly unknown: number;
}

/** How an anomaly's sends were logged: the sentence says "sent as" or "sent on behalf of" from it. */
export type SendMode = 'as' | 'on-behalf' | 'both' | 'unknown';

export interface AnomalyWordsInput {
  readonly actor: Markdown | null;
  readonly mailbox: Markdown | null;
  readonly mode: SendMode;
  /**
   * A fact ready to show: counts grouped, instants in the card's zone and date style, client families
   * named, other text escaped; null when the detector did not record it or recorded it empty.
   */
  readonly fact: (name: string) => Markdown | null;
  /** A numeric fact as a number, for plurals, durations and comparisons. */
  readonly number: (name: string) => number | null;
  /** A fact that is one of our codes (`reason`, `scope`), to choose words by; never shown as is. */
  readonly code: (name: string) => string | null;
}

/** Facts a card shows under the sentence; a null value is left out. */
export type AnomalyFact = readonly [label: string, value: Markdown | null];

export interface AnomalyText {
  readonly sentence: Markdown;
  readonly facts: readonly AnomalyFact[];
}

export type DetailField =
  | 'id'
  | 'time'
  | 'operation'
  | 'actor'
  | 'actorPerson'
  | 'mailbox'
  | 'sentAs'
  | 'client'
  | 'clientFamily'
  | 'clientIp'
  | 'logonType'
  | 'userType'
  | 'appId'
  | 'externalAccess'
  | 'subject'
  | 'internetMessageId'
  | 'app'
  | 'mailboxKind'
  | 'recipients'
  | 'sessionId'
  | 'tokenObjectId'
  | 'sources';

/** A directory person's fields, escaped for the card; null where the directory holds nothing. */
export interface PersonWords {
  readonly displayName: Markdown;
  readonly jobTitle: Markdown | null;
  readonly department: Markdown | null;
  readonly accountEnabled: boolean | null;
  readonly guest: boolean | null;
}
