import { zoneName } from '../dates';
import { authored as md, escapeMarkdown } from '../../cards/markdown';
import type { Markdown } from '../../cards/markdown';
import { countryNames } from '../../cards/place';
import type { CardStrings, SendMode } from './types';

const count = (n: number): string => new Intl.NumberFormat('en-GB').format(n);
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;
/** The rights a rights anomaly is about, by their codes (as in the rights words). */
const RIGHT_WORDS: Readonly<Record<string, string>> = { SendAs: 'Send As', SendOnBehalf: 'Send on Behalf', FullAccess: 'Full Access' };
/** A right by its code (`right` fact); "a right" for a code we do not know. */
const rightWords = (code: (name: string) => string | null): string => RIGHT_WORDS[code('right') ?? ''] ?? 'a right';
/** "at, by whom" for a grant or removal fact. */
const whenBy = (at: Markdown | null, by: Markdown | null): Markdown | null => (at === null ? by : by === null ? at : md(`${at}, by ${by}`));
/** "someone" when the detector recorded no actor: the sentence still reads. */
const who = (actor: Markdown | null): string => actor ?? 'someone';
const mailboxOr = (mailbox: Markdown | null, fallback: string): string => mailbox ?? fallback;
const CATEGORY_WORDS: Readonly<Record<string, string>> = { delegate: 'delegate', 'owner-misreport': "owner's own send", connector: 'connector', application: 'application', unknown: 'unclear' };
/** A detector's comma-separated category ids, worded; an unknown id is shown as it is. */
const categoryWords = (ids: Markdown): string => String(ids).split(', ').map((id) => CATEGORY_WORDS[id] ?? id).join(', ');
/** "sent as X" or "sent on behalf of X": Send on Behalf is never worded as Send As. */
const sent = (mode: SendMode, mailbox: string): string => {
  switch (mode) {
    case 'as':
      return `sent as ${mailbox}`;
    case 'on-behalf':
      return `sent on behalf of ${mailbox}`;
    case 'both':
      return `sent as and on behalf of ${mailbox}`;
    case 'unknown':
      return `sent as or on behalf of ${mailbox}`;
    default:
      return mode satisfies never;
  }
};
/** Hours as an admin says them: "5 hours", "3 days". */
const duration = (hours: number): string =>
  hours < 48 ? plural(Math.max(1, Math.round(hours)), 'hour', 'hours') : plural(Math.round(hours / 24), 'day', 'days');

export const en: CardStrings = {
  notRecorded: '—',
  yes: 'yes',
  no: 'no',
  timesIn: (zone) => md(`Times are ${escapeMarkdown(zoneName(zone, 'en'), 64)}`),

  evidence: {
    recipients: (n, internal, external) => md(`${plural(n, 'recipient', 'recipients')}: ${count(internal)} internal, ${count(external)} external`),
    recipientsListed: (summary, addresses) => md(`${summary} (${addresses})`),
    recipientsNotRecorded: (id) =>
      md(id === null ? 'Recipients are not recorded in this audit record.' : `Recipients are not recorded in this audit record; trace them in message trace by InternetMessageId ${id}.`),
    appNamed: (name, id) => md(`${name} (${id})`),
    appNameFromRecord: (name, id) => md(`${name}, as Exchange recorded it; the directory did not confirm it (${id})`),
    appNameUnknown: (id) => md(`${id}: name unknown (the directory could not be asked or has no such app)`),
    mailboxKinds: { group: 'Microsoft 365 group', person: "a person's mailbox", shared: 'shared mailbox', resource: 'room or equipment mailbox', unknown: 'not known' },
    person: (p) =>
      md(
        [
          p.displayName,
          ...(p.jobTitle === null ? [] : [p.jobTitle]),
          ...(p.department === null ? [] : [p.department]),
          ...(p.accountEnabled === null ? [] : [p.accountEnabled ? 'account enabled' : 'account disabled']),
          ...(p.guest === null ? [] : [p.guest ? 'guest' : 'member']),
        ].join(' · '),
      ),
    personUnknown: {
      'no-directory': 'unknown (no directory is configured)',
      'not-found': 'unknown (not a user in the directory)',
      unavailable: 'unknown (the directory could not be asked)',
      'not-asked': 'unknown (not looked up: this answer names too many people to ask about each)',
    },
    mailboxNamed: (address, kind) => md(`${address} (${kind})`),
    mailboxOwner: (person) => md(`mailbox of ${person}`),
    rowPersonUnknown: (why) => md(`directory: ${why}`),
    noDirectoryNote: md('Who the people are and what kind of mailbox each is are not shown: no directory (Microsoft Graph) is configured.'),
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
      'what-did-send-as': (subject) => md(`Mailboxes ${subject} sent as or on behalf of`),
    },
    summary: ({ intent, people, sends, noise, unknown }) => {
      const genuine =
        people === 0
          ? 'No genuine delegate sends.'
          : intent === 'what-did-send-as'
            ? `Sent as or on behalf of **${plural(people, 'mailbox', 'mailboxes')}**, **${plural(sends, 'time', 'times')}**.`
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
    rowRightHeld: (operation, since, grantedBy) =>
      md(`${RIGHT_WORDS[operation]} held ${since === null ? 'since before the retained history' : `since ${since}`}${grantedBy === null ? '' : `, granted by ${grantedBy}`}`),
    rowRightBeforeHistory: (operation) => md(`${RIGHT_WORDS[operation]}: not known (sent before the retained admin records)`),
    rowRightNoneKnown: (operation, fullAccess) =>
      md(`no known ${RIGHT_WORDS[operation]} right (a gap in what we know: it may come from a group or predate the records)${fullAccess ? '; holds Full Access, which alone does not send' : ''}`),
    sentAsLabel: (sentAs, onBehalf) => md(onBehalf ? `on behalf of ${sentAs}` : `as ${sentAs}`),
    chartTitle: 'Events per day, by category',
    chartByPerson: 'Sends per person',
    chartByMailbox: 'Sends per mailbox',
    chartLine: (total, parts) => (parts === '' ? total : `${total} (${parts})`),
    events: 'Events',
    nextPage: 'Next page',
    pageInfo: (first, last, total) => md(`Rows ${count(first)}–${count(last)} of ${count(total)}`),
  },

  detail: {
    title: (eventId) => md(`Audit event ${eventId}`),
    verdict: (category, confidence) => md(`**${category}**, ${confidence} confidence`),
    reasonsHeading: md('Why'),
    fields: {
      id: 'Record id',
      time: 'Time',
      operation: 'Operation',
      actor: 'Actor (UserId)',
      actorPerson: 'Actor in the directory',
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
    sentOnBehalfOf: 'Sent on behalf of',
    logonTypes: { 0: 'Owner', 1: 'Admin', 2: 'Delegate', 3: 'Transport', 4: 'System service', 6: 'Delegated admin' },
    userTypes: { 0: 'Regular', 2: 'Admin', 3: 'Datacenter admin', 4: 'System', 5: 'Application', 6: 'Service principal', 9: 'Partner technician', 10: 'Guest' },
    showDetails: 'Rule details',
    rule: (ruleId) => md(`Decided by rule ${ruleId}.`),
  },

  events: {
    title: (actor, sentAs) => md(`Events: ${actor} sending from ${sentAs}`),
    summary: (n) => md(`**${plural(n, 'event', 'events')}** in this range, newest first.`),
    empty: md('No sends by this person from this mailbox in this range.'),
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
    rightsHeading: md('Who holds a right, as against who used one'),
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
    graphRecords: (mode, subject, span) => {
      const records = { as: 'Send As records', 'on-behalf': 'Send on Behalf records', both: 'Send As and Send on Behalf records', unknown: 'Send As and Send on Behalf records' }[mode];
      return `${records} for ${subject}, ${span}, from Microsoft Graph`;
    },
    actionDone: 'Sent',
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
      'disabled-account': 'Disabled account sending',
      'guest-actor': 'Guest sending',
      'right-used-at-once': 'Right granted and used within the hour',
      'right-cleanup': 'Right granted, used and removed within a day',
      'right-external-trustee': 'Right granted to someone outside the organisation',
      'right-on-watched-mailbox': 'Right granted on a watched mailbox',
      'right-new-granter': 'Right granted by someone who has not granted rights before',
      'access-review': 'Access review',
    },
    words: {
      'new-delegate': ({ actor, mailbox, mode, fact, number }) => {
        const days = number('baselineDays');
        return {
          sentence: md(
            `${who(actor)} ${sent(mode, mailboxOr(mailbox, 'a mailbox'))} for the first time${days === null ? '' : ` in ${days === 1 ? 'a day' : `${count(days)} days`}`}.`,
          ),
          facts: [
            ['Sends', fact('sends')],
            ['First send', fact('firstSendAt')],
            ['Client', fact('clientFamilies')],
          ],
        };
      },
      spike: ({ actor, mailbox, mode, fact, number }) => {
        const sends = number('sends');
        const peak = number('baselinePeak');
        return {
          sentence: md(
            `${who(actor)} ${sent(mode, mailboxOr(mailbox, 'a mailbox'))} ${sends === null ? 'far more often than usual' : `${plural(sends, 'time', 'times')} in one day`}` +
              `${peak === null ? '' : peak === 0 ? ', with no such sends before' : `; the busiest day before had ${count(peak)}`}.`,
          ),
          facts: [
            ['Sends that day', fact('sends')],
            ['Busiest day before', fact('baselinePeak')],
            ['Usual per day', fact('baselineMeanPerDay')],
          ],
        };
      },
      'external-actor': ({ actor, mailbox, mode, fact, code }) => {
        const domain = fact('actorDomain');
        const reason = code('reason');
        const outside = reason === 'outside-domains' || reason === 'outside-domains-and-external-access';
        const access = reason === 'external-access' || reason === 'outside-domains-and-external-access';
        const why = [
          outside ? (domain === null ? 'The domain is not one of yours' : `The domain ${domain} is not one of yours`) : '',
          access ? 'Exchange marked the access as external' : '',
        ].filter((part) => part !== '');
        return {
          sentence: md(
            outside
              ? `${who(actor)}, an account outside your organisation, ${sent(mode, mailboxOr(mailbox, 'a mailbox'))}.`
              : `${who(actor)} ${sent(mode, mailboxOr(mailbox, 'a mailbox'))}, and Exchange marked the access as external (an administrator or Microsoft).`,
          ),
          facts: [
            ['Why flagged', why.length === 0 ? null : md(why.join('; '))],
            ['Sends', fact('sends')],
            ['First send', fact('firstSendAt')],
            ['Earlier sends as this mailbox', fact('baselineSends')],
          ],
        };
      },
      'risky-client': ({ actor, mailbox, mode, fact, code }) => {
        const family = fact('clientFamily');
        const risky = code('reason') === 'risky-client';
        return {
          sentence: md(
            `${who(actor)} ${sent(mode, mailboxOr(mailbox, 'a mailbox'))} from ${family ?? 'a client'}, ` +
              `${risky ? 'a client that scripts and third-party apps use' : 'a client they had not used before'}.`,
          ),
          facts: [
            ['Client', family],
            ['Usual clients', fact('usualFamilies') ?? md('none recorded')],
            ['Client string', fact('client')],
            ['Sends', fact('sends')],
          ],
        };
      },
      'watched-mailbox': ({ actor, mailbox, mode, fact }) => ({
        sentence: md(`${who(actor)} ${sent(mode, mailbox === null ? 'a watched mailbox' : `the watched mailbox ${mailbox}`)}.`),
        facts: [
          ['Sends', fact('sends')],
          ['Classified as', fact('categories') === null ? null : md(categoryWords(fact('categories') as Markdown))],
          ['First send', fact('firstSendAt')],
          ['Client', fact('clientFamilies')],
        ],
      }),
      'audit-silence': ({ fact, number }) => {
        const silent = number('silentHours');
        const normal = number('longestNormalGapHours');
        return {
          sentence: md(
            `No Send As or Send on Behalf events have arrived ${silent === null ? 'for far longer than usual' : `for ${duration(silent)}`}` +
              `${normal === null ? '' : `; the longest quiet spell before was ${duration(normal)}`}. Auditing may be off or delayed.`,
          ),
          facts: [
            ['Last event', fact('lastEventAt')],
            ['Longest quiet spell before', normal === null ? null : md(duration(normal))],
            ['Known service incident', fact('knownIncident')],
          ],
        };
      },
      'ingestion-failing': ({ fact, number, code }) => {
        const error = code('lastError');
        const hours = number('hoursFailing');
        return {
          sentence: md(`Loading audit events has failed ${hours === null ? 'for a while' : `for ${duration(hours)}`}: answers may be out of date.`),
          facts: [
            ['Failing since', fact('failingSince')],
            ['Last successful load', fact('lastSuccessAt') ?? md('none yet')],
            [
              'Last error',
              error === 'SENDAS_GRAPH_FORBIDDEN'
                ? md('Microsoft Graph refused access: the app permission is missing or was revoked')
                : error === 'SENDAS_GRAPH_FAILED'
                  ? md('Microsoft Graph requests kept failing')
                  : error === 'SENDAS_STORE_FAILED'
                    ? md('Saving to the database failed')
                    : fact('lastError'),
            ],
          ],
        };
      },
      'noise-surge': ({ mailbox, fact, number }) => {
        const events = number('events');
        const usual = number('baselineMeanPerDay');
        return {
          sentence: md(
            `${events === null ? 'Far more' : count(events)} owner's own sends and connector posts were logged in one day${mailbox === null ? '' : ` for ${mailbox}`}` +
              `${usual === null ? ' than usual' : `, against about ${count(usual)} a day usually`}. This is noise, not an alert.`,
          ),
          facts: [
            ["Owner's own sends", fact('ownerMisreports')],
            ['Connector posts', fact('connectorEvents')],
            ['Usual per day', fact('baselineMeanPerDay')],
          ],
        };
      },
      'new-country': ({ actor, mailbox, mode, fact }) => {
        const country = fact('country');
        const usual = fact('usualCountries');
        return {
          sentence: md(
            `${who(actor)} ${sent(mode, mailboxOr(mailbox, 'a mailbox'))} from ${country === null ? 'a country new for them' : countryNames(country, 'en')}` +
              `${usual === null ? '' : `; before, only from ${countryNames(usual, 'en')}`}.`,
          ),
          facts: [
            ['Sends', fact('sends')],
            ['First send', fact('firstSendAt')],
            ['Client IPs', fact('ips')],
          ],
        };
      },
      'new-noise-pair': ({ actor, mailbox, fact, code }) => {
        const category = code('category');
        const what = category === null ? 'A connector or an app' : category === 'connector' ? 'A connector' : 'An app';
        return {
          sentence: md(`${what} (${who(actor)}) started writing as ${mailboxOr(mailbox, 'a mailbox')}, which it had not done before.`),
          facts: [
            ['Writes', fact('writes')],
            ['First write', fact('firstWriteAt')],
            ['App id', fact('appId')],
          ],
        };
      },
      'new-app': ({ mailbox, mode, fact }) => ({
        sentence: md(
          `An app that had sent nothing before ${sent(mode, mailboxOr(mailbox, 'a mailbox'))}. Mail-sending OAuth apps are a known way to keep access after a compromise.`,
        ),
        facts: [
          ['App id', fact('appId')],
          ['Sends', fact('sends')],
          ['First send', fact('firstSendAt')],
        ],
      }),
      'external-recipients': ({ actor, mailbox, mode, fact }) => {
        const external = fact('external');
        return {
          sentence: md(`${who(actor)} ${sent(mode, mailboxOr(mailbox, 'a mailbox'))} to ${external === null ? 'many' : external} recipients outside the tenant.`),
          facts: [
            ['External recipients', external],
            ['All recipients', fact('recipients')],
            ['Such sends that day', fact('sends')],
          ],
        };
      },
      'disabled-account': ({ actor, mailbox, mode, fact, number }) => {
        const name = fact('displayName');
        const before = number('baselineSends');
        return {
          sentence: md(
            `${who(actor)}${name === null ? '' : ` (${name})`}, whose account is disabled in the directory, ${sent(mode, mailboxOr(mailbox, 'a mailbox'))}.` +
              ' A disabled account should send nothing: a session or token may have outlived it.',
          ),
          facts: [
            ['Sends', fact('sends')],
            ['First send', fact('firstSendAt')],
            ['Earlier sends as this mailbox', before === 0 ? md('none') : fact('baselineSends')],
          ],
        };
      },
      'guest-actor': ({ actor, mailbox, mode, fact, number }) => {
        const name = fact('displayName');
        const before = number('baselineSends');
        return {
          sentence: md(
            `${who(actor)}${name === null ? '' : ` (${name})`}, a guest from another organisation, ${sent(mode, mailboxOr(mailbox, 'a mailbox'))}` +
              `${before === 0 ? ' for the first time' : ''}.`,
          ),
          facts: [
            ['Sends', fact('sends')],
            ['First send', fact('firstSendAt')],
            ['Earlier sends as this mailbox', before === 0 ? md('none') : fact('baselineSends')],
          ],
        };
      },
      'right-used-at-once': ({ actor, mailbox, fact, code, number }) => {
        const minutes = number('minutesToUse');
        return {
          sentence: md(
            `${fact('grantedBy') ?? 'An admin'} gave ${who(actor)} ${rightWords(code)} on ${mailboxOr(mailbox, 'a mailbox')}, and ${who(actor)}, who had no right on it before, ` +
              `used it ${minutes === null ? 'soon after' : minutes === 1 ? 'a minute later' : `${count(minutes)} minutes later`}.`,
          ),
          facts: [
            ['Granted', fact('grantedAt')],
            ['First use', fact('firstUseAt')],
            ['Granted by', fact('grantedBy')],
          ],
        };
      },
      'right-cleanup': ({ actor, mailbox, fact, code, number }) => {
        const uses = number('uses');
        return {
          sentence: md(
            `${who(actor)} got ${rightWords(code)} on ${mailboxOr(mailbox, 'a mailbox')}, used it${uses === null ? '' : ` ${plural(uses, 'time', 'times')}`}, and it was removed the same day. ` +
              "Today's permissions no longer show it: only the admin audit records do.",
          ),
          facts: [
            ['Granted', whenBy(fact('grantedAt'), fact('grantedBy'))],
            ['Removed', whenBy(fact('removedAt'), fact('removedBy'))],
            ['Sends with it', fact('uses')],
          ],
        };
      },
      'right-external-trustee': ({ actor, mailbox, fact, code }) => ({
        sentence: md(
          `${fact('grantedBy') ?? 'An admin'} gave ${rightWords(code)} on ${mailboxOr(mailbox, 'a mailbox')} to ${who(actor)}, ` +
            `${code('reason') === 'guest' ? 'a guest account from another organisation' : 'an address outside your domains'}.`,
        ),
        facts: [
          ['Granted', fact('grantedAt')],
          ['Granted by', fact('grantedBy')],
        ],
      }),
      'right-on-watched-mailbox': ({ actor, mailbox, fact, code }) => ({
        sentence: md(`${fact('grantedBy') ?? 'An admin'} gave ${who(actor)} ${rightWords(code)} on the watched mailbox ${mailboxOr(mailbox, '')}.`),
        facts: [
          ['Granted', fact('grantedAt')],
          ['Granted by', fact('grantedBy')],
        ],
      }),
      'right-new-granter': ({ actor, mailbox, fact, code, number }) => {
        const days = number('historyDays');
        return {
          sentence: md(
            `${who(actor)} gave ${fact('trustee') ?? 'someone'} ${rightWords(code)} on ${mailboxOr(mailbox, 'a mailbox')}: ` +
              `the first grant by ${who(actor)}${days === null ? ' in the retained records' : ` in ${plural(days, 'day', 'days')} of records`}.`,
          ),
          facts: [
            ['Granted', fact('grantedAt')],
            ['Granted to', fact('trustee')],
            ['Days of admin records', fact('historyDays')],
          ],
        };
      },
      'access-review': ({ fact, number }) => ({
        sentence: md(`This month’s access review is ready: ${plural(number('rights') ?? 0, 'right', 'rights')} not used in ${fact('days') ?? '30'} days. Ask “access review” to decide on them.`),
        facts: [['Rights to review', fact('rights')]],
      }),
    },
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
    subscribed: md('I will post a card in this conversation when Send As or Send on Behalf activity needs a human look.'),
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

  ranking: {
    title: {
      'top-delegates': md('Top delegates'),
      'top-mailboxes': md('Mailboxes sent as most'),
      'external-senders': md('External senders'),
      'new-delegates': md('New delegates'),
    },
    summary: (intent, rows, sends) => {
      switch (intent) {
        case 'top-delegates':
          return md(rows === 0 ? 'No genuine delegate sends in this range.' : `**${plural(rows, 'person', 'people')}** sent as or on behalf of another mailbox, **${plural(sends, 'time', 'times')}** in all (genuine delegate sends only).`);
        case 'top-mailboxes':
          return md(rows === 0 ? 'No mailbox was sent as or on behalf of by a delegate in this range.' : `Delegates sent as or on behalf of **${plural(rows, 'mailbox', 'mailboxes')}**, **${plural(sends, 'time', 'times')}** in all.`);
        case 'external-senders':
          return md(rows === 0 ? 'Nobody outside the tenant sent as or on behalf of its mailboxes in this range.' : `**${plural(rows, 'external sender', 'external senders')}** sent as or on behalf of the tenant's mailboxes, **${plural(sends, 'time', 'times')}** in all.`);
        case 'new-delegates':
          return md(rows === 0 ? 'Nobody sent as or on behalf of a mailbox for the first time in this range.' : `**${plural(rows, 'person–mailbox pair', 'person–mailbox pairs')}** sent for the first time, **${plural(sends, 'time', 'times')}** in this range.`);
        default:
          return intent satisfies never;
      }
    },
    chartTitle: {
      'top-delegates': 'Genuine delegate sends per person',
      'top-mailboxes': 'Delegate sends per mailbox',
      'external-senders': 'Sends per external sender',
      'new-delegates': 'Sends per new pair',
    },
    sends: (total, sendAs, onBehalf) => {
      const split = sendAs > 0 && onBehalf > 0 ? ` (${count(sendAs)} sent as, ${count(onBehalf)} sent on behalf of)` : sendAs > 0 ? ' (all sent as)' : onBehalf > 0 ? ' (all sent on behalf of)' : '';
      return md(`${plural(total, 'send', 'sends')}${split}`);
    },
    counterparts: (intent, n) => md(intent === 'top-mailboxes' ? `by ${plural(n, 'person', 'people')}` : `${plural(n, 'mailbox', 'mailboxes')}`),
    firstSend: (when) => md(`first sent ${when}`),
    pair: (actor, mailbox) => md(`${actor} → ${mailbox}`),
    kindUnknown: 'kind not known',
    externalWhy: { 'outside-domains': "outside the tenant's domains", guest: 'guest account', 'external-access': 'Exchange flagged external access' },
    more: (rows, sends) => md(`…and ${count(rows)} more (${plural(sends, 'send', 'sends')}).`),
    kindsUnknown: (unknown, shown) =>
      md(`${unknown === shown ? 'Whether these mailboxes are shared is not known' : `The kind of ${plural(unknown, 'mailbox', 'mailboxes')} here is not known`}: neither the directory (Graph) nor the Exchange audit settings said, so none is guessed.`),
    externalMeans: (domains) => md(`External: an actor outside the tenant's domains (${domains}), a guest account, or sends Exchange flagged as external access.`),
    history: (from, gaps) =>
      md(
        (from === null ? 'No record is older than this range, so every pair in it counts as new.' : `"First" was checked against every record back to ${from}, the oldest kept.`) +
          (gaps > 0 ? ` That history has ${plural(gaps, 'gap', 'gaps')} with no data, where an earlier send could hide.` : ''),
      ),
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
  exportFile: {
    button: 'Export CSV',
    description: (rows, operation, who, span) =>
      `${plural(rows, 'audit event', 'audit events')} (${operation === 'SendAs' ? 'Send As' : operation === 'SendOnBehalf' ? 'Send on Behalf' : 'Send As and Send on Behalf'}) for ${who}, ${span}, as a CSV file (times in UTC).`,
    capped: (rows, total) => ` It holds the newest ${count(rows)} of ${count(total)}: narrow the range to export the rest.`,
    emptyTitle: md('Nothing to export'),
    empty: md('There are no events in that range, so there is no file to send.'),
    personalOnlyTitle: md('Continue in a personal chat'),
    personalOnly: (question) =>
      md(
        `Teams lets me send files only in a personal chat, and audit data is for admins only. Open a chat with me${
          question === null ? ' and press Export on the answer there.' : ` and ask: “${question}”.`
        }`,
      ),
    uploaded: (name, rows) => `Your export is in your OneDrive: ${name} (${plural(rows, 'event', 'events')}).`,
    declinedTitle: md('Export cancelled'),
    declined: md('Nothing was uploaded. Press Export again whenever you want the file.'),
    failedTitle: md('The upload failed'),
    failed: md('OneDrive did not take the file. Press Export again in a moment; the events are still here.'),
    expired: md('The upload link Teams gave me has expired. Press Export again for a fresh one.'),
  },
};
