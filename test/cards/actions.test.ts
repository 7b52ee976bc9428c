import { MAX_ADDRESS_LENGTH, MAX_ANOMALY_KEY_LENGTH, MAX_QUESTION_LENGTH, parseCardAction } from '../../src/cards/actions';

const RANGE = { from: '2025-04-30T15:00:00.000Z', to: '2025-05-07T15:00:00.000Z', kind: 'default', timeZone: 'Asia/Tokyo' };

const GOOD = [
  { verb: 'ask', question: 'who sent as finance@contoso.com this week' },
  { verb: 'drill', actor: 'alex@contoso.com', sentAs: 'finance@contoso.com', from: RANGE.from, to: RANGE.to },
  { verb: 'page', intent: 'who-sent-as', subject: 'finance@contoso.com', range: RANGE, assumed: ['range'], page: 2, start: 26 },
  { verb: 'page', intent: 'anomalies', subject: null, range: { ...RANGE, kind: 'last-days', amount: 7 }, assumed: [], page: 1 },
  { verb: 'explain', eventId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' },
  { verb: 'evidence', anomaly: 'spike:finance@contoso.com:2025-05-07' },
  { verb: 'mute', kind: 'new-delegate', mailbox: 'finance@contoso.com' },
  { verb: 'unmute', kind: 'new-delegate', mailbox: 'finance@contoso.com' },
] as const;

describe('parseCardAction', () => {
  it.each(GOOD)('accepts a well-formed $verb payload as Submit data', (payload) => {
    expect(parseCardAction(payload)).toEqual({ ok: true, action: payload });
  });

  it.each(GOOD)('accepts a well-formed $verb payload as an adaptiveCard/action invoke value', (payload) => {
    const { verb, ...data } = payload;
    const invoke = { action: { type: 'Action.Execute', verb, data: { ...data, verb } } };
    expect(parseCardAction(invoke)).toEqual({ ok: true, action: payload });
    // Data without its own verb is routed by the action's verb.
    expect(parseCardAction({ action: { type: 'Action.Execute', verb, data } })).toEqual({ ok: true, action: payload });
  });

  it('reads an evidence button from a card posted before the rename, which sends `key`, as today\'s `anomaly`', () => {
    const key = 'spike|-|finance@contoso.com|2025-05-07';
    expect(parseCardAction({ verb: 'evidence', key })).toEqual({ ok: true, action: { verb: 'evidence', anomaly: key } });
    expect(parseCardAction({ action: { type: 'Action.Execute', verb: 'evidence', data: { verb: 'evidence', key } } })).toEqual({
      ok: true,
      action: { verb: 'evidence', anomaly: key },
    });
    // The old name is held to the same limits as the new one, and the new one wins when both are sent.
    expect(parseCardAction({ verb: 'evidence', key: 'x'.repeat(MAX_ANOMALY_KEY_LENGTH + 1) })).toMatchObject({ ok: false, error: expect.stringMatching(/anomaly/) });
    expect(parseCardAction({ verb: 'evidence', key: 'old', anomaly: 'new' })).toEqual({ ok: true, action: { verb: 'evidence', anomaly: 'new' } });
    expect(parseCardAction({ verb: 'evidence' })).toMatchObject({ ok: false, error: expect.stringMatching(/anomaly/) });
  });

  it('ignores what Teams adds to Submit data and trims text', () => {
    const result = parseCardAction({ verb: 'ask', question: '  help  ', msteams: { type: 'messageBack' } });
    expect(result).toEqual({ ok: true, action: { verb: 'ask', question: 'help' } });
  });

  it.each([
    ['not an object', 'drill', /malformed/],
    ['null', null, /malformed/],
    ['unknown verb', { verb: 'delete-everything' }, /verb/],
    ['missing field', { verb: 'drill', actor: 'alex@contoso.com', from: RANGE.from, to: RANGE.to }, /sentAs/],
    ['wrong type', { verb: 'page', intent: 'who-sent-as', subject: 'finance@contoso.com', range: RANGE, assumed: [], page: '2' }, /page/],
    ['negative page', { verb: 'page', intent: 'who-sent-as', subject: 'finance@contoso.com', range: RANGE, assumed: [], page: -1 }, /page/],
    ['fractional page', { verb: 'page', intent: 'who-sent-as', subject: 'finance@contoso.com', range: RANGE, assumed: [], page: 1.5 }, /page/],
    ['page intent not pageable', { verb: 'page', intent: 'explain', subject: null, range: RANGE, assumed: [], page: 1 }, /intent/],
    ['bad range kind', { verb: 'page', intent: 'anomalies', subject: null, range: { ...RANGE, kind: 'forever' }, assumed: [], page: 1 }, /range\.kind/],
    ['range backwards', { verb: 'drill', actor: 'a@contoso.com', sentAs: 'b@contoso.com', from: RANGE.to, to: RANGE.from }, /from must lie before to/],
    ['not a date', { verb: 'drill', actor: 'a@contoso.com', sentAs: 'b@contoso.com', from: 'yesterday', to: RANGE.to }, /from/],
    ['huge question', { verb: 'ask', question: 'x'.repeat(MAX_QUESTION_LENGTH + 1) }, /question/],
    ['huge address', { verb: 'mute', kind: 'spike', mailbox: `${'a'.repeat(MAX_ADDRESS_LENGTH)}@contoso.com` }, /mailbox/],
    ['empty question', { verb: 'ask', question: '   ' }, /question/],
    ['unknown anomaly kind', { verb: 'mute', kind: 'everything', mailbox: 'finance@contoso.com' }, /kind/],
    ['invoke verb and data disagree', { action: { type: 'Action.Execute', verb: 'ask', data: { verb: 'mute', kind: 'spike', mailbox: 'a@contoso.com' } } }, /does not match/],
  ])('refuses %s with a message naming the problem', (_name, payload, message) => {
    const result = parseCardAction(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(message);
      expect(result.error.length).toBeLessThan(400);
    }
  });

  it('does not echo a huge payload back in its message', () => {
    const result = parseCardAction({ verb: 'x'.repeat(100_000) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(400);
  });
});
