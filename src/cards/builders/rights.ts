import type { RightsView } from '../../rights/answer';
import { escapeMarkdown } from '../markdown';
import type { AdaptiveCard } from '../render';
import { CARD_BUDGET_BYTES, cardBytes } from '../size';

/** The answer to a rights question (issue 19) as a card: a heading per holder, grant or send, its facts below. */
export function rightsCard(view: RightsView): AdaptiveCard {
  const items = view.items.map((item) => ({
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: escapeMarkdown(item.heading), weight: 'Bolder', wrap: true },
      ...item.facts.map((fact) => ({ type: 'TextBlock', text: escapeMarkdown(fact), spacing: 'None', wrap: true, isSubtle: true })),
      ...(item.command === undefined ? [] : [{ type: 'TextBlock', text: item.command, fontType: 'Monospace', size: 'Small', wrap: true }]),
    ],
  }));
  const card = (shown: number): AdaptiveCard => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body: [
      { type: 'TextBlock', text: escapeMarkdown(view.title), style: 'heading', size: 'Large', weight: 'Bolder', wrap: true },
      ...view.warnings.map((warning) => ({ type: 'TextBlock', text: escapeMarkdown(warning, 600), wrap: true, color: 'Warning', size: 'Small' })),
      ...(view.items.length === 0 ? [{ type: 'TextBlock', text: escapeMarkdown(view.empty), wrap: true }] : items.slice(0, shown)),
      ...(shown < items.length ? [{ type: 'TextBlock', text: `… +${items.length - shown}`, isSubtle: true }] : []),
      ...view.notes.map((note) => ({ type: 'TextBlock', text: escapeMarkdown(note, 600), wrap: true, isSubtle: true, size: 'Small', separator: true })),
    ],
  });
  // Teams refuses cards over its size limit: show fewer items rather than none.
  let shown = items.length;
  while (shown > 0 && cardBytes(card(shown)) > CARD_BUDGET_BYTES) shown = Math.floor(shown / 2);
  return card(shown);
}
