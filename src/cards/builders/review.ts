import type { Language } from '../../i18n/reasons';
import { formatDated } from '../../i18n/dates';
import { RIGHTS_MESSAGES } from '../../i18n/rights/messages';
import type { RightsAnswer } from '../../rights/answer';
import type { ReviewDecision } from '../../rights/review';
import { reviewDecisionText, rightsView } from '../../rights/answer';
import { escapeMarkdown } from '../markdown';
import type { ReviewCardData, ReviewItemView, ReviewMailboxView } from '../models';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { CARD_BUDGET_BYTES, cardBytes } from '../size';

/** Rights shown on one review card: more than an admin decides in one sitting. The rest are counted, with the question that lists them. */
export const MAX_REVIEW_RIGHTS = 10;

export type AccessReviewAnswer = Extract<RightsAnswer, { kind: 'access-review' }>;

/**
 * The access review as a card: per mailbox, each dormant right with its facts and Keep / Remove, or its
 * decision once made (a removal with the exact command to run, shown verbatim). At most `maxRights`
 * rights, fewer if the card would pass the size budget; the rest are counted, and a button asks the
 * dormant-rights question, which lists every one with its command.
 */
export function reviewCard(answer: AccessReviewAnswer, language: Language, timeZone: string, maxRights = MAX_REVIEW_RIGHTS): AdaptiveCard {
  const words = RIGHTS_MESSAGES[language];
  const when = (iso: string): string => formatDated(iso, timeZone, language, 'instant');
  const view = rightsView(answer, language, timeZone);
  const all = answer.review.flatMap((m) => m.items.map((item) => ({ mailbox: m.mailbox, item })));
  const itemView = ({ item }: (typeof all)[number], index: number): ReviewItemView => {
    const { interval, lastUse } = item.dormant;
    const target = { mailbox: interval.mailbox.key, trustee: interval.trustee.key, right: interval.right };
    const facts = [
      words.since(interval.from === null ? null : when(interval.from)),
      words.grantedBy(interval.grantedBy),
      words.lastUse(lastUse === null ? null : when(lastUse)),
    ];
    const removal = item.settled && item.decision?.decision === 'remove';
    return {
      id: `right-${index}`,
      heading: escapeMarkdown(`${interval.trustee.text} — ${words.right[interval.right]}`),
      facts: escapeMarkdown(facts.join(' · '), 1000),
      decided: item.decision === null || !item.settled ? '' : escapeMarkdown(reviewDecisionText(words, item, when)),
      decidedColor: !item.settled ? 'Default' : removal ? 'Attention' : 'Good',
      command: removal ? item.command : '',
      keep: item.settled ? null : { verb: 'review-keep', ...target },
      remove: item.settled ? null : { verb: 'review-remove', ...target },
    };
  };
  const card = (shown: number): AdaptiveCard => {
    const mailboxes: ReviewMailboxView[] = [];
    all.slice(0, shown).forEach((entry, index) => {
      const heading = escapeMarkdown(entry.mailbox.text === entry.mailbox.key ? entry.mailbox.key : `${entry.mailbox.text} (${entry.mailbox.key})`);
      const last = mailboxes[mailboxes.length - 1];
      const items = last !== undefined && last.heading === heading ? (last.items as ReviewItemView[]) : [];
      if (items.length === 0) mailboxes.push({ heading, items });
      items.push(itemView(entry, index));
    });
    const hidden = all.length - shown;
    const data: ReviewCardData = {
      title: escapeMarkdown(view.title),
      intro: escapeMarkdown(words.review.intro(answer.days)),
      none: escapeMarkdown(view.empty, 600),
      mailboxes,
      keepTitle: words.review.keep,
      removeTitle: words.review.remove,
      runThis: escapeMarkdown(words.review.runThis, 600),
      more: hidden > 0 ? escapeMarkdown(words.review.more(hidden, words.review.allQuestion), 600) : '',
      askAll: hidden > 0 ? { verb: 'ask', question: words.review.allQuestion } : null,
      askAllTitle: words.review.askAll,
      // The intro heads the card; the notes say how long a Keep holds, that Remove only shows the command, and what the data is known from.
      // Said once under the card rather than under each Full Access right.
      notes: [...(all.some((e) => e.item.dormant.useSeenOnlyBySends) ? [words.review.onlySendsSeen] : []), ...view.notes.slice(1)].map((note) => ({ text: escapeMarkdown(note, 600) })),
    };
    return renderTemplate('review', data, language);
  };
  // Teams refuses cards over its size limit: show fewer rights rather than none.
  let shown = Math.min(all.length, maxRights);
  let rendered = card(shown);
  while (shown > 1 && cardBytes(rendered) > CARD_BUDGET_BYTES) {
    // Few rights, each re-rendered cheaply: step down one at a time, so the card stays as full as it can be.
    shown = shown > maxRights ? maxRights : shown - 1;
    rendered = card(shown);
  }
  return rendered;
}

/** Why a Keep or Remove was not stored: the right is not held today, or the same decision stands already. */
export type ReviewRefusal = { readonly kind: 'not-held' } | { readonly kind: 'already'; readonly decision: ReviewDecision };

/** The answer to a Keep or Remove that stored nothing: a short card that says why. */
export function reviewRefusalCard(language: Language, timeZone: string, refusal: ReviewRefusal): AdaptiveCard {
  const words = RIGHTS_MESSAGES[language].review;
  const text =
    refusal.kind === 'not-held'
      ? words.notHeld
      : words.alreadyDecided(refusal.decision.decision === 'keep' ? words.keep : words.remove, refusal.decision.by, formatDated(refusal.decision.at, timeZone, language, 'instant'));
  return renderTemplate('notice', { title: escapeMarkdown(words.notRecordedTitle), text: escapeMarkdown(text, 600), facts: [], note: '', undo: null }, language);
}
