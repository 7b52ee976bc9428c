import { parseQuestion } from '../../../src/query/parse';
import type { ParseContext, ParseResult, Query, QueryRange } from '../../../src/query/query';
import type { Language } from '../../../src/i18n/reasons';

/** Wednesday 18 November 2026, 10:00 UTC (19:00 in Tokyo, 02:00 in Los Angeles). */
export const NOW = new Date('2026-11-18T10:00:00.000Z');

export function context(overrides: Partial<ParseContext> = {}): ParseContext {
  return { now: NOW, timeZone: 'UTC', locale: 'en-US', ...overrides };
}

type Parsed = Extract<ParseResult, { kind: 'parsed' }>;

/** Parses and insists the question was understood; shows the result when it was not. */
export function expectParsed(text: string, overrides: Partial<ParseContext> = {}): Parsed {
  const result = parseQuestion(text, context(overrides));
  if (result.kind !== 'parsed') throw new Error(`expected ${JSON.stringify(text)} to parse, got ${JSON.stringify(result)}`);
  return result;
}

export function expectQuery(text: string, expected: Query, overrides: Partial<ParseContext> = {}): Parsed {
  const result = expectParsed(text, overrides);
  expect(result.query).toEqual(expected);
  return result;
}

/** The range of a question, which must have one. */
export function expectRange(text: string, overrides: Partial<ParseContext> = {}): QueryRange {
  const { query } = expectParsed(text, overrides);
  if (!('range' in query)) throw new Error(`${JSON.stringify(text)} parsed to ${query.intent}, which has no range`);
  return query.range;
}

/** Asserts the range of a question: kind, [from, to) and, for "last N", the amount. */
export function expectRangeOf(
  text: string,
  expected: { kind: QueryRange['kind']; from: string; to: string; amount?: number },
  overrides: Partial<ParseContext> = {},
): void {
  const range = expectRange(text, overrides);
  expect({ kind: range.kind, from: range.from, to: range.to, ...(range.amount === undefined ? {} : { amount: range.amount }) }).toEqual(
    expected,
  );
}

export function expectNotUnderstood(text: string, overrides: Partial<ParseContext> = {}): { suggestion: string; language: Language } {
  const result = parseQuestion(text, context(overrides));
  if (result.kind !== 'not-understood') throw new Error(`expected ${JSON.stringify(text)} not to parse, got ${JSON.stringify(result)}`);
  return { suggestion: result.suggestion, language: result.language };
}
