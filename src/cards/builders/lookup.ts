import type { AmbiguousAnswer, NotFoundAnswer } from '../../query/answer';
import { writeQuestion } from '../../query/parse/examples';
import { MAX_EVENT_ID_LENGTH } from '../actions';
import { clip, escapeMarkdown } from '../markdown';
import type { AmbiguousCardData, NotFoundCardData } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../../i18n/cards';
import { actionableAddress, caveats, reaskQuestion } from './common';
import { askAction } from './help';

/** Buttons beyond these are more than anyone reads; the rest are counted instead. */
const MAX_CANDIDATES = 10;
const MAX_SUGGESTIONS = 5;
const MAX_BUTTON_TITLE = 80;

/**
 * "Which one did you mean?": a button per candidate address that asks the question again with that
 * address. `question` is the asker's own text, so the re-asked question keeps their range and intent.
 */
export function ambiguousCard(answer: AmbiguousAnswer, question?: string): AdaptiveCard {
  const strings = stringsFor(answer.language).ambiguous;
  const usable = answer.candidates.filter(actionableAddress);
  const shown = usable.slice(0, MAX_CANDIDATES);
  const data: AmbiguousCardData = {
    title: strings.title,
    text: strings.text(escapeMarkdown(answer.asked, 200)),
    candidates: shown.flatMap((address) => {
      const ask = askAction(
        reaskQuestion(question, answer.asked, address.trim(), () => writeQuestion(answer.language, 'who-sent-as', { subject: address.trim() })),
      );
      return ask === null ? [] : [{ title: clip(address.trim(), MAX_BUTTON_TITLE), ask }];
    }),
    more: answer.candidates.length > shown.length ? strings.more(answer.candidates.length - shown.length) : '',
  };
  return renderTemplate('ambiguous', data, answer.language);
}

/** Nothing matched: say what was looked for and offer the near matches as buttons. */
export function notFoundCard(answer: NotFoundAnswer, question?: string): AdaptiveCard {
  const strings = stringsFor(answer.language).notFound;
  const asked = escapeMarkdown(answer.asked, 200);
  const suggestions: NotFoundCardData['suggestions'] =
    answer.what === 'event'
      ? answer.suggestions
          .map((id) => id.trim())
          .filter((id) => id !== '' && id.length <= MAX_EVENT_ID_LENGTH)
          .slice(0, MAX_SUGGESTIONS)
          .map((eventId) => ({ title: clip(eventId, MAX_BUTTON_TITLE), verb: 'explain' as const, action: { verb: 'explain' as const, eventId } }))
      : answer.suggestions
          .filter(actionableAddress)
          .slice(0, MAX_SUGGESTIONS)
          .flatMap((address) => {
            const subject = address.trim();
            const action = askAction(
              reaskQuestion(question, answer.asked, subject, () => writeQuestion(answer.language, 'who-sent-as', { subject })),
            );
            return action === null ? [] : [{ title: clip(subject, MAX_BUTTON_TITLE), verb: 'ask' as const, action }];
          });
  const data: NotFoundCardData = {
    title: strings.title,
    // Notes (freshness, blind spot) belong to answers with rows; the boxes say what the search could not see.
    warnings: caveats(answer).warnings,
    text: answer.what === 'event' ? strings.event(asked) : strings.address(asked),
    suggestionsHeading: strings.suggestions,
    suggestions,
    none: strings.none,
  };
  return renderTemplate('not-found', data, answer.language);
}
