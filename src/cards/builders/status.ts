import type { Language } from '../../i18n/reasons';
import { formatInstant, usableZone } from '../format';
import { formatElapsed } from '../../i18n/dates';
import { authored, escapeMarkdown } from '../markdown';
import type { AdaptiveCard } from '../render';
import { renderTemplate } from '../render';
import { stringsFor } from '../../i18n/cards';
import { fact } from './common';

/**
 * "You may not use this bot", politely. It names who can grant access (a contact from configuration,
 * or the bot's administrator in general) and nothing about the data the asker wanted.
 */
export function refusalCard(language: Language, options: { readonly contact?: string } = {}): AdaptiveCard {
  const strings = stringsFor(language).refusal;
  const contact = options.contact?.trim();
  return renderTemplate('refusal', {
    title: strings.title,
    text: strings.text,
    grant: strings.grant(contact === undefined || contact === '' ? null : escapeMarkdown(contact, 200)),
  }, language);
}

/** Neutral words and the correlation id to quote; the cause stays in the log, never on the card. */
export function errorCard(language: Language, correlationId: string): AdaptiveCard {
  const strings = stringsFor(language).error;
  return renderTemplate('error', {
    title: strings.title,
    text: strings.text,
    referenceLabel: authored(strings.reference),
    reference: escapeMarkdown(correlationId, 100),
  }, language);
}

export interface ProgressInput {
  /** What is being fetched, in words for the asker ("Send As events for finance@contoso.com, May"). */
  readonly what: string;
  readonly startedAt: Date;
  readonly now: Date;
  /** The asker's zone for the start time; UTC when not known. */
  readonly timeZone?: string;
}

/** The card shown while a Graph audit query runs, re-rendered with a new `now` to update it in place. */
export function progressCard(language: Language, input: ProgressInput): AdaptiveCard {
  const strings = stringsFor(language).progress;
  const zone = usableZone(input.timeZone ?? 'UTC');
  const started = Number.isNaN(input.startedAt.getTime()) ? null : input.startedAt;
  const elapsed = started === null ? 0 : input.now.getTime() - started.getTime();
  return renderTemplate('progress', {
    title: strings.title,
    facts: [
      fact(strings.fetching, escapeMarkdown(input.what, 300)),
      fact(
        strings.started,
        started === null ? authored('—') : authored(`${formatInstant(started.toISOString(), zone, language)} (${escapeMarkdown(zone, 64)})`),
      ),
      fact(strings.elapsed, authored(formatElapsed(elapsed, language))),
    ],
    note: strings.note,
  }, language);
}
