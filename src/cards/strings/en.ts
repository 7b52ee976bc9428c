import { authored as md } from '../markdown';
import type { Markdown } from '../markdown';
import { countryNames } from '../place';
import type { CardStrings } from './types';

const count = (n: number): string => new Intl.NumberFormat('en-GB').format(n);
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;
/** "someone" when the detector recorded no actor: the sentence still reads. */
const who = (actor: Markdown | null): string => actor ?? 'someone';
const mailboxOr = (mailbox: Markdown | null, fallback: string): string => mailbox ?? fallback;
const CATEGORY_WORDS: Readonly<Record<string, string>> = { delegate: 'delegate', 'owner-misreport': "owner's own send", connector: 'connector', application: 'application', unknown: 'unclear' };
/** A detector's comma-separated category ids, worded; an unknown id is shown as it is. */
const categoryWords = (ids: Markdown): string => String(ids).split(', ').map((id) => CATEGORY_WORDS[id] ?? id).join(', ');

export const en: CardStrings = {
  notRecorded: '—',
  yes: 'yes',
  no: 'no',
  timesIn: (zone) => md(`Times in ${zone}`),

  evidence: {
    recipients: (n, internal, external) => md(`${plural(n, 'recipient', 'recipients')}: ${count(internal)} internal, ${count(external)} external`),
    recipientsListed: (summary, addresses) => md(`${summary} (${addresses})`),
    recipientsNotRecorded: (id) =>
      md(id === null ? 'Recipients are not recorded in this audit record.' : `Recipients are not recorded in this audit record; trace them in message trace by InternetMessageId ${id}.`),
    appNamed: (name, id) => md(`${name} (${id})`),
    appNameFromRecord: (name, id) => md(`${name}, as Exchange recorded it; the directory did not confirm it (${id})`),
    appNameUnknown: (id) => md(`${id}: name unknown (the directory could not be asked or has no such app)`),
    mailboxKinds: { group: 'Microsoft 365 group', person: "a person's mailbox", shared: 'shared mailbox', unknown: 'not known' },
    external: 'external',
    lastSeen: (when) => md(`Nothing in this range; it last appears in the audit data on ${when}.`),
  },

  categories: {
    delegate: 'Delegates',
    'owner-misreport': "Owner's own sends",
    connector: 'Connectors',
    application: 'Applications',
    unknown: 'Unclear',
  },
  confidence: { high: 'high', medium: 'medium', low: 'low' },

  range: {
    words: ({ kind, amount }) => {
      switch (kind) {
        case 'default':
        case 'last-days':
          return amount === 1 ? 'last day' : `last ${count(amount)} days`;
        case 'last-hours':
          return amount === 1 ? 'last hour' : `last ${count(amount)} hours`;
        case 'today':
          return 'today';
        case 'yesterday':
          return 'yesterday';
        case 'this-week':
          return 'this week';
        case 'last-week':
          return 'last week';
        case 'this-month':
          return 'this month';
        case 'last-month':
          return 'last month';
        case 'since':
        case 'between':
        case 'on':
        case 'in-month':
          // The dates say it all.
          return '';
        default:
          return kind satisfies never;
      }
    },
    assumed: (words) => (words === '' ? '(no range given)' : `${words} (no range given)`),
  },

  answer: {
    title: {
      'who-sent-as': (subject) => md(`Who sent as ${subject}`),
      'who-sent-on-behalf': (subject) => md(`Who sent on behalf of ${subject}`),
      'what-did-send-as': (subject) => md(`What ${subject} sent as`),
    },
    summary: ({ intent, people, sends, noise, unknown }) => {
      const genuine =
        people === 0
          ? 'No genuine delegate sends.'
          : intent === 'what-did-send-as'
            ? `Sent as **${plural(people, 'identity', 'identities')}**, **${plural(sends, 'time', 'times')}**.`
            : `**${plural(people, 'person', 'people')}** sent **${plural(sends, 'time', 'times')}**.`;
      const rest = [
        unknown > 0 ? `${plural(unknown, 'event is', 'events are')} unclear.` : '',
        noise > 0 ? `${plural(noise, 'event is', 'events are')} noise.` : '',
      ].filter((part) => part !== '');
      return md([genuine, ...rest].join(' '));
    },
    empty: md('No Send As or Send on Behalf events in this range.'),
    delegatesHeading: (rows) => md(`Genuine delegates (${count(rows)})`),
    unknownHeading: (rows) => md(`Unclear (${count(rows)})`),
    unknownNote: md('The evidence conflicts or is missing, so these could be delegates or noise: open the events to see why.'),
    noiseToggle: (rows) => `Show or hide noise (${count(rows)})`,
    noiseIntro: md('Logged as Send As or Send on Behalf, but not a person using a mailbox that is not theirs.'),
    noiseWhy: {
      'owner-misreport': md("The owner sent from their own mailbox; Outlook Mobile and the new Outlook log that as Send As."),
      connector: md('An Office 365 connector posted into the mailbox; the actor is whoever set the connector up.'),
      application: md('An app or service sent the message; no person was signed in.'),
    },
    rowDetail: (n, span) => md(`${plural(n, 'send', 'sends')} · ${span}`),
    rowClients: (clients) => md(`via ${clients}`),
    sentAsLabel: (sentAs) => md(`as ${sentAs}`),
    chartTitle: 'Events by category',
    events: 'Events',
    nextPage: 'Next page',
    pageInfo: (first, last, total) => md(`Rows ${count(first)}–${count(last)} of ${count(total)}`),
  },

  detail: {
    title: (eventId) => md(`Audit event ${eventId}`),
    verdict: (category, confidence, ruleId) => md(`**${category}**, ${confidence} confidence (rule ${ruleId})`),
    reasonsHeading: md('Why'),
    fields: {
      id: 'Record id',
      time: 'Time',
      operation: 'Operation',
      actor: 'Actor (UserId)',
      mailbox: 'Mailbox owner',
      sentAs: 'Sent as',
      client: 'Client string',
      clientFamily: 'Client',
      clientIp: 'Client IP',
      logonType: 'Logon type',
      userType: 'User type',
      appId: 'App id',
      externalAccess: 'External access',
      subject: 'Subject',
      internetMessageId: 'Internet message id',
      app: 'App',
      mailboxKind: 'Mailbox kind',
      recipients: 'Recipients',
      sessionId: 'Session id',
      tokenObjectId: 'Token object id',
      sources: 'Sources',
    },
  },

  events: {
    title: (actor, sentAs) => md(`Events: ${actor} as ${sentAs}`),
    summary: (n) => md(`**${plural(n, 'event', 'events')}** in this range, newest first.`),
    empty: md('No events of this sender as this identity in this range.'),
    pageInfo: (first, last, total) => md(`Events ${count(first)}–${count(last)} of ${count(total)}`),
    operation: { SendAs: 'Send As', SendOnBehalf: 'Send on Behalf' },
    category: {
      delegate: 'Delegate send',
      'owner-misreport': "Owner's own send",
      connector: 'Connector',
      application: 'Application',
      unknown: 'Unclear',
    },
    clientIp: (ip) => md(`IP ${ip}`),
    noClientIp: 'no IP recorded',
    subject: (subject) => md(`Subject: ${subject}`),
    noSubject: md('No subject recorded'),
    explain: 'Explain',
    olderEvents: 'Older events',
    newestEvents: 'Newest events',
  },

  help: {
    welcomeTitle: md('Welcome to SendAs Watch'),
    welcomeIntro: md(
      'I tell you who really sent mail as, or on behalf of, a mailbox, and I separate genuine delegates from the noise the audit log mixes in.',
    ),
    helpTitle: md('What you can ask'),
    helpIntro: md('Ask in plain English or Japanese. Name a mailbox by address or by name, and add a time range if you like.'),
    notUnderstood: md("I didn't understand that."),
    didYouMean: (suggestion) => md(`Did you mean: ${suggestion}`),
    askSuggestion: 'Ask this',
    examplesHeading: md('Try one of these'),
    blindSpot: md('Note: delegate sends made from Outlook Mobile are not written to the audit log, so no answer can show them.'),
    mentionInGroups: md(
      'In a group chat or channel, start your message with **@SendAs Watch** (for example “@SendAs Watch who sent as finance this week”): Teams only passes on messages that mention me there. In a personal chat, just ask.',
    ),
  },

  refusal: {
    title: md('Access needed'),
    text: md('SendAs Watch answers questions about mailbox audit data, so only people on its list of allowed users can ask.'),
    grant: (contact) =>
      contact === null
        ? md('The administrator who runs SendAs Watch in your organisation can add you to that list.')
        : md(`Ask ${contact} to add you to that list.`),
  },

  error: {
    title: md('Something went wrong'),
    text: md(
      'Your request could not be completed. Try again in a moment; if it keeps happening, give this reference to whoever runs SendAs Watch.',
    ),
    reference: 'Reference',
  },

  progress: {
    title: md('Asking Microsoft Graph'),
    fetching: 'Fetching',
    started: 'Started',
    elapsed: 'Elapsed',
    note: md('Audit log queries take a few minutes. This card will update itself when the answer is ready.'),
  },

  anomaly: {
    title: (n) => md(n === 1 ? '1 anomaly needs a look' : `${count(n)} anomalies need a look`),
    listTitle: md('Anomalies'),
    none: md('No anomalies in this range.'),
    severity: { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' },
    kind: {
      'new-delegate': 'New delegate',
      spike: 'Spike',
      'external-actor': 'External sender',
      'risky-client': 'Unusual client',
      'watched-mailbox': 'Watched mailbox',
      'audit-silence': 'Audit silence',
      'ingestion-failing': 'Ingestion failing',
      'noise-surge': 'Noise surge',
      'new-country': 'New country',
      'new-noise-pair': 'New connector or app writer',
      'new-app': 'New app sending',
      'external-recipients': 'Mass external send',
    },
    words: {
      'new-delegate': ({ actor, mailbox, fact }) => {
        const days = fact('baselineDays');
        const sends = fact('sends');
        return md(
          `${who(actor)} sent as ${mailboxOr(mailbox, 'a mailbox')} for the first time${days === null ? '' : ` in ${days} days`}` +
            `${sends === null ? '' : ` (${sends} sends)`}.`,
        );
      },
      spike: ({ actor, mailbox, fact }) => {
        const n = fact('sends');
        const baseline = fact('baselinePeak');
        return md(
          `${who(actor)} sent as ${mailboxOr(mailbox, 'a mailbox')} ${n === null ? 'far more often than usual' : `${n} times in a day`}` +
            `${baseline === null ? '' : `, against a busiest day of ${baseline} before`}.`,
        );
      },
      'external-actor': ({ actor, mailbox, fact }) => {
        const domain = fact('actorDomain');
        return md(
          `${who(actor)}, an account from outside the organisation${domain === null ? '' : ` (${domain})`}, sent as ${mailboxOr(mailbox, 'a mailbox')}.`,
        );
      },
      'risky-client': ({ actor, mailbox, fact }) => {
        const client = fact('client');
        return md(
          `${who(actor)} sent as ${mailboxOr(mailbox, 'a mailbox')} from ${client === null ? 'a client rarely used for this' : client}.`,
        );
      },
      'watched-mailbox': ({ actor, mailbox, fact }) => {
        const categories = fact('categories');
        return md(
          `${who(actor)} sent as ${mailbox === null ? 'a watched mailbox' : `the watched mailbox ${mailbox}`}${categories === null ? '' : ` (classified: ${categoryWords(categories)})`}.`,
        );
      },
      'audit-silence': ({ fact }) => {
        const hours = fact('silentHours');
        const expected = fact('longestNormalGapHours');
        return md(
          `No Send As events have arrived ${hours === null ? 'for far longer than usual' : `for ${hours} hours`}` +
            `${expected === null ? '' : `; the feed's own history predicts a gap of at most ${expected} hours`}. Auditing may be off or delayed.`,
        );
      },
      'ingestion-failing': ({ fact }) => {
        const since = fact('failingSince');
        const hours = fact('hoursFailing');
        return md(
          `Loading audit events keeps failing${since === null ? '' : ` since ${since}`}` +
            `${hours === null ? '' : ` (${hours} hours)`}: answers may be out of date.`,
        );
      },
      'noise-surge': ({ mailbox, fact }) => {
        const n = fact('events');
        const baseline = fact('baselineMeanPerDay');
        return md(
          `${n === null ? 'Far more' : n} owner-misreport and connector events in a day` +
            `${mailbox === null ? '' : ` for ${mailbox}`} than usual${baseline === null ? '' : ` (usually ${baseline})`}: noise, not an alert.`,
        );
      },
      'new-country': ({ actor, mailbox, fact }) => {
        const country = fact('country');
        const usual = fact('usualCountries');
        const ips = fact('ips');
        return md(
          `${who(actor)} sent as ${mailboxOr(mailbox, 'a mailbox')} from ${country === null ? 'a country new for them' : countryNames(country, 'en')}` +
            `${ips === null ? '' : ` (${ips})`}${usual === null ? '' : `; before, only from ${countryNames(usual, 'en')}`}.`,
        );
      },
      'new-noise-pair': ({ actor, mailbox, fact }) => {
        const category = fact('category');
        const what = category === null ? 'A connector or an app' : String(category) === 'connector' ? 'A connector' : 'An app';
        return md(`${what} (${who(actor)}) started writing as ${mailboxOr(mailbox, 'a mailbox')}.`);
      },
      'new-app': ({ mailbox, fact }) => {
        const app = fact('appId');
        return md(
          `An app that sent nothing before${app === null ? '' : ` (${app})`} sent as ${mailboxOr(mailbox, 'a mailbox')}. Mail-sending OAuth apps are a known way to keep access after a compromise.`,
        );
      },
      'external-recipients': ({ actor, mailbox, fact }) => {
        const external = fact('external');
        return md(`${who(actor)} sent as ${mailboxOr(mailbox, 'a mailbox')} to ${external === null ? 'many' : external} recipients outside the tenant.`);
      },
    },
    actor: 'Who',
    mailbox: 'Mailbox',
    at: 'When',
    explain: 'Explain the event',
    evidence: (n) => (n === 1 ? 'See the event' : `See the ${count(n)} events`),
    mute: 'Mute this for the mailbox',
    moreNotShown: (n) => md(`${plural(n, 'more anomaly is', 'more anomalies are')} not shown.`),
    showAll: 'Show all',
  },

  ambiguous: {
    title: md('Which one did you mean?'),
    text: (asked) => md(`“${asked}” matches several addresses. Pick one:`),
    more: (n) => md(`…and ${plural(n, 'more', 'more')}. Ask again with the full address.`),
  },

  notFound: {
    title: md('Not found'),
    address: (asked) => md(`No mailbox or person named “${asked}” appears in the audit data.`),
    event: (asked) => md(`No audit event has the id “${asked}”.`),
    suggestions: md('Close matches:'),
    none: md('Check the spelling, or ask with the full address.'),
  },

  notice: {
    subscribedTitle: md('Notifications are on'),
    subscribed: md('I will post a card in this conversation when Send As activity needs a human look.'),
    alreadySubscribed: md('Notifications were already on in this conversation.'),
    queued: (n) => md(`${plural(n, 'recent anomaly follows', 'recent anomalies follow')} shortly.`),
    subscribedNote: md('Say “unsubscribe” to turn them off. Each card can mute one kind of anomaly for one mailbox.'),
    unsubscribedTitle: md('Notifications are off'),
    unsubscribed: md('I will not post anomaly cards here any more. Say “subscribe” to turn them back on.'),
    notSubscribed: md('Notifications were not on in this conversation.'),
    mutedTitle: md('Muted'),
    muted: (kind, mailbox) => md(`I will not post “${kind}” anomalies about ${mailbox} in this conversation any more.`),
    alreadyMuted: (kind, mailbox) => md(`“${kind}” anomalies about ${mailbox} were already muted in this conversation.`),
    mutedNote: md('Other kinds of anomaly, other mailboxes and other conversations are not affected.'),
    undoMute: 'Undo',
    unmutedTitle: md('Mute lifted'),
    unmuted: (kind, mailbox) => md(`I will post “${kind}” anomalies about ${mailbox} in this conversation again, from the next one found.`),
    notMuted: (kind, mailbox) => md(`“${kind}” anomalies about ${mailbox} were not muted in this conversation.`),
    evidenceTitle: (kind) => md(`Evidence: ${kind}`),
    evidence: (n) => md(n === 0 ? 'The detector kept no events for this anomaly.' : `The ${plural(n, 'audit event', 'audit events')} behind this anomaly follow.`),
    unknownTitle: md('Anomaly not found'),
    unknown: md('I no longer know that anomaly. Ask “anomalies” to see the current ones.'),
    unavailableTitle: md('Not available here'),
    unavailable: md('I cannot post on my own in this conversation. Install the app here, or talk to me in a personal chat.'),
    unreadableActionTitle: md('That button did not work'),
    unreadableAction: md('I could not read what the button sent; the card may come from an older version of SendAs Watch. Ask the question again, or say “help”.'),
  },

  health: {
    title: md('Audit data health'),
    source: 'Source',
    totalEvents: 'Events stored',
    eventsInRange: 'Events in range',
    oldest: 'Oldest event',
    newest: 'Newest event',
    lastIngest: 'Last load',
    never: 'never',
    statusHeading: md('Status'),
    totalsHeading: md('Events in range by category'),
  },

  places: {
    field: 'Place',
    kinds: {
      missing: 'no IP recorded',
      invalid: 'not an IP address',
      private: 'private network',
      cgnat: 'carrier-grade NAT (shared address)',
      loopback: 'loopback',
      'link-local': 'link-local',
      documentation: 'documentation range (not a real client)',
      reserved: 'reserved address',
    },
    microsoft: (country) => (country === null ? 'Microsoft network' : `Microsoft network (${country})`),
    countryUnknown: 'country unknown',
    network: (asn, name) => md(`AS${asn} ${name}`),
    rowCountries: (countries) => md(`from ${countries}`),
    attribution: md('IP geolocation by [DB-IP](https://db-ip.com); networks by RouteViews and DB-IP.'),
  },
};
