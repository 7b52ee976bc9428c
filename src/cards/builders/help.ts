import type { Language } from '../../i18n/reasons';
import type { Intent } from '../../query/query';
import { EXAMPLE_QUESTIONS, hasBlank } from '../../query/parse/examples';
import { RIGHTS_EXAMPLE_QUESTIONS } from '../../query/parse/rights';
import { MAX_QUESTION_LENGTH } from '../actions';
import type { AskAction } from '../actions';
import { clip, escapeMarkdown } from '../markdown';
import type { HelpCardData } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../../i18n/cards';

export interface HelpOptions {
  /** The first card in a new conversation: a greeting instead of "what you can ask". */
  readonly welcome?: boolean;
  /**
   * The parser's closest question when it did not understand: shows "Did you mean" and, unless it has
   * a blank for a name the asker did not give, a button that asks it.
   */
  readonly suggestion?: string;
  /** The example questions to offer; the parser's canonical ones in the card language by default. */
  readonly examples?: readonly { readonly intent: Intent; readonly text: string }[];
}

/** Button titles are short; the button still asks the whole question. */
const MAX_BUTTON_TITLE = 80;

/** Help, welcome, and "not understood": example questions as buttons that ask them. */
export function helpCard(language: Language, options: HelpOptions = {}): AdaptiveCard {
  const strings = stringsFor(language).help;
  // Asking for help from the help card would only show it again.
  const examples = (options.examples ?? EXAMPLE_QUESTIONS[language]).filter((example) => example.intent !== 'help');
  const suggestion = options.suggestion?.trim();
  const data: HelpCardData = {
    title: options.welcome === true ? strings.welcomeTitle : strings.helpTitle,
    intro: options.welcome === true ? strings.welcomeIntro : strings.helpIntro,
    notUnderstood: suggestion === undefined ? '' : strings.notUnderstood,
    didYouMean: suggestion === undefined || suggestion === '' ? '' : strings.didYouMean(escapeMarkdown(suggestion, MAX_QUESTION_LENGTH)),
    suggestion: suggestion === undefined || hasBlank(suggestion) ? null : askAction(suggestion),
    suggestionButton: strings.askSuggestion,
    examplesHeading: strings.examplesHeading,
    examples: askButtons(examples.map((example) => example.text)),
    rightsHeading: strings.rightsHeading,
    rightsExamples: options.examples === undefined ? askButtons(RIGHTS_EXAMPLE_QUESTIONS[language]) : [],
    blindSpot: strings.blindSpot,
    mentionInGroups: strings.mentionInGroups,
  };
  return renderTemplate('help', data, language);
}

function askButtons(questions: readonly string[]): { title: string; ask: AskAction }[] {
  return questions.flatMap((question) => {
    const ask = askAction(question);
    return ask === null ? [] : [{ title: clip(question, MAX_BUTTON_TITLE), ask }];
  });
}

/** An ask button's payload, or null when the question could not pass the action schema. */
export function askAction(question: string): AskAction | null {
  const trimmed = question.trim();
  return trimmed === '' || trimmed.length > MAX_QUESTION_LENGTH ? null : { verb: 'ask', question: trimmed };
}
