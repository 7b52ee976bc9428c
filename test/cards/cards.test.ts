import { answerCard, anomalyCard, errorCard, helpCard, noticeCard, progressCard, refusalCard } from '../../src/cards';
import type { TemplateName } from '../../src/cards/models';
import type { AdaptiveCard } from '../../src/cards/render';
import type { Language } from '../../src/i18n/reasons';
import { EXAMPLE_QUESTIONS } from '../../src/query/parse/examples';
import {
  HOSTILE,
  HOSTILE_TEXT,
  JA_NAME,
  LONG_ADDRESS,
  LONG_SUBJECT,
  activityAnswer,
  ambiguousAnswer,
  anomaliesAnswer,
  anomaly,
  eventDetail,
  healthAnswer,
  notFoundAnswer,
  rankingAnswer,
  rankingRow,
  rows,
  accessReviewAnswer,
} from './fixtures';
import { reviewCard, reviewRefusalCard } from '../../src/cards/builders/review';
import { readdirSync } from 'node:fs';
import { TEMPLATE_DIR, TEMPLATE_NAMES, loadTemplate } from '../../src/cards/render';
import { cardProblems, markdownTexts } from './support';

const LANGUAGES: readonly Language[] = ['en', 'ja'];

/** Each case: a name, the template it must come from, and the card. */
type Case = readonly [string, TemplateName, () => AdaptiveCard];

const hostileRows = rows(40, {
  actor: (i) => [HOSTILE.link, HOSTILE.template, LONG_ADDRESS, `${HOSTILE.mention}@contoso.com`, JA_NAME, HOSTILE.newline][i % 6],
  sentAs: (i) => (i % 5 === 0 ? HOSTILE.bold : 'finance@contoso.com'),
  clients: (i) => (['rest-system', 'connector', 'owa', 'other', 'none'] as const).slice(0, 1 + (i % 5)),
});

function cases(language: Language): Case[] {
  return [
    ['activity, realistic', 'answer', () => answerCard(activityAnswer({ language }))],
    ['activity, empty', 'answer', () => answerCard(activityAnswer({ language, rows: [], totals: [] }))],
    ['activity, a single row', 'answer', () => answerCard(activityAnswer({ language, rows: rows(1) }))],
    ['activity, hostile rows', 'answer', () => answerCard(activityAnswer({ language, rows: hostileRows, subject: HOSTILE_TEXT }))],
    ['activity, hostile rows page 2', 'answer', () => answerCard(activityAnswer({ language, rows: hostileRows, subject: HOSTILE_TEXT }), { page: 2 })],
    ['activity, only noise', 'answer', () => answerCard(activityAnswer({ language, rows: rows(12, { category: (i) => (['owner-misreport', 'connector', 'application'] as const)[i % 3] }) }))],
    ['what did send as', 'answer', () => answerCard(activityAnswer({ language, intent: 'what-did-send-as', subject: 'alex@contoso.com', rows: rows(6, { actor: () => 'alex@contoso.com', sentAs: (i) => `shared${i}@contoso.com` }) }))],
    ['activity, 5,000 rows', 'answer', () => answerCard(activityAnswer({ language, rows: rows(5000) }))],
    ['activity, bad time zone', 'answer', () => answerCard(activityAnswer({ language, timeZone: 'Mars/Olympus_Mons' }))],
    ['event detail', 'event-detail', () => answerCard(eventDetail({}, language))],
    ['event list, hostile subject', 'events', () => answerCard({ intent: 'events', language, timeZone: 'UTC', warnings: [], actor: 'alex@contoso.com', sentAs: 'finance@contoso.com', range: { from: '2025-05-01T00:00:00.000Z', to: '2025-05-08T00:00:00.000Z' }, events: [{ id: 'evt-1', time: '2025-05-06T08:12:00.000Z', operation: 'SendAs', client: 'owa', category: 'delegate', clientIp: '192.0.2.10', subject: HOSTILE_TEXT }], total: 1, offset: 0, next: null })],
    ['event detail, nulls', 'event-detail', () => answerCard(eventDetail({ mailbox: null, sentAs: null, client: null, clientIp: null, logonType: null, userType: null, appId: null, externalAccess: null, subject: null, internetMessageId: null }, language))],
    ['event detail, hostile', 'event-detail', () => answerCard(eventDetail({ id: HOSTILE.template, actor: HOSTILE.link, subject: `${LONG_SUBJECT} ${HOSTILE_TEXT}`, client: HOSTILE_TEXT, time: 'not a date' }, language))],
    ['help', 'help', () => helpCard(language)],
    ['welcome', 'help', () => helpCard(language, { welcome: true })],
    ['not understood', 'help', () => helpCard(language, { suggestion: EXAMPLE_QUESTIONS[language][0].text })],
    ['not understood, hostile', 'help', () => helpCard(language, { suggestion: `who sent as ${HOSTILE_TEXT}` })],
    ['refusal', 'refusal', () => refusalCard(language)],
    ['refusal with contact', 'refusal', () => refusalCard(language, { contact: `it-admins@contoso.com ${HOSTILE.link}` })],
    ['error', 'error', () => errorCard(language, '7f3c2a9e-5d1b-4c8e-9a0f-2b6d4e8c1a3f')],
    ['progress', 'progress', () => progressCard(language, { what: `Send As events for ${HOSTILE.bold}`, startedAt: new Date('2025-05-07T10:00:00Z'), now: new Date('2025-05-07T10:03:25Z'), timeZone: 'Asia/Tokyo' })],
    ['anomaly, one', 'anomaly', () => anomalyCard(language, 'Asia/Tokyo', [anomaly(0)])],
    ['anomaly, every kind', 'anomaly', () => anomalyCard(language, 'Asia/Tokyo', Array.from({ length: 8 }, (_, i) => anomaly(i)))],
    ['anomaly, hostile', 'anomaly', () => anomalyCard(language, 'UTC', [anomaly(3, { actor: HOSTILE.link, mailbox: LONG_ADDRESS, facts: { client: HOSTILE_TEXT, [HOSTILE.template]: HOSTILE.bold }, key: HOSTILE.template })])],
    ['anomaly, 300 of them', 'anomaly', () => anomalyCard(language, 'UTC', Array.from({ length: 300 }, (_, i) => anomaly(i)))],
    ['anomalies answer', 'anomaly', () => answerCard(anomaliesAnswer(30, language))],
    ['anomalies answer, none', 'anomaly', () => answerCard(anomaliesAnswer(0, language))],
    ['health', 'health', () => answerCard(healthAnswer(language))],
    ['health, empty store', 'health', () => answerCard(healthAnswer(language, { oldestEvent: null, newestEvent: null, lastIngest: null, totals: [], status: [], totalEvents: 0, eventsInRange: 0 }))],
    ['top delegates', 'ranking', () => answerCard(rankingAnswer('top-delegates', language))],
    ['top mailboxes, kinds known and not', 'ranking', () => answerCard(rankingAnswer('top-mailboxes', language, { rows: [rankingRow(0, { mailboxKind: 'shared' }), rankingRow(1, { mailboxKind: 'unknown' }), rankingRow(2)] }))],
    ['external senders', 'ranking', () => answerCard(rankingAnswer('external-senders', language, { tenantDomains: ['contoso.com'], rows: [rankingRow(0, { who: 'megan@fabrikam.com', externalWhy: 'outside-domains' }), rankingRow(1, { who: 'ed_fabrikam.com#ext#@contoso.onmicrosoft.com', externalWhy: 'guest' })] }))],
    ['new delegates', 'ranking', () => answerCard(rankingAnswer('new-delegates', language, { historyFrom: '2025-03-01T00:00:00.000Z', historyGaps: 2, rows: [rankingRow(0, { mailbox: 'finance@contoso.com' }), rankingRow(1, { mailbox: 'ceo@contoso.com' })] }))],
    ['ranking, none', 'ranking', () => answerCard(rankingAnswer('new-delegates', language, { rows: [], totalRows: 0, totalSends: 0, historyFrom: null, historyGaps: 0 }))],
    ['ranking, 50 hostile rows', 'ranking', () => answerCard(rankingAnswer('external-senders', language, { limit: 50, totalRows: 60, rows: Array.from({ length: 50 }, (_, i) => rankingRow(i, { who: [HOSTILE.link, HOSTILE.template, LONG_ADDRESS, JA_NAME, HOSTILE.newline][i % 5], mailbox: i % 2 === 0 ? HOSTILE.bold : undefined, whoAsWritten: i % 7 === 0 ? HOSTILE_TEXT : undefined })) }))],
    ['ambiguous', 'ambiguous', () => answerCard(ambiguousAnswer(['finance@contoso.com', 'finance-emea@contoso.com', 'finance.jp@fabrikam.com'], language), { question: 'who sent as Finance last week' })],
    ['ambiguous, many hostile', 'ambiguous', () => answerCard(ambiguousAnswer([...Array.from({ length: 30 }, (_, i) => `finance${i}@contoso.com`), HOSTILE.link, LONG_ADDRESS], language, HOSTILE.bold))],
    ['not found, address', 'not-found', () => answerCard(notFoundAnswer('address', ['finance@contoso.com'], language), { question: 'who sent as finanse' })],
    ['not found, event', 'not-found', () => answerCard(notFoundAnswer('event', ['1b4e28ba-2fa1-41d2-883f-0016d3cca427'], language, 'abc'))],
    ['not found, nothing near', 'not-found', () => answerCard(notFoundAnswer('address', [], language, HOSTILE.template))],
    ['notice, subscribed with a catch-up', 'notice', () => noticeCard(language, { kind: 'subscribed', already: false, queued: 3 })],
    ['notice, already subscribed', 'notice', () => noticeCard(language, { kind: 'subscribed', already: true, queued: 0 })],
    ['notice, unsubscribed', 'notice', () => noticeCard(language, { kind: 'unsubscribed', already: false })],
    ['notice, muted, hostile mailbox', 'notice', () => noticeCard(language, { kind: 'muted', anomalyKind: 'spike', mailbox: `${HOSTILE.link}${LONG_ADDRESS}`, already: false })],
    ['notice, muted, with its undo', 'notice', () => noticeCard(language, { kind: 'muted', anomalyKind: 'new-delegate', mailbox: 'finance@contoso.com', already: true })],
    ['notice, unmuted', 'notice', () => noticeCard(language, { kind: 'unmuted', anomalyKind: 'spike', mailbox: 'finance@contoso.com', already: false })],
    ['notice, not muted, hostile mailbox', 'notice', () => noticeCard(language, { kind: 'unmuted', anomalyKind: 'spike', mailbox: HOSTILE.link, already: true })],
    ['notice, evidence, hostile', 'notice', () => noticeCard(language, { kind: 'evidence', anomaly: anomaly(2, { actor: HOSTILE.mention, mailbox: HOSTILE.newline }), timeZone: HOSTILE.template })],
    ['notice, unknown anomaly', 'notice', () => noticeCard(language, { kind: 'anomaly-unknown' })],
    ['notice, unavailable', 'notice', () => noticeCard(language, { kind: 'unavailable' })],
    ['notice, unreadable button', 'notice', () => noticeCard(language, { kind: 'unreadable-action' })],
    ['access review', 'review', () => reviewCard(accessReviewAnswer(5, { decided: 2 }), language, 'Asia/Tokyo')],
    ['access review, nothing to review', 'review', () => reviewCard(accessReviewAnswer(0), language, 'UTC')],
    ['access review, 400 hostile rights', 'review', () => reviewCard(accessReviewAnswer(400, { decided: 40, trustee: (i) => [HOSTILE.link, HOSTILE.template, LONG_ADDRESS, JA_NAME, HOSTILE.newline, `o'brien${i}@contoso.com`][i % 6], mailbox: (i) => (i % 3 === 0 ? HOSTILE.bold : `shared${i % 40}@contoso.com`) }), language, 'UTC', 400)],
    ['access review refusal, already decided', 'notice', () => reviewRefusalCard(language, 'UTC', { kind: 'already', decision: { mailboxKey: 'finance@contoso.com', trusteeKey: HOSTILE.link, right: 'SendAs', decision: 'remove', by: HOSTILE.bold, at: '2026-11-01T09:00:00.000Z' } })],
  ];
}

describe.each(LANGUAGES)('cards in %s', (language) => {
  it.each(cases(language))('%s: expands, parses, validates, version 1.5, within budget', (_name, template, build) => {
    const card = build();
    expect(cardProblems(card, template)).toEqual([]);
  });

  it.each(cases(language))('%s: data never turns into markdown', (_name, _template, build) => {
    for (const text of markdownTexts(build())) {
      expect(text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/); // no link
      expect(text).not.toMatch(/(?<!\\)<at>/);
      expect(text).not.toMatch(/[\r\n]/);
    }
  });
});

describe('the card checks themselves', () => {
  const base = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'ok', wrap: true }] };

  it('pass a plain card', () => {
    expect(cardProblems(base, 'refusal')).toEqual([]);
  });

  it.each([
    ['an unknown element', { ...base, body: [{ type: 'Chart.Sankey', data: [] }] }, /Unknown element type/],
    ['a bad donut', { ...base, body: [{ type: 'Chart.Donut', title: 't', data: [{ legend: 'a', value: -1, color: 'pink' }] }] }, /non-negative value[\s\S]*unknown colour/],
    ['a broken chart fallback', { ...base, body: [{ type: 'Chart.Donut', title: 't', data: [{ legend: 'a', value: 1 }], fallback: { type: 'Chart.Pie', data: [] } }] }, /fallback: parse: Unknown element type/],
    ['duplicate ids', { ...base, body: [{ type: 'TextBlock', id: 'row-1', text: 'a' }, { type: 'TextBlock', id: 'row-1', text: 'b' }] }, /[Dd]uplicate/],
    ['an Execute without Submit fallback', { ...base, actions: [{ type: 'Action.Execute', title: 'x', verb: 'ask', data: { verb: 'ask', question: 'help' } }] }, /no Action.Submit fallback/],
    ['a payload the bot would refuse', { ...base, actions: [{ type: 'Action.Execute', title: 'x', verb: 'ask', data: { verb: 'ask' }, fallback: { type: 'Action.Submit', title: 'x', data: { verb: 'ask' } } }] }, /question/],
    ['a leftover expression', { ...base, body: [{ type: 'TextBlock', text: '${grant}' }] }, /unexpanded/],
    ['another version', { ...base, version: '1.6' }, /version 1.6/],
    ['too many bytes', { ...base, body: [{ type: 'TextBlock', text: 'x'.repeat(15_000) }] }, /bytes/],
  ])('catch %s', (_name, card, problem) => {
    expect(cardProblems(card, 'refusal').join('\n')).toMatch(problem);
  });
});

describe('the templates', () => {
  it('are exactly the files in /cards, each a version 1.5 card', () => {
    const files = readdirSync(TEMPLATE_DIR).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...TEMPLATE_NAMES].sort());
    for (const name of TEMPLATE_NAMES) expect(loadTemplate(name)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('are each exercised by the cases above, in both languages', () => {
    for (const language of LANGUAGES) {
      expect(new Set(cases(language).map(([, template]) => template))).toEqual(new Set(TEMPLATE_NAMES));
    }
  });
});
