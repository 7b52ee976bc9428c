import { answerCard, parseCardAction } from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards/render';
import { authored } from '../../src/cards/markdown';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/size';
import { en, ja } from '../../src/i18n/cards';
import type { Language } from '../../src/i18n/reasons';
import type { EventListAnswer, EventListItem } from '../../src/query/answer';
import { HOSTILE, HOSTILE_TEXT, JA_NAME, LONG_ADDRESS, LONG_SUBJECT } from './fixtures';
import { cardProblems, executeActions, markdownTexts, rowIndexes } from './support';

type Json = Record<string, unknown>;

const LANGUAGES: readonly Language[] = ['en', 'ja'];
const NEWEST = Date.parse('2025-05-07T12:00:00.000Z');
const CATEGORY_CYCLE = ['delegate', 'delegate', 'unknown', 'owner-misreport', 'connector', 'application'] as const;

/** Event `i` of a list, newest first: seven minutes apart. */
function item(i: number, overrides: Partial<EventListItem> = {}): EventListItem {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    time: new Date(NEWEST - i * 7 * 60_000).toISOString(),
    operation: i % 4 === 3 ? 'SendOnBehalf' : 'SendAs',
    client: (['owa', 'outlook-desktop', 'rest'] as const)[i % 3],
    category: CATEGORY_CYCLE[i % CATEGORY_CYCLE.length],
    clientIp: `192.0.2.${10 + (i % 200)}`,
    subject: `Invoice ${4400 + i} for May`,
    ...overrides,
  };
}

/** A page of `count` events; with `total` beyond it, more follow after the last. */
function eventList(count: number, overrides: Partial<EventListAnswer> = {}, make: (i: number) => EventListItem = item): EventListAnswer {
  const events = Array.from({ length: count }, (_, i) => make(i));
  const language = overrides.language ?? 'en';
  const total = overrides.total ?? count;
  const offset = overrides.offset ?? 0;
  const last = events.at(-1);
  return {
    intent: 'events',
    language,
    timeZone: 'Asia/Tokyo',
    warnings: [{ kind: 'blind-spot', message: { code: 'blind-spot' } }],
    actor: 'alex.wilber@contoso.com',
    sentAs: 'finance@contoso.com',
    range: { from: '2025-04-30T15:00:00.000Z', to: '2025-05-07T15:00:00.000Z' },
    events,
    total,
    offset,
    next: offset + count < total && last !== undefined ? { time: last.time, id: last.id } : null,
    ...overrides,
  };
}

const hostileEvent = (i: number): EventListItem =>
  item(i, {
    subject: [HOSTILE_TEXT, `${HOSTILE.template} 請求書 ${JA_NAME}`, LONG_SUBJECT, HOSTILE.newline, HOSTILE.link, null, '   '][i % 7],
    client: i % 5 === 0 ? 'other' : 'owa',
    clientIp: i % 6 === 0 ? null : i % 6 === 1 ? HOSTILE.mention : '2001:db8::1',
    id: i % 9 === 0 ? HOSTILE.template : i % 9 === 1 ? `${'f'.repeat(200)}` : item(i).id,
  });

const explainIds = (card: AdaptiveCard): string[] =>
  executeActions(card)
    .filter((action) => action.verb === 'explain')
    .map((action) => (action.data as { eventId: string }).eventId);

const buttons = (card: AdaptiveCard, verb: string): Json[] =>
  executeActions(card)
    .filter((action) => action.verb === verb)
    .map((action) => action.data as Json);

const texts = (card: AdaptiveCard) => markdownTexts(card).join('\n');

function cases(language: Language): [string, () => AdaptiveCard][] {
  return [
    ['realistic', () => answerCard(eventList(12, { language }))],
    ['a single event', () => answerCard(eventList(1, { language }))],
    ['empty', () => answerCard(eventList(0, { language, warnings: [] }))],
    ['a middle page of many', () => answerCard(eventList(25, { language, total: 5000, offset: 2500 }))],
    ['hostile events', () => answerCard(eventList(25, { language, total: 60, actor: `${HOSTILE.link}${LONG_ADDRESS}`, sentAs: HOSTILE.template }, hostileEvent))],
    ['hostile events, last page', () => answerCard(eventList(9, { language, offset: 51, total: 60 }, hostileEvent))],
    ['5,000 events in one answer', () => answerCard(eventList(5000, { language }))],
    ['a known incident and a bad time zone', () => answerCard(eventList(3, { language, timeZone: 'Mars/Olympus_Mons', warnings: [{ kind: 'known-incident', message: { code: 'worded', text: 'MC382148: SendAs and SendOnBehalf events not generated.' } }] }))],
  ];
}

describe.each(LANGUAGES)('the event list card in %s', (language) => {
  it.each(cases(language))('%s: expands, parses, validates, version 1.5, within budget', (_name, build) => {
    expect(cardProblems(build(), 'events')).toEqual([]);
  });

  it.each(cases(language))('%s: data never turns into markdown', (_name, build) => {
    for (const text of markdownTexts(build())) {
      expect(text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
      expect(text).not.toMatch(/(?<!\\)<at>/);
      expect(text).not.toMatch(/[\r\n]/);
      expect(text).not.toMatch(/\$\{/);
    }
  });
});

describe('the event list card', () => {
  it('titles the actor and identity, says the range in the asker zone, and lists the events newest first', () => {
    const answer = eventList(3);
    const card = answerCard(answer);
    const body = card.body as Json[];
    expect(body[0].text).toBe('Events: alex.wilber@contoso.com sending from finance@contoso.com');
    expect(body[1].text).toBe('1 May 2025 – 7 May 2025');
    expect(texts(card)).toContain('**3 events** in this range, newest first.');
    // 12:00Z is 21:00 in Tokyo; the second event is seven minutes earlier.
    const headings = (card.body as Json[]).filter((element) => typeof element.id === 'string').map((row) => markdownTexts(row as AdaptiveCard));
    expect(headings).toEqual([
      ['7 May 2025 21:00 · Send As', 'Delegate send · Outlook on the web · IP 192.0.2.10', 'Subject: Invoice 4400 for May'],
      ['7 May 2025 20:53 · Send As', 'Delegate send · Outlook desktop · IP 192.0.2.11', 'Subject: Invoice 4401 for May'],
      ['7 May 2025 20:46 · Send As', 'Unclear · REST / Graph · IP 192.0.2.12', 'Subject: Invoice 4402 for May'],
    ]);
    expect(explainIds(card)).toEqual(answer.events.map((event) => event.id));
    expect(texts(card)).toContain('Times are Tokyo time');
    expect(markdownTexts(card).filter((text) => text.includes('Outlook Mobile'))).toHaveLength(1);
  });

  it('colours what needs a look and says when no subject or IP was recorded', () => {
    const card = answerCard(eventList(3, {}, (i) => item(i, { category: (['delegate', 'unknown', 'connector'] as const)[i], subject: i === 0 ? null : 'x', clientIp: i === 0 ? '' : '192.0.2.1' })));
    const colours = (card.body as Json[]).filter((element) => typeof element.id === 'string').map((row) => JSON.stringify(row).match(/"color":"(\w+)"/)?.[1]);
    expect(colours).toEqual(['Attention', 'Warning', 'Default']);
    expect(texts(card)).toContain('Delegate send · Outlook on the web · no IP recorded');
    expect(texts(card)).toContain('No subject recorded');
  });

  it('words the list in Japanese, with Japanese subjects intact', () => {
    const card = answerCard(eventList(2, { language: 'ja', total: 40 }, (i) => item(i, { subject: `${JA_NAME} の請求書`, operation: i === 0 ? 'SendAs' : 'SendOnBehalf' })));
    const all = texts(card);
    expect(all).toContain('alex.wilber@contoso.com が finance@contoso.com から送信したイベント');
    expect(all).toContain('2025年5月7日 21:00 · Send As（送信者として送信）');
    expect(all).toContain('Send on Behalf（代理送信）');
    expect(all).toContain(`件名: ${JA_NAME.replace(/[()]/g, (c) => `\\${c}`)} の請求書`);
    expect(all).toContain('40 件中 1〜2 件目');
    expect(buttons(card, 'events')).toHaveLength(1);
    expect(executeActions(card).find((action) => action.verb === 'events')?.title).toBe('古いイベント');
  });

  it('keeps hostile text literal: escaped where it shows, the raw id in the explain button', () => {
    const card = answerCard(eventList(1, {}, () => item(0, { subject: `${HOSTILE.template}${HOSTILE.link}`, id: 'evt-[1]' })));
    expect(texts(card)).toContain('Subject: $\\{secret\\} $\\{$root.title\\} $\\{json\\($root\\)\\}\\[click here\\]\\(http://evil.example/steal\\)');
    expect(explainIds(card)).toEqual(['evt-[1]']);
  });

  it('leaves out the explain button of an event whose id could not ride in one', () => {
    const card = answerCard(eventList(2, {}, (i) => item(i, { id: i === 0 ? 'e'.repeat(300) : 'evt-2' })));
    expect(rowIndexes(card)).toEqual([0, 1]);
    expect(explainIds(card)).toEqual(['evt-2']);
  });

  it('says so when there is nothing, with no buttons', () => {
    const card = answerCard(eventList(0));
    expect(texts(card)).toContain('No sends by this person from this mailbox in this range.');
    expect(executeActions(card)).toEqual([]);
    expect(rowIndexes(card)).toEqual([]);
  });

  it('fits what the budget allows and resumes the next page after the last event shown', () => {
    const answer = eventList(25, { total: 5000 });
    const card = answerCard(answer);
    const shown = rowIndexes(card);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(25);
    expect(shown).toEqual(shown.map((_, i) => i));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const last = answer.events[shown.length - 1];
    const [next] = buttons(card, 'events');
    expect(next).toEqual({
      verb: 'events',
      lang: 'en',
      actor: answer.actor,
      sentAs: answer.sentAs,
      from: answer.range.from,
      to: answer.range.to,
      before: { time: last.time, id: last.id },
    });
    expect(parseCardAction(next)).toEqual({ ok: true, action: next });
    expect(texts(card)).toContain(`Events 1–${shown.length} of 5,000`);
  });

  it('numbers a later page, offers the newest events again, and ends without an older-events button', () => {
    const answer = eventList(4, { total: 104, offset: 100 });
    const card = answerCard(answer);
    expect(texts(card)).toContain('Events 101–104 of 104');
    const actions = executeActions(card).filter((action) => action.verb === 'events');
    expect(actions.map((action) => action.title)).toEqual(['Newest events']);
    expect(actions[0].data).toEqual({ verb: 'events', lang: 'en', actor: answer.actor, sentAs: answer.sentAs, from: answer.range.from, to: answer.range.to });
  });

  it('shows a full first page without numbering when everything fits', () => {
    const card = answerCard(eventList(5));
    expect(texts(card)).not.toMatch(/Events \d/);
    expect(buttons(card, 'events')).toEqual([]);
  });

  it('has the same words in both languages', () => {
    for (const strings of [en, ja]) {
      const outputs = [
        strings.events.title(authored('alex@contoso.com'), authored('finance@contoso.com')),
        strings.events.summary(1),
        strings.events.summary(5000),
        strings.events.pageInfo(26, 40, 5000),
        strings.events.clientIp(authored('192.0.2.1')),
        strings.events.subject(authored('Invoice 4411')),
        ...Object.values(strings.events.operation),
        ...Object.values(strings.events.category),
      ];
      for (const text of outputs) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toMatch(/undefined|null|NaN|\[object/);
      }
    }
    expect(ja.events.summary(3)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});

describe('the events card action', () => {
  const first = { verb: 'events', actor: 'alex.wilber@contoso.com', sentAs: 'finance@contoso.com', from: '2025-04-30T15:00:00.000Z', to: '2025-05-07T15:00:00.000Z' };
  const older = { ...first, before: { time: '2025-05-06T08:12:00.000Z', id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' } };

  it.each([first, older])('accepts a page payload as Submit data and as an invoke value', (payload) => {
    expect(parseCardAction(payload)).toEqual({ ok: true, action: payload });
    const { verb, ...data } = payload;
    expect(parseCardAction({ action: { type: 'Action.Execute', verb, data } })).toEqual({ ok: true, action: payload });
  });

  it.each([
    ['a cursor time that is not one', { ...older, before: { ...older.before, time: 'yesterday' } }, /before\.time/],
    ['a cursor id longer than any event id', { ...older, before: { ...older.before, id: 'x'.repeat(129) } }, /before\.id/],
    ['an empty cursor id', { ...older, before: { ...older.before, id: '  ' } }, /before\.id/],
    ['a range backwards', { ...first, from: first.to, to: first.from }, /from must lie before to/],
    ['an address far too long', { ...first, actor: `${'a'.repeat(400)}@contoso.com` }, /actor/],
    ['no identity', { ...first, sentAs: undefined }, /sentAs/],
  ])('refuses %s with a message naming it', (_name, payload, message) => {
    const result = parseCardAction(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
