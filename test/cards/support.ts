import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as ACModule from 'adaptivecards';
import { parseCardAction } from '../../src/cards/actions';
import type { TemplateName } from '../../src/cards/models';
import { TEMPLATE_DIR } from '../../src/cards/render';
import type { AdaptiveCard } from '../../src/cards/render';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/size';

// The DOM-free build, as TESTING.md describes: parsing and validation need no browser.
const AC: typeof ACModule = require('adaptivecards/dist/adaptivecards.js');

/** The colours Teams charts accept (msteams-docs charts-in-adaptive-cards.md, Teams SDK ChartColor). */
const CHART_COLOURS = new Set([
  'good',
  'warning',
  'attention',
  'neutral',
  'categoricalRed',
  'categoricalPurple',
  'categoricalLavender',
  'categoricalBlue',
  'categoricalLightBlue',
  'categoricalTeal',
  'categoricalGreen',
  'categoricalLime',
  'categoricalMarigold',
]);

type Fail = (message: string) => void;

function checkColour(color: unknown, fail: Fail): void {
  if (color !== undefined && (typeof color !== 'string' || !CHART_COLOURS.has(color))) fail(`unknown colour ${JSON.stringify(color)}`);
}

/** Bars `{ x, y }`: a non-empty label and a non-negative count. */
function checkPoints(points: unknown, fail: Fail): void {
  if (!Array.isArray(points) || points.length === 0) return fail('data must be a non-empty array');
  for (const point of points as unknown[]) {
    const { x, y } = (point ?? {}) as Record<string, unknown>;
    if (typeof x !== 'string' || x === '') fail('every bar needs an x label');
    if (typeof y !== 'number' || !Number.isFinite(y) || y < 0) fail('every bar needs a non-negative y');
  }
}

/**
 * What Teams needs of each chart it renders (msteams-docs charts-in-adaptive-cards.md): a title, and
 * data of the chart's own shape with palette colours. Donut: slices `{ legend, value, color }`;
 * stacked or grouped vertical bars: series `{ legend, color, values: [{ x, y }] }` sharing their x
 * labels; horizontal bars: `{ x, y }`.
 */
const CHART_CHECKS: Readonly<Record<string, (source: Record<string, unknown>, fail: Fail) => void>> = {
  'Chart.Donut': (source, fail) => {
    const data = source.data;
    if (!Array.isArray(data) || data.length === 0) return fail('data must be a non-empty array');
    for (const slice of data as unknown[]) {
      const { legend, value, color } = (slice ?? {}) as Record<string, unknown>;
      if (typeof legend !== 'string' || legend === '') fail('every slice needs a legend');
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail('every slice needs a non-negative value');
      checkColour(color, fail);
    }
  },
  'Chart.VerticalBar.Grouped': (source, fail) => {
    const data = source.data;
    if (!Array.isArray(data) || data.length === 0) return fail('data must be a non-empty array of series');
    const labels = new Set<string>();
    for (const series of data as unknown[]) {
      const { legend, color, values } = (series ?? {}) as Record<string, unknown>;
      if (typeof legend !== 'string' || legend === '') fail('every series needs a legend');
      checkColour(color, fail);
      checkPoints(values, fail);
      labels.add(JSON.stringify(Array.isArray(values) ? values.map((v) => (v as { x?: unknown }).x) : null));
    }
    if (labels.size > 1) fail('every series must have the same x labels, in the same order');
  },
  'Chart.HorizontalBar': (source, fail) => {
    checkColour(source.color, fail);
    checkPoints(source.data, fail);
  },
};

/**
 * Teams charts are an extension the library does not know. Registered in the test's own registry,
 * each parses cleanly and is held to CHART_CHECKS.
 */
function chartElement(typeName: string): new () => ACModule.CardElement {
  return class TeamsChart extends AC.CardElement {
    private source: Record<string, unknown> = {};

    override getJsonTypeName(): string {
      return typeName;
    }

    protected override internalParse(source: Record<string, unknown>, context: ACModule.SerializationContext): void {
      super.internalParse(source, context);
      this.source = source;
    }

    protected override internalRender(): undefined {
      return undefined;
    }

    override internalValidateProperties(context: ACModule.ValidationResults): void {
      super.internalValidateProperties(context);
      const fail = (message: string) => context.addFailure(this, AC.ValidationEvent.InvalidPropertyValue, `${typeName}: ${message}`);
      if (typeof this.source.title !== 'string' || this.source.title === '') fail('title must be a non-empty string');
      CHART_CHECKS[typeName](this.source, fail);
    }
  };
}

function context(): ACModule.SerializationContext {
  const elements = new AC.CardObjectRegistry<ACModule.CardElement>();
  AC.GlobalRegistry.populateWithDefaultElements(elements);
  for (const typeName of Object.keys(CHART_CHECKS)) elements.register(typeName, chartElement(typeName), AC.Versions.v1_5);
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  ctx.setElementRegistry(elements);
  return ctx;
}

function eventsOf(json: unknown): string[] {
  const ctx = context();
  const card = new AC.AdaptiveCard();
  card.parse(json, ctx);
  const messages: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) messages.push(`parse: ${ctx.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) messages.push(`validate: ${event.message}`);
  return messages;
}

/** Every `fallback` object in the card, with whether it stands in for an action or an element. */
function fallbacks(node: unknown, found: { kind: 'action' | 'element'; value: unknown }[] = []): typeof found {
  if (Array.isArray(node)) {
    for (const item of node) fallbacks(item, found);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.fallback === 'object' && record.fallback !== null) {
      const isAction = typeof record.type === 'string' && record.type.startsWith('Action.');
      found.push({ kind: isAction ? 'action' : 'element', value: record.fallback });
    }
    for (const value of Object.values(record)) fallbacks(value, found);
  }
  return found;
}

/**
 * Parse and validation events for the card, and for every fallback on its own: the library never
 * parses the fallback of an element it knows, yet hosts without Teams charts or Action.Execute render it.
 */
export function adaptiveCardIssues(card: AdaptiveCard): string[] {
  const issues = eventsOf(card);
  for (const { kind, value } of fallbacks(card)) {
    const host =
      kind === 'action'
        ? { type: 'AdaptiveCard', version: '1.5', body: [], actions: [value] }
        : { type: 'AdaptiveCard', version: '1.5', body: [value] };
    issues.push(...eventsOf(host).map((message) => `fallback: ${message}`));
  }
  return issues;
}

/** The `${...}` expressions a template contains. */
export function templateExpressions(name: TemplateName): string[] {
  const text = readFileSync(path.join(TEMPLATE_DIR, `${name}.json`), 'utf8');
  return [...new Set(text.match(/\$\{[^}]*\}/g) ?? [])];
}

/** Template expressions that survived expansion (data may carry `${...}` of its own; that is fine). */
export function unexpanded(card: AdaptiveCard, name: TemplateName): string[] {
  const json = JSON.stringify(card);
  return templateExpressions(name).filter((expression) => json.includes(expression));
}

function walk(node: unknown, visit: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/** Every Action.Execute in the card. */
export function executeActions(card: AdaptiveCard): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  walk(card, (record) => {
    if (record.type === 'Action.Execute') found.push(record);
  });
  return found;
}

/**
 * Payload field names a client may take for its own: the Agents Playground's web client breaks on
 * `key` (issue 17); Bot Framework clients read `type`, `value` and `__isBotFrameworkCardAction` in
 * Submit data as a card action of their own; Teams reads `msteams`; `id` names the action.
 */
const RESERVED_DATA_NAMES = ['key', 'type', 'value', 'id', 'msteams', '__isBotFrameworkCardAction'] as const;

/**
 * Problems with the card's buttons: an Action.Execute without an Action.Submit fallback carrying the
 * same data, data whose verb differs from the action's, a reserved data field name, or a payload
 * `parseCardAction` refuses.
 */
export function actionIssues(card: AdaptiveCard): string[] {
  const issues: string[] = [];
  for (const action of executeActions(card)) {
    const fallback = action.fallback as Record<string, unknown> | undefined;
    const data = action.data as Record<string, unknown> | undefined;
    if (fallback?.type !== 'Action.Submit') issues.push(`${String(action.title)}: no Action.Submit fallback`);
    else if (JSON.stringify(fallback.data) !== JSON.stringify(data)) issues.push(`${String(action.title)}: fallback data differs`);
    if (data?.verb !== action.verb) issues.push(`${String(action.title)}: data.verb ${String(data?.verb)} ≠ verb ${String(action.verb)}`);
    for (const name of RESERVED_DATA_NAMES) {
      if (data !== undefined && Object.hasOwn(data, name)) issues.push(`${String(action.title)}: data field "${name}" is reserved`);
    }
    const parsed = parseCardAction(data);
    if (!parsed.ok) issues.push(`${String(action.title)}: ${parsed.error}`);
    const invoked = parseCardAction({ action: { type: 'Action.Execute', verb: action.verb, data } });
    if (!invoked.ok) issues.push(`${String(action.title)} (invoke): ${invoked.error}`);
  }
  return issues;
}

/** Runs every check the card tests share; each failure is a line, so a failing test says what broke. */
export function cardProblems(card: AdaptiveCard, name: TemplateName): string[] {
  const problems = [
    ...adaptiveCardIssues(card),
    ...unexpanded(card, name).map((expression) => `unexpanded ${expression}`),
    ...actionIssues(card),
  ];
  if (card.version !== '1.5') problems.push(`version ${card.version}`);
  if (cardBytes(card) > CARD_BUDGET_BYTES) problems.push(`${cardBytes(card)} bytes > ${CARD_BUDGET_BYTES}`);
  return problems;
}

/** Row ids on a paged card, as numbers, in card order. */
export function rowIndexes(card: AdaptiveCard): number[] {
  const indexes: number[] = [];
  walk(card, (record) => {
    const match = typeof record.id === 'string' ? /^row-(\d+)$/.exec(record.id) : null;
    if (match !== null) indexes.push(Number(match[1]));
  });
  return indexes;
}

/** The next-page action's data, if the card has one. */
export function nextPageData(card: AdaptiveCard): Record<string, unknown> | undefined {
  return executeActions(card).find((action) => action.verb === 'page')?.data as Record<string, unknown> | undefined;
}

/** All text the card shows in markdown places (TextBlock text, fact titles and values). */
export function markdownTexts(card: AdaptiveCard): string[] {
  const texts: string[] = [];
  walk(card, (record) => {
    if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push(record.text);
    if (Array.isArray(record.facts)) {
      for (const factItem of record.facts as { title?: unknown; value?: unknown }[]) {
        if (typeof factItem.title === 'string') texts.push(factItem.title);
        if (typeof factItem.value === 'string') texts.push(factItem.value);
      }
    }
  });
  return texts;
}
