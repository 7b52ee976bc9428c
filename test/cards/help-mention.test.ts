import { helpCard } from '../../src/cards';
import { EXAMPLE_QUESTIONS } from '../../src/query/parse/examples';
import { parseQuestion } from '../../src/query/parse';
import { RIGHTS_EXAMPLE_QUESTIONS } from '../../src/query/parse/rights';
import { executeActions, markdownTexts } from './support';

const asks = (card: ReturnType<typeof helpCard>): string[] => executeActions(card).map((a) => (a.data as { question: string }).question);

describe('help and welcome cards in group chats and channels (issue 17)', () => {
  it.each([
    ['en', /start your message with \*\*@SendAs Watch\*\*/],
    ['ja', /先頭で \*\*@SendAs Watch\*\* とメンション/],
  ] as const)('say in %s that messages there need an @mention, once, on welcome and help alike', (language, wording) => {
    for (const card of [helpCard(language, { welcome: true }), helpCard(language)]) {
      expect(markdownTexts(card).filter((text) => wording.test(text))).toHaveLength(1);
    }
  });

  it('the example in the mention note is a question the bot understands once Teams strips the mention', () => {
    for (const text of ['<at>SendAs Watch</at> who sent as finance this week', '<at>SendAs Watch</at> 今週 finance として送信したのは誰']) {
      const result = parseQuestion(text, { now: new Date('2026-03-18T01:00:00Z'), timeZone: 'Asia/Tokyo', locale: 'en-US' });
      expect(result).toMatchObject({ kind: 'parsed', query: { intent: 'who-sent-as', subject: { text: 'finance' } } });
    }
  });
});

describe('not understood: the suggestion button', () => {
  it('asks the suggestion when it is a whole question', () => {
    const card = helpCard('en', { suggestion: 'who sent as payroll last week' });
    expect(asks(card)[0]).toBe('who sent as payroll last week');
  });

  it.each([
    ['en', 'who sent as … this week'],
    ['ja', '今週 … として送信したのは誰'],
  ] as const)('is left out (%s) when the suggestion has a blank for a name, which stays shown', (language, suggestion) => {
    const card = helpCard(language, { suggestion });
    expect(markdownTexts(card).some((text) => text.includes(suggestion))).toBe(true);
    expect(asks(card)).toEqual([...EXAMPLE_QUESTIONS[language].filter((e) => e.intent !== 'help').map((e) => e.text), ...RIGHTS_EXAMPLE_QUESTIONS[language]]);
  });
});
