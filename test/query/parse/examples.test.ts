import { EXAMPLE_QUESTIONS, parseQuestion } from '../../../src/query/parse';
import { INTENTS } from '../../../src/query/query';
import { context } from './support';

describe('EXAMPLE_QUESTIONS', () => {
  for (const language of ['en', 'ja'] as const) {
    describe(language, () => {
      it('has at least one example for every intent', () => {
        const covered = new Set(EXAMPLE_QUESTIONS[language].map((example) => example.intent));
        expect([...INTENTS].filter((intent) => !covered.has(intent))).toEqual([]);
      });

      it.each(EXAMPLE_QUESTIONS[language].map((example) => [example.text, example.intent] as const))(
        '%s parses to %s in either Teams locale',
        (text, intent) => {
          for (const locale of ['en-US', 'ja-JP']) {
            const result = parseQuestion(text, context({ locale, timeZone: 'Asia/Tokyo' }));
            expect(result).toMatchObject({ kind: 'parsed', query: { intent } });
          }
        },
      );

      it('reads each example in its own language', () => {
        for (const { text } of EXAMPLE_QUESTIONS[language]) {
          expect(parseQuestion(text, context({ locale: 'fr-FR' }))).toMatchObject({ language });
        }
      });
    });
  }
});
