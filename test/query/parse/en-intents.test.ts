import type { SubjectRef } from '../../../src/query/query';
import { expectNotUnderstood, expectParsed, expectQuery } from './support';

const address = (text: string): SubjectRef => ({ text, kind: 'address' });
const name = (text: string): SubjectRef => ({ text, kind: 'name' });

/** The default range at NOW: the last 7 days, as exact instants. */
const lastSevenDays = { from: '2026-11-11T10:00:00.000Z', to: '2026-11-18T10:00:00.000Z', kind: 'default', amount: 7, timeZone: 'UTC' } as const;

describe('English: who sent as X', () => {
  it.each([
    ['who sent as finance@contoso.com', address('finance@contoso.com')],
    ['Who sent as Finance@Contoso.COM?', address('finance@contoso.com')],
    ['who has sent as finance', name('finance')],
    ['who have sent as finance', name('finance')],
    ["who's been sending as Alex Wilber", name('Alex Wilber')],
    ['who has been sending as alex', name('alex')],
    ['who is sending as finance', name('finance')],
    ['who sent mail as finance', name('finance')],
    ['who sent emails as finance', name('finance')],
    ['who sent a message as finance', name('finance')],
    ['which users sent as finance', name('finance')],
    ['please tell me who sent as finance', name('finance')],
    ['can you tell me who sent as finance?', name('finance')],
    ['Hi, could you please show me who sent as finance? Thanks', name('finance')],
    ['who sent as "finance"', name('finance')],
    ['who sent as <finance@contoso.com>', address('finance@contoso.com')],
    ['who sent as mailto:finance@contoso.com', address('finance@contoso.com')],
    ['who sent as the finance mailbox', name('finance')],
    ["who sent as o'brien@contoso.com", address("o'brien@contoso.com")],
    ['who sent as first.last@sub.contoso.com', address('first.last@sub.contoso.com')],
    ['sent as finance@contoso.com', address('finance@contoso.com')],
    ['<at>SendAs Watch</at> who sent as finance', name('finance')],
  ])('%s', (text, subject) => {
    expectQuery(text, { intent: 'who-sent-as', subject, range: lastSevenDays });
  });

  it('says the range was assumed when none was given', () => {
    expect(expectParsed('who sent as finance').assumed).toEqual(['range']);
    expect(expectParsed('who sent as finance today').assumed).toEqual([]);
  });

  it('reads an address that looks like a range word as an address', () => {
    expectQuery('who sent as today@contoso.com', { intent: 'who-sent-as', subject: address('today@contoso.com'), range: lastSevenDays });
    expectQuery('who sent as may.2022@contoso.com', {
      intent: 'who-sent-as',
      subject: address('may.2022@contoso.com'),
      range: lastSevenDays,
    });
  });

  it('answers in English whatever the Teams locale, because the question is English', () => {
    expect(expectParsed('who sent as finance', { locale: 'ja-JP' }).language).toBe('en');
  });
});

describe('English: who sent on behalf of X', () => {
  it.each([
    ['who sent on behalf of finance@contoso.com', address('finance@contoso.com')],
    ['who has sent on behalf of Alex Wilber?', name('Alex Wilber')],
    ["who's been sending on behalf of finance", name('finance')],
    ['who sent mail on behalf of finance', name('finance')],
    ["who sent on finance's behalf", name('finance')],
    ['sent on behalf of finance', name('finance')],
  ])('%s', (text, subject) => {
    expectQuery(text, { intent: 'who-sent-on-behalf', subject, range: lastSevenDays });
  });
});

describe('English: what did Y send as', () => {
  it.each([
    ['what did alex@contoso.com send as', address('alex@contoso.com')],
    ['what did alex send as?', name('alex')],
    ['who did alex send as', name('alex')],
    ['what has Alex Wilber sent as', name('Alex Wilber')],
    ['what addresses has alex been sending as', name('alex')],
    ['which mailboxes did alex send mail as', name('alex')],
    ['whom did alex send as', name('alex')],
    ['tell me what alex sent as', name('alex')],
    ['as whom did alex send', name('alex')],
  ])('%s', (text, actor) => {
    expectQuery(text, { intent: 'what-did-send-as', actor, range: lastSevenDays });
  });
});

describe('English: explain EVENT_ID', () => {
  const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  it.each([
    `explain ${id}`,
    `EXPLAIN ${id.toUpperCase()}`,
    `Explain {${id}}`,
    `show ${id}`,
    `details ${id}`,
    `details for ${id}`,
    `show me event ${id}`,
    `explain event id: ${id}`,
    `what is ${id}?`,
    id,
  ])('%s', (text) => {
    const result = expectQuery(text, { intent: 'explain', eventId: id });
    expect(result.assumed).toEqual([]);
  });

  it('ignores a range, which an event does not need', () => {
    expectQuery(`explain ${id} last week`, { intent: 'explain', eventId: id });
  });

  it('does not take a malformed id', () => {
    expectNotUnderstood('explain 1b4e28ba-2fa1-41d2-883f');
    expectNotUnderstood('explain something');
  });
});

describe('English: anomalies, health, subscriptions, help', () => {
  it.each([
    ['anomalies', 'anomalies'],
    ['any anomalies?', 'anomalies'],
    ['show me anomalies', 'anomalies'],
    ['alerts', 'anomalies'],
    ['anything suspicious', 'anomalies'],
    ['is there anything suspicious?', 'anomalies'],
    ['suspicious activity', 'anomalies'],
    ['audit health', 'health'],
    ['health', 'health'],
    ['gaps', 'health'],
    ['audit gaps', 'health'],
    ['any gaps', 'health'],
    ['freshness', 'health'],
    ['coverage', 'health'],
    ['is the audit log complete', 'health'],
    ['is the audit log up to date?', 'health'],
    ['are there gaps in the audit log', 'health'],
  ] as const)('%s → %s with the default range', (text, intent) => {
    expectQuery(text, { intent, range: lastSevenDays });
  });

  it('reads a range on anomalies and health', () => {
    const result = expectParsed('anomalies last week');
    expect(result.query).toEqual({
      intent: 'anomalies',
      range: { kind: 'last-week', from: '2026-11-09T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z', timeZone: 'UTC' },
    });
    expect(result.assumed).toEqual([]);
  });

  it.each([
    ['subscribe', 'subscribe'],
    ['subscribe me to alerts', 'subscribe'],
    ['turn on notifications', 'subscribe'],
    ['turn notifications on', 'subscribe'],
    ['enable notifications', 'subscribe'],
    ['notify me', 'subscribe'],
    ['unsubscribe', 'unsubscribe'],
    ['Unsubscribe this channel', 'unsubscribe'],
    ['turn off notifications', 'unsubscribe'],
    ['turn notifications off please', 'unsubscribe'],
    ['stop notifications', 'unsubscribe'],
    ['help', 'help'],
    ['Help!', 'help'],
    ['?', 'help'],
    ['??', 'help'],
    ['what can you do?', 'help'],
    ['what can I ask', 'help'],
    ['hello', 'help'],
  ] as const)('%s → %s', (text, intent) => {
    const result = expectQuery(text, { intent });
    expect(result.assumed).toEqual([]);
  });

  it.each([
    ['help today', 'help'],
    ['subscribe last week', 'subscribe'],
    ['unsubscribe on 2022-02-30', 'unsubscribe'],
  ] as const)('ignores a range, even an impossible one, where none is needed: %s', (text, intent) => {
    const result = expectQuery(text, { intent });
    expect(result.assumed).toEqual([]);
  });

  it('reads "?" in the locale language', () => {
    expect(expectParsed('?', { locale: 'ja-JP' }).language).toBe('ja');
  });
});

describe('English: permission-shaped questions get a suggestion instead', () => {
  it.each(['who sends as finance', 'who can send as finance', 'who send as finance'])('%s', (text) => {
    expect(expectNotUnderstood(text).suggestion).toBe('who sent as finance this week');
  });

  it('does not read question words as a name', () => {
    expectNotUnderstood('who sent as');
    expectNotUnderstood('who has been sending as');
    expectNotUnderstood('who sent as me');
    expectNotUnderstood('who sent as anyone');
  });
});
