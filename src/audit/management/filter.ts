/**
 * Reads one Audit.Exchange content blob (a JSON array of AuditData records) and parses only the
 * records whose top-level `Operation` is wanted. Nearly every Exchange record is MailItemsAccessed
 * and its kin, so parsing them all would spend most of the feed's time on records thrown away.
 *
 * The scan walks the text once: string contents are skipped with `indexOf` (native, fast), only the
 * few characters between strings are looked at one by one to follow nesting, and a record's
 * `Operation` is read where it is a key of the record itself, never inside a nested object or a
 * string value. Only the kept records are handed to JSON.parse, each from its own slice.
 */

/** A record the filter kept: parsed, with its own text (stored as the event's raw JSON). */
export interface KeptRecord {
  readonly index: number;
  readonly operation: string;
  readonly record: unknown;
  readonly text: string;
}

/** A record that could not be read: not an object, no Operation, or JSON.parse refused its slice. */
export interface UnreadableRecord {
  readonly index: number;
  readonly message: string;
}

export interface FilteredContent {
  readonly kept: readonly KeptRecord[];
  /** Records in the blob, every kind included. */
  readonly total: number;
  /** Records of other operations, left unparsed. */
  readonly skipped: number;
  readonly unreadable: readonly UnreadableRecord[];
}

/** The whole blob is not a JSON array (truncated, an error page): retry it, do not guess. */
export type FilterOutcome = { readonly ok: true; readonly content: FilteredContent } | { readonly ok: false; readonly message: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The index of the quote that closes the string opened at `open`, or -1 when it never closes. */
function stringEnd(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let slashes = 0;
    for (let i = at - 1; text.charCodeAt(i) === BACKSLASH; i -= 1) slashes += 1;
    if (slashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

function nextNonSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpace(text.charCodeAt(at))) at += 1;
  return at;
}

const OPERATION_KEY = 'Operation';

/**
 * Splits `text` (one content blob) into records and parses those whose `Operation` is in `keep`
 * (compared without regard to case). Never throws.
 */
export function filterContent(text: string, keep: ReadonlySet<string>): FilterOutcome {
  const wanted = new Set([...keep].map((op) => op.toLowerCase()));
  const kept: KeptRecord[] = [];
  const unreadable: UnreadableRecord[] = [];
  let skipped = 0;
  let index = 0;

  let at = nextNonSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text.charCodeAt(at) !== OPEN_BRACKET) return { ok: false, message: 'the content is not a JSON array' };
  at = nextNonSpace(text, at + 1);
  if (text.charCodeAt(at) === CLOSE_BRACKET) return trailing(text, at + 1, { kept, total: 0, skipped, unreadable });

  for (;;) {
    const start = at;
    const element = scanElement(text, start);
    if (element === null) return { ok: false, message: `the content ends inside record ${index}` };
    const slice = (): string => text.slice(start, element.end);
    if (!element.isObject) {
      unreadable.push({ index, message: `record ${index} is not a JSON object` });
    } else if (element.operation === null) {
      unreadable.push({ index, message: `record ${index} has no Operation` });
    } else if (!wanted.has(element.operation.toLowerCase())) {
      skipped += 1;
    } else {
      const recordText = slice();
      try {
        kept.push({ index, operation: element.operation, record: JSON.parse(recordText), text: recordText });
      } catch (error) {
        unreadable.push({ index, message: `record ${index} (${element.operation}) is not valid JSON: ${(error as Error).message}` });
      }
    }
    index += 1;
    at = nextNonSpace(text, element.end);
    const code = text.charCodeAt(at);
    if (code === COMMA) {
      at = nextNonSpace(text, at + 1);
      continue;
    }
    if (code === CLOSE_BRACKET) return trailing(text, at + 1, { kept, total: index, skipped, unreadable });
    if (at >= text.length) return { ok: false, message: `the content ends after record ${index - 1} without its closing ]` };
    return { ok: false, message: `expected , or ] after record ${index - 1}` };
  }
}

function trailing(text: string, from: number, content: FilteredContent): FilterOutcome {
  return nextNonSpace(text, from) === text.length ? { ok: true, content } : { ok: false, message: 'the content has text after its closing ]' };
}

interface ScannedElement {
  /** Just past the element. */
  readonly end: number;
  readonly isObject: boolean;
  /** The value of the element's own `Operation` key, when it is a string. */
  readonly operation: string | null;
}

/**
 * Finds the end of the JSON value starting at `start` and, for an object, its top-level Operation.
 * Structure is checked only as far as nesting goes; a kept record's JSON.parse catches the rest.
 * Null when the text ends first.
 */
function scanElement(text: string, start: number): ScannedElement | null {
  const first = text.charCodeAt(start);
  if (first === QUOTE) {
    const close = stringEnd(text, start);
    return close === -1 ? null : { end: close + 1, isObject: false, operation: null };
  }
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A bare number, true, false or null: up to the next separator.
    let at = start;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === COMMA || code === CLOSE_BRACKET || isSpace(code)) break;
      at += 1;
    }
    return at >= text.length ? null : { end: at, isObject: false, operation: null };
  }
  let depth = 0;
  let operation: string | null = null;
  /** At depth 1 of an object, the string just read was `"Operation"` and a `:` may follow. */
  let operationKeyEnd = -1;
  for (let at = start; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const close = stringEnd(text, at);
      if (close === -1) return null;
      if (depth === 1 && first === OPEN_BRACE) {
        if (operationKeyEnd !== -1) {
          // The value of `"Operation":` when it is a string; escapes (rare) are decoded by JSON.parse.
          const raw = text.slice(at + 1, close);
          if (operation === null) operation = raw.includes('\\') ? decodeString(text.slice(at, close + 1)) : raw;
          operationKeyEnd = -1;
        } else if (close - at - 1 === OPERATION_KEY.length && text.startsWith(OPERATION_KEY, at + 1)) {
          const colon = nextNonSpace(text, close + 1);
          if (text.charCodeAt(colon) === COLON) {
            operationKeyEnd = colon;
            at = colon;
            continue;
          }
        }
      }
      at = close;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      operationKeyEnd = -1;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return { end: at + 1, isObject: first === OPEN_BRACE, operation };
    } else if (!isSpace(code)) {
      // A number, true, false or null after `"Operation":`: not an operation name.
      operationKeyEnd = -1;
    }
  }
  return null;
}

function decodeString(quoted: string): string | null {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
