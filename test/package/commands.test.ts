import type { Language } from '../../src/i18n/reasons';
import type { Manifest } from '../../src/package/checks';
import { EXAMPLE_QUESTIONS } from '../../src/query/parse/examples';
import { parseQuestion } from '../../src/query/parse';
import { parseRightsQuestion } from '../../src/query/parse/rights';
import type { RightsQuestion } from '../../src/rights/answer';
import type { Intent } from '../../src/query/query';
import { TENANT_INTENTS } from '../../src/query/query';
import { committedSources } from './support';

const sources = committedSources();
const manifest = JSON.parse(sources.get('manifest.json')!.toString('utf8')) as Manifest;
const ja = JSON.parse(sources.get('ja.json')!.toString('utf8')) as Record<string, string>;
const lists = manifest.bots![0].commandLists!;

/** What each command of every list asks, in menu order: a question of the send parser or a rights question (issue 19). */
const QUESTION_BY_COMMAND: readonly ({ readonly intent: Intent } | { readonly rights: RightsQuestion['kind'] })[] = [
  { intent: 'who-sent-as' },
  { intent: 'who-sent-on-behalf' },
  { intent: 'what-did-send-as' },
  { intent: 'anomalies' },
  { intent: 'health' },
  { intent: 'subscribe' },
  { intent: 'unsubscribe' },
  { rights: 'access-review' },
  { rights: 'dormant' },
  { intent: 'help' },
];
const INTENT_BY_COMMAND: readonly Intent[] = QUESTION_BY_COMMAND.flatMap((q) => ('intent' in q ? [q.intent] : []));

/** A description may end with an example question after this marker. */
const EXAMPLE_MARKER: Readonly<Record<Language, string>> = { en: 'e.g. ', ja: '例: ' };

interface CommandText {
  readonly language: Language;
  readonly where: string;
  readonly question: (typeof QUESTION_BY_COMMAND)[number];
  readonly title: string;
  readonly example: string | undefined;
}

function commandTexts(): CommandText[] {
  return lists.flatMap((list, listIndex) =>
    list.commands.flatMap((command, index) => {
      const key = `bots[0].commandLists[${listIndex}].commands[${index}]`;
      const question = QUESTION_BY_COMMAND[index];
      return (['en', 'ja'] as const).map((language) => {
        const title = language === 'en' ? command.title : ja[`${key}.title`];
        const description = (language === 'en' ? command.description : ja[`${key}.description`]) ?? '';
        const marker = description.indexOf(EXAMPLE_MARKER[language]);
        const example = marker < 0 ? undefined : description.slice(marker + EXAMPLE_MARKER[language].length);
        return { language, where: `${language} ${key}`, question, title, example };
      });
    }),
  );
}

const parse = (text: string, language: Language) =>
  parseQuestion(text, { now: new Date('2026-11-18T10:00:00Z'), timeZone: 'Asia/Tokyo', locale: language === 'ja' ? 'ja-JP' : 'en-US' });

describe('the command menu', () => {
  const texts = commandTexts();

  // Tenant-wide questions would take the menu past Teams' 10 commands; the help card lists them.
  it('offers every question the parser knows, except explaining an event (its id comes from a card) and the tenant-wide ones', () => {
    const offered = new Set(INTENT_BY_COMMAND);
    const known = new Set(EXAMPLE_QUESTIONS.en.map(({ intent }) => intent));
    expect([...known].filter((intent) => !offered.has(intent))).toEqual(['explain', ...TENANT_INTENTS]);
    // Teams shows at most 10 commands per list.
    for (const list of lists) expect(list.commands).toHaveLength(QUESTION_BY_COMMAND.length);
    expect(QUESTION_BY_COMMAND.length).toBeLessThanOrEqual(10);
  });

  const rightsTexts = texts.filter((text) => 'rights' in text.question);
  it.each(rightsTexts.map((text) => [text.where, text] as const))('%s: its title and its example ask the rights question it names', (_where, text) => {
    const kind = (text.question as { rights: string }).rights;
    expect(parseRightsQuestion(text.title)?.kind).toBe(kind);
    expect(parseRightsQuestion(text.example ?? '')?.kind).toBe(kind);
  });

  const sendTexts = texts.flatMap((text) => ('intent' in text.question ? [{ ...text, intent: text.question.intent }] : []));
  it.each(sendTexts.map((text) => [text.where, text] as const))('%s: its example or its title is a question the bot understands', (_where, text) => {
    const question = text.example ?? text.title;
    const result = parse(question, text.language);
    expect(result).toMatchObject({ kind: 'parsed', language: text.language, query: { intent: text.intent } });
  });

  it.each(sendTexts.map((text) => [text.where, text] as const))('%s: its title sent as it is leads to the same question', (_where, text) => {
    const result = parse(text.title, text.language);
    // A title that still needs a mailbox or a sender gets the help card's suggestion for that question,
    // with a blank (…) where the mailbox or sender goes.
    const understood = result.kind === 'parsed' ? result : parse(result.suggestion.replace('…', 'finance@contoso.com'), text.language);
    expect(understood).toMatchObject({ kind: 'parsed', language: text.language, query: { intent: text.intent } });
  });
});
