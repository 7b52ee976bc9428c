import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Language } from '../i18n/reasons';
import type { TemplateData, TemplateName } from './models';

/** An Adaptive Card as JSON: what goes into an attachment's `content`. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [property: string]: unknown;
}

export const TEMPLATE_NAMES = [
  'answer',
  'event-detail',
  'events',
  'help',
  'refusal',
  'error',
  'progress',
  'anomaly',
  'ambiguous',
  'not-found',
  'health',
  'notice',
  'ranking',
  'review',
] as const satisfies readonly TemplateName[];

/** /cards at the repository root, the same from src/cards (ts-jest) and dist/cards (build). */
export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'cards');

const loaded = new Map<TemplateName, unknown>();

/** The parsed template, read once. A missing or broken template is a packaging bug: it throws. */
export function loadTemplate(name: TemplateName): unknown {
  let template = loaded.get(name);
  if (template === undefined) {
    template = JSON.parse(readFileSync(path.join(TEMPLATE_DIR, `${name}.json`), 'utf8')) as unknown;
    loaded.set(name, template);
  }
  return template;
}

/**
 * Binds data to a template, exactly once. The output is final: data values such as `${secret}` stay
 * literal text, and they would be evaluated if the output were ever templated again, so nothing here
 * (or anywhere) feeds a card back into `Template`.
 */
const prepared = new Map<TemplateName, ACData.Template>();

/**
 * Expands a template once with its data. The parsed template is kept: building it re-parses every
 * `${...}` and was a third of the server's time under load; `expand` builds new objects each call.
 */
export function renderTemplate<N extends TemplateName>(name: N, data: TemplateData[N], language: Language): AdaptiveCard {
  let template = prepared.get(name);
  if (template === undefined) {
    template = new ACData.Template(loadTemplate(name));
    prepared.set(name, template);
  }
  const card = template.expand({ $root: data }) as AdaptiveCard;
  stampLanguage(card, language);
  return card;
}

/**
 * Every button's data carries the card's language, so what a button brings back is answered in the
 * language of the card it sits on, not the client's locale (a Japanese answer's buttons in an
 * en-US client answered in English). Stamped before the card is measured, so the size budget counts it.
 */
function stampLanguage(node: unknown, language: Language): void {
  if (Array.isArray(node)) {
    for (const item of node) stampLanguage(item, language);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  const data = record.data;
  if ((record.type === 'Action.Execute' || record.type === 'Action.Submit') && typeof data === 'object' && data !== null && 'verb' in data) {
    (data as Record<string, unknown>).lang = language;
  }
  for (const value of Object.values(record)) stampLanguage(value, language);
}
