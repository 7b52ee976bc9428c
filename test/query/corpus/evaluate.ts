import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseQuestion } from '../../../src/query/parse';
import type { Intent, ParseResult } from '../../../src/query/query';

/**
 * The question corpus (issue 17): how admins really type, with what each question means. Each file holds
 * one language's entries and the reference time and zone their ranges are written against.
 */

/** A range end: a local date or time in the file's zone ("2026-03-16", "2026-03-18T09:00"), "now" or "now-7d". */
type RangeEnd = string;

export interface CorpusEntry {
  readonly q: string;
  readonly intent: Intent;
  readonly subject?: string;
  readonly actor?: string;
  readonly eventId?: string;
  /** "default" when the question names no range; [from, to) otherwise; absent for intents without one. */
  readonly range?: 'default' | readonly [RangeEnd, RangeEnd];
  readonly locale?: string;
  readonly timeZone?: string;
}

export interface CorpusFile {
  readonly language: 'en' | 'ja';
  /** The reference time, local to `timeZone`. */
  readonly now: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly entries: readonly CorpusEntry[];
}

export interface Verdict {
  readonly entry: CorpusEntry;
  /** Empty when the parser understood the entry as meant; otherwise what differs. */
  readonly problems: readonly string[];
}

export interface LanguageReport {
  readonly language: 'en' | 'ja';
  readonly verdicts: readonly Verdict[];
  readonly understood: number;
  readonly total: number;
}

export const CORPUS_LANGUAGES = ['en', 'ja'] as const;
const CORPUS_DIRECTORY = __dirname;

export function loadCorpus(language: 'en' | 'ja'): CorpusFile {
  return JSON.parse(readFileSync(join(CORPUS_DIRECTORY, `${language}.json`), 'utf8')) as CorpusFile;
}

/** The entries the parser understood before issue 17's work, by language: they must keep working. */
export function loadBaseline(): Readonly<Record<'en' | 'ja', readonly string[]>> {
  return JSON.parse(readFileSync(join(CORPUS_DIRECTORY, 'baseline.json'), 'utf8')) as Record<'en' | 'ja', string[]>;
}

const RELATIVE_END = /^now(?:-(\d+)([dh]))?$/;

function instantOf(end: RangeEnd, now: DateTime, zone: string): string {
  const relative = RELATIVE_END.exec(end);
  if (relative !== null) {
    // "Last N days" is N × 24 hours, whatever daylight saving does to the calendar.
    const hours = Number(relative[1] ?? 0) * (relative[2] === 'd' ? 24 : 1);
    return now.toUTC().minus({ hours }).toISO() ?? '';
  }
  const local = DateTime.fromISO(end, { zone });
  if (!local.isValid) throw new Error(`corpus range end ${JSON.stringify(end)} is not a date`);
  return local.toUTC().toISO() ?? '';
}

function sameName(actual: string | undefined, expected: string | undefined): boolean {
  return (actual ?? '').toLowerCase() === (expected ?? '').toLowerCase();
}

/** What differs between the parser's reading and the entry's meaning; empty when they agree. */
export function judge(entry: CorpusEntry, result: ParseResult, now: DateTime, zone: string): string[] {
  if (result.kind !== 'parsed') return [`not understood (suggested ${JSON.stringify(result.suggestion)})`];
  const { query } = result;
  if (query.intent !== entry.intent) return [`intent ${query.intent}, expected ${entry.intent}`];
  const problems: string[] = [];
  if ('subject' in query && !sameName(query.subject.text, entry.subject)) problems.push(`subject ${JSON.stringify(query.subject.text)}, expected ${JSON.stringify(entry.subject)}`);
  if ('actor' in query && !sameName(query.actor.text, entry.actor)) problems.push(`actor ${JSON.stringify(query.actor.text)}, expected ${JSON.stringify(entry.actor)}`);
  if ('eventId' in query && query.eventId !== entry.eventId) problems.push(`event ${query.eventId}, expected ${entry.eventId ?? ''}`);
  if ('range' in query) {
    const assumed = result.assumed.includes('range');
    if (entry.range === 'default' || entry.range === undefined) {
      if (!assumed) problems.push(`range ${query.range.kind} ${query.range.from} – ${query.range.to}, expected none stated`);
    } else {
      const from = instantOf(entry.range[0], now, zone);
      const to = instantOf(entry.range[1], now, zone);
      const same = Date.parse(query.range.from) === Date.parse(from) && Date.parse(query.range.to) === Date.parse(to);
      if (assumed || !same) problems.push(`range ${assumed ? 'assumed ' : ''}${query.range.from} – ${query.range.to}, expected ${from} – ${to}`);
    }
  }
  return problems;
}

/** Runs one language's corpus through the parser. */
export function evaluate(language: 'en' | 'ja'): LanguageReport {
  const corpus = loadCorpus(language);
  const verdicts = corpus.entries.map((entry): Verdict => {
    const zone = entry.timeZone ?? corpus.timeZone;
    const now = DateTime.fromISO(corpus.now, { zone: corpus.timeZone }).setZone(zone);
    const result = parseQuestion(entry.q, { now: now.toJSDate(), timeZone: zone, locale: entry.locale ?? corpus.locale });
    return { entry, problems: judge(entry, result, now, zone) };
  });
  return { language, verdicts, understood: verdicts.filter((v) => v.problems.length === 0).length, total: verdicts.length };
}

/** The share of a language's corpus that must be understood. */
export const TARGET_SHARE = 0.97;
