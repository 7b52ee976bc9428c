/**
 * Text that is safe to put where Adaptive Cards render markdown (TextBlock.text, Fact title and value).
 * Only `escapeMarkdown` and `authored` make one, so the compiler keeps raw audit strings out of those
 * places: a subject or an actor cannot turn into a link, bold text or a list.
 */
export type Markdown = string & { readonly __markdown: unique symbol };

/** Longest piece of audit-derived text shown in one place; longer values are cut with an ellipsis. */
export const MAX_SHOWN_LENGTH = 300;

// Characters CommonMark (and the subset Teams renders) gives a meaning: emphasis, links, code, headings,
// quotes, HTML and `<at>` mentions, entities, tables, strikethrough. Escaping them everywhere is simpler
// and safer than deciding where each would bite.
const SPECIAL = /[\\`*_[\]()#+!<>|~&{}]/g;
// Line breaks and other controls would start new paragraphs or list items; a space keeps the words apart.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Invisible format characters: bidi overrides and isolates (U+202E shows "gpj.exe" as "exe.jpg"),
// zero-width spaces, the BOM, soft hyphens, tag characters. They are dropped, so what is shown is what
// is stored, in its stored order. Zero-width (non-)joiners stay: emoji and some scripts need them.
const INVISIBLE = /(?![\u200c\u200d])\p{Cf}/gu;

/**
 * One line of text: controls and line breaks become spaces, invisible format characters go, runs of
 * spaces and tabs become one (four leading spaces would make a code block), and the ends are trimmed,
 * as markdown would trim them.
 */
export function flatten(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * Makes an audit-derived string (actor, subject, client string, name, question text) display literally
 * in card markdown: formatting characters are backslash-escaped, a leading `- ` or `1. ` cannot start
 * a list, and the text is flattened to one line (see `flatten`). Over-long text is cut first,
 * so an escape is never cut in half. `${...}` stays literal: a card is expanded once, never again.
 */
export function escapeMarkdown(raw: string, maxLength: number = MAX_SHOWN_LENGTH): Markdown {
  const flat = clip(flatten(raw), maxLength);
  const escaped = flat
    .replace(SPECIAL, (c) => `\\${c}`)
    // A list item or thematic break needs its marker at the start of the line, then a space or more.
    .replace(/^-(?=\s|$|-)/, '\\-')
    .replace(/^(\d+)\.(?=\s|$)/, '$1\\.');
  return escaped as Markdown;
}

/** Wording we wrote ourselves (the string catalogues), which may use markdown on purpose. */
export function authored(text: string): Markdown {
  return text as Markdown;
}

/** Joins already safe pieces. */
export function joinMarkdown(parts: readonly Markdown[], separator: string): Markdown {
  return parts.join(separator) as Markdown;
}

/** Cuts `text` to at most `maxLength` characters, marking the cut with an ellipsis. */
export function clip(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  // Do not split a surrogate pair (emoji, rare kanji) when cutting.
  let end = maxLength - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
