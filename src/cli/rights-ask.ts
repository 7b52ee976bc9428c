import { rightsCard } from '../cards/builders/rights';
import { reviewCard } from '../cards/builders/review';
import { questionLanguage } from '../query/parse/normalize';
import type { RightsQuestion } from '../rights/answer';
import { answerRightsQuestion, rightsView } from '../rights/answer';
import type { RightsFreshnessReads } from '../rights/freshness';
import type { DelegateUses, RightsStore } from '../rights/ports';
import type { AskOptions } from './ask';

/** `ask` for a rights question: the answer as JSON, the bot's card, or text (title, one block per item, notes). */
export async function answerRightsText(question: RightsQuestion, store: RightsStore & DelegateUses & RightsFreshnessReads, options: AskOptions, asked: string): Promise<string> {
  const answer = await answerRightsQuestion(question, store, options.now.toISOString());
  if (options.format === 'json') return `${JSON.stringify(answer, null, 2)}\n`;
  const language = questionLanguage(options.locale, asked);
  const view = rightsView(answer, language, options.timeZone);
  if (options.format === 'card') return `${JSON.stringify(answer.kind === 'access-review' ? reviewCard(answer, language, options.timeZone) : rightsCard(view), null, 2)}\n`;
  const items = view.items.length === 0 ? `${view.empty}\n` : view.items.map((i) => [i.heading, ...i.facts.map((f) => `  ${f}`), ...(i.command === undefined ? [] : [`  ${i.command}`])].join('\n') + '\n').join('');
  return `${view.title}\n${view.warnings.map((w) => `! ${w}\n`).join('')}${items}${view.notes.map((n) => `(${n})\n`).join('')}`;
}
