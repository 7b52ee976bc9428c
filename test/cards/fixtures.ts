import type { AccessReviewAnswer } from '../../src/cards/builders/review';
import type { Identity } from '../../src/rights/identity';
import type { MailboxReview, ReviewDecision } from '../../src/rights/review';
import { removeCommand } from '../../src/rights/review';
import type { Anomaly } from '../../src/detect/anomaly';
import type { ClientFamily } from '../../src/classify/clients';
import type {
  ActivityAnswer,
  AmbiguousAnswer,
  AnomaliesAnswer,
  AnswerRow,
  AnswerWarning,
  EventDetail,
  HealthAnswer,
  NotFoundAnswer,
  RankingAnswer,
  RankingRow,
} from '../../src/query/answer';
import type { Language } from '../../src/i18n/reasons';
import type { Category } from '../../src/classify/category';

/** Strings that try every trick on a card: markdown, links, mentions, template expressions, controls. */
export const HOSTILE = {
  link: '[click here](http://evil.example/steal)',
  bold: '**URGENT** _wire_ ~~money~~ `code`',
  heading: '# Heading',
  list: '- item one',
  ordered: '1. first',
  mention: '<at>Alex Wilber</at>',
  template: '${secret} ${$root.title} ${json($root)}',
  html: '<img src=x onerror=alert(1)> &lt;b&gt;',
  newline: 'line one\n\n- injected item\r\n# injected heading',
  image: '![x](http://evil.example/pixel.png)',
} as const;

export const HOSTILE_TEXT = Object.values(HOSTILE).join(' ');

/** A 300-character local part: far longer than any real address, still shaped like one. */
export const LONG_ADDRESS = `${'very.long.mailbox.name.'.repeat(13)}x@contoso.com`;
export const LONG_SUBJECT = `Quarterly results ${'and forecast '.repeat(200)}`;
export const JA_NAME = '経理部共有メールボックス（東京本社・財務グループ）';

const CLIENTS: readonly ClientFamily[] = ['owa', 'outlook-desktop', 'rest', 'ews'];
const CATEGORY_CYCLE: readonly Category[] = ['delegate', 'delegate', 'owner-misreport', 'connector', 'application', 'unknown'];

export interface RowOptions {
  readonly actor?: (i: number) => string;
  readonly sentAs?: (i: number) => string;
  readonly category?: (i: number) => Category;
  readonly clients?: (i: number) => readonly ClientFamily[];
  readonly count?: (i: number) => number;
}

export function rows(count: number, options: RowOptions = {}): AnswerRow[] {
  return Array.from({ length: count }, (_, i) => {
    const day = String(1 + (i % 7)).padStart(2, '0');
    return {
      actor: options.actor?.(i) ?? `user${i}@contoso.com`,
      sentAs: options.sentAs?.(i) ?? 'finance@contoso.com',
      category: options.category?.(i) ?? CATEGORY_CYCLE[i % CATEGORY_CYCLE.length],
      count: options.count?.(i) ?? 1 + ((i * 7) % 40),
      first: `2025-05-${day}T0${i % 10}:15:00.000Z`,
      last: `2025-05-07T1${i % 10}:45:00.000Z`,
      clients: options.clients?.(i) ?? CLIENTS.slice(0, 1 + (i % 3)),
    };
  });
}

const WARNINGS: Readonly<Record<Language, AnswerWarning[]>> = {
  en: [
    {
      kind: 'freshness',
      message: { code: 'worded', text: 'Exchange delivers audit events up to 24 hours late: the newest event loaded is from 2025-05-07 18:40, and later ones may still arrive.' },
    },
    { kind: 'blind-spot', message: { code: 'blind-spot' } },
  ],
  ja: [
    { kind: 'freshness', message: { code: 'worded', text: 'Exchange の監査イベントは最大 24 時間遅れて届きます。' } },
    { kind: 'blind-spot', message: { code: 'blind-spot' } },
  ],
};

export function activityAnswer(overrides: Partial<ActivityAnswer> = {}): ActivityAnswer {
  const language = overrides.language ?? 'en';
  const answerRows = overrides.rows ?? rows(8);
  const totals = (['delegate', 'owner-misreport', 'connector', 'application', 'unknown'] as const)
    .map((category) => ({
      category,
      count: answerRows.filter((row) => row.category === category).reduce((sum, row) => sum + row.count, 0),
    }))
    .filter((total) => total.count > 0);
  // Each row's events fall on one of the seven Tokyo days of the range, row i on day i mod 7.
  const daily = Array.from({ length: 7 }, (_, day) => ({
    from: new Date(Date.parse('2025-04-30T15:00:00.000Z') + day * 86_400_000).toISOString(),
    totals: (['delegate', 'owner-misreport', 'connector', 'application', 'unknown'] as const).map((category) => ({
      category,
      count: answerRows.filter((row, i) => row.category === category && i % 7 === day).reduce((sum, row) => sum + row.count, 0),
    })),
  }));
  return {
    intent: 'who-sent-as',
    language,
    timeZone: 'Asia/Tokyo',
    warnings: WARNINGS[language],
    range: { from: '2025-04-30T15:00:00.000Z', to: '2025-05-07T15:00:00.000Z', kind: 'default', timeZone: 'Asia/Tokyo' },
    subject: 'finance@contoso.com',
    rows: answerRows,
    totals,
    daily,
    assumed: ['range'],
    newestEvent: '2025-05-07T09:40:00.000Z',
    ...overrides,
  };
}

export function eventDetail(overrides: Partial<EventDetail['event']> = {}, language: Language = 'en'): EventDetail {
  return {
    intent: 'explain',
    language,
    timeZone: 'Europe/London',
    warnings: [],
    event: {
      id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      time: '2025-05-06T08:12:00.000Z',
      operation: 'SendAs',
      actor: 'alex@contoso.com',
      mailbox: 'finance@contoso.com',
      sentAs: 'finance@contoso.com',
      client: 'Client=OWA;Action=ViaProxy',
      clientFamily: 'owa',
      clientIp: '192.0.2.10',
      logonType: 2,
      userType: 0,
      appId: null,
      externalAccess: false,
      subject: 'Invoice 4471 for May',
      internetMessageId: '<DB7PR01MB1234.contoso.com>',
      ...overrides,
    },
    category: 'delegate',
    confidence: 'high',
    ruleId: 'delegate',
    reasons: [
      { code: 'rule', reason: { code: 'actor-sent-as-other', params: { actor: 'alex@contoso.com', sentAs: 'finance@contoso.com', field: 'SendAsUserSmtp' } } },
      { code: 'rule', reason: { code: 'logon-type', params: { value: '2', name: 'Delegate' } } },
    ],
  };
}

export function anomaly(i: number, overrides: Partial<Anomaly> = {}): Anomaly {
  const kinds = ['new-delegate', 'spike', 'external-actor', 'risky-client', 'watched-mailbox', 'audit-silence', 'ingestion-failing', 'noise-surge'] as const;
  const kind = kinds[i % kinds.length];
  return {
    key: `${kind}:finance@contoso.com:${i}`,
    kind,
    severity: (['high', 'medium', 'low', 'info'] as const)[i % 4],
    at: `2025-05-0${1 + (i % 7)}T10:00:00.000Z`,
    actor: `user${i}@contoso.com`,
    mailbox: 'finance@contoso.com',
    evidence: i % 2 === 0 ? [`evt-${i}`] : [`evt-${i}-a`, `evt-${i}-b`, `evt-${i}-c`],
    facts: { sends: 40 + i, baselinePeak: 3, baselineDays: 30, client: 'Client=REST;Client=RESTSystem', actorDomain: 'fabrikam.com', silentHours: 72, failingSince: '2025-05-01T00:00:00.000Z' },
    ...overrides,
  };
}

export function anomaliesAnswer(count: number, language: Language = 'en', make: (i: number) => Anomaly = anomaly): AnomaliesAnswer {
  return {
    intent: 'anomalies',
    language,
    timeZone: 'America/Argentina/Buenos_Aires',
    warnings: [],
    range: { from: '2025-05-01T03:00:00.000Z', to: '2025-05-08T03:00:00.000Z', kind: 'last-days', amount: 7, timeZone: 'America/Argentina/Buenos_Aires' },
    anomalies: Array.from({ length: count }, (_, i) => make(i)),
  };
}

export function healthAnswer(language: Language = 'en', overrides: Partial<HealthAnswer> = {}): HealthAnswer {
  return {
    intent: 'health',
    language,
    timeZone: 'UTC',
    warnings: [
      {
        kind: 'known-incident',
        message: { code: 'worded', text: 'MC382148: Send As and Send on Behalf events were not generated from 28 Jan 2022 to 25 Mar 2022.' },
      },
    ],
    range: { from: '2022-01-01T00:00:00.000Z', to: '2022-04-01T00:00:00.000Z', kind: 'between', timeZone: 'UTC' },
    totalEvents: 120_345,
    eventsInRange: 4_210,
    oldestEvent: '2021-11-01T00:00:00.000Z',
    newestEvent: '2025-05-07T09:40:00.000Z',
    totals: [
      { category: 'delegate', count: 310 },
      { category: 'owner-misreport', count: 3_700 },
      { category: 'unknown', count: 200 },
    ],
    lastIngest: '2025-05-07T10:00:00.000Z',
    source: 'demo',
    status: [
      { code: 'graph-queried-up-to', watermark: '2025-05-07T09:48:00.000Z', lagMs: 12 * 60_000 },
      { code: 'audit-unrecorded', mailbox: 'payroll@contoso.com', operations: ['SendAs'] },
    ],
    ...overrides,
  };
}

export function ambiguousAnswer(candidates: readonly string[], language: Language = 'en', asked = 'finance'): AmbiguousAnswer {
  return { intent: 'ambiguous', language, timeZone: 'UTC', warnings: [], asked, candidates };
}

export function notFoundAnswer(what: 'address' | 'event', suggestions: readonly string[], language: Language = 'en', asked = 'finanse'): NotFoundAnswer {
  return { intent: 'not-found', language, timeZone: 'UTC', warnings: [], asked, what, suggestions };
}

/** A ranking row: `i` sends fewer than the one before, Send As and Send on Behalf mixed. */
export function rankingRow(i: number, overrides: Partial<RankingRow> = {}): RankingRow {
  const count = 60 - i;
  return {
    who: `delegate${i}@contoso.com`,
    count,
    sendAs: count - (i % 3),
    sendOnBehalf: i % 3,
    counterparts: 1 + (i % 4),
    first: '2025-05-01T08:00:00.000Z',
    last: '2025-05-06T17:30:00.000Z',
    categories: [{ category: 'delegate', count }],
    ...overrides,
  };
}

export function rankingAnswer(intent: RankingAnswer['intent'], language: Language = 'en', overrides: Partial<RankingAnswer> = {}): RankingAnswer {
  const rows = Array.from({ length: 10 }, (_, i) => rankingRow(i));
  return {
    intent,
    language,
    timeZone: 'Asia/Tokyo',
    warnings: [{ kind: 'freshness', message: { code: 'worded', text: 'Records from after 5 May 2025 may still arrive.' } }, { kind: 'blind-spot', message: { code: 'blind-spot' } }],
    range: { from: '2025-04-30T15:00:00.000Z', to: '2025-05-07T10:00:00.000Z', kind: 'this-month', timeZone: 'Asia/Tokyo' },
    assumed: [],
    rows,
    limit: 10,
    totalRows: 14,
    totalSends: rows.reduce((n, r) => n + r.count, 0) + 40,
    newestEvent: '2025-05-07T09:40:00.000Z',
    ...overrides,
  };
}

/**
 * An access-review answer (issue 19) with `count` dormant rights over a few mailboxes; `decided` puts a
 * decision on the first rights (alternately Keep, within keepDays, and Remove).
 */
export function accessReviewAnswer(count: number, options: { readonly decided?: number; readonly trustee?: (i: number) => string; readonly mailbox?: (i: number) => string } = {}): AccessReviewAnswer {
  const at = '2026-11-01T09:00:00.000Z';
  const byMailbox = new Map<string, MailboxReview['items'][number][]>();
  const mailboxes = new Map<string, Identity>();
  for (let i = 0; i < count; i += 1) {
    const mailboxName = options.mailbox?.(i) ?? `shared${i % 4}@contoso.com`;
    const trusteeName = options.trustee?.(i) ?? `person${i}@contoso.com`;
    const mailbox = { text: mailboxName, key: mailboxName.toLowerCase() };
    const trustee = { text: trusteeName, key: trusteeName.toLowerCase() };
    const right = (['SendAs', 'SendOnBehalf', 'FullAccess'] as const)[i % 3];
    const decision: ReviewDecision | null =
      i < (options.decided ?? 0) ? { mailboxKey: mailbox.key, trusteeKey: trustee.key, right, decision: i % 2 === 0 ? 'keep' : 'remove', by: 'reviewer@contoso.com', at } : null;
    const interval = { mailbox, trustee, right, from: i % 2 === 0 ? null : '2026-06-01T09:00:00.000Z', grantedBy: i % 2 === 0 ? null : 'it.admin@contoso.com', grantId: null, until: null, removedBy: null, removalId: null, doubtfulSince: null };
    const items = byMailbox.get(mailbox.key) ?? [];
    items.push({ dormant: { interval, lastUse: null, useSeenOnlyBySends: right === 'FullAccess' }, decision, command: removeCommand(right, mailbox, trustee), removalPending: decision?.decision === 'remove', settled: decision !== null });
    byMailbox.set(mailbox.key, items);
    mailboxes.set(mailbox.key, mailbox);
  }
  return {
    kind: 'access-review',
    days: 30,
    keepDays: 90,
    inventoryTakenAt: '2026-09-21T00:00:00.000Z',
    historyStart: '2026-09-23T09:00:00.000Z',
    provisional: null,
    gaps: [],
    review: [...byMailbox.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, items]) => ({ mailbox: mailboxes.get(key) as Identity, items })),
  };
}
