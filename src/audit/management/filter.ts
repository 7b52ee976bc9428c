/**
 * Reads one Audit.Exchange content blob (a JSON array of AuditData records) and parses only the
 * records whose top-level `Operation` is wanted. Nearly every Exchange record is MailItemsAccessed
 * and its kin, so parsing them all would spend most of the feed's time on records thrown away.
 *
 * The scan walks the blob's bytes once, as they came off the wire: JSON's structural characters are
 * ASCII and every byte of a multi-byte UTF-8 character is 0x80 or above, so nesting and strings are
 * followed without decoding anything. A record's `Operation` is read where it is a key of the record
 * itself, never inside a nested object or a string value. Only the kept records are decoded and
 * handed to JSON.parse, each from its own slice.
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

/**
 * The blob's bytes, and the same memory read four bytes at a time: whole words, then the bytes after the
 * last whole word padded with spaces into one more word, so every scan is one loop (a separate loop for
 * the last bytes ran too rarely to be optimized, and deoptimized the scan at the end of every blob).
 */
interface Blob {
  readonly bytes: Uint8Array;
  readonly words: Uint32Array;
  /** Words including the padded tail. */
  readonly count: number;
  readonly tail: number;
}

function blobOf(input: Uint8Array): Blob {
  // A word view needs a 4-byte aligned start; a pooled Buffer may not have one, so it is copied. A plain
  // Uint8Array view either way (a Buffer is a subclass): one element kind for the optimizer.
  const bytes = input.byteOffset % 4 === 0 ? new Uint8Array(input.buffer, input.byteOffset, input.length) : new Uint8Array(input);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  let tail = 0x20202020;
  for (let at = words.length << 2, shift = 0; at < bytes.length; at += 1, shift += 8) tail = (tail & ~(0xff << shift)) | (bytes[at] << shift);
  return { bytes, words, count: words.length + (bytes.length % 4 === 0 ? 0 : 1), tail: tail >>> 0 };
}

function wordAt(blob: Blob, word: number): number {
  return word < blob.words.length ? blob.words[word] : blob.tail;
}

const ONES = 0x01010101;
const HIGHS = 0x80808080;
const QUOTES = 0x22222222;

/**
 * The index of the quote that closes the string opened at `open`, or -1 when it never closes.
 * String contents are most of a blob, so they are searched four bytes at a time: the zero-byte test
 * of "Bit Twiddling Hacks" flags the quotes of a word (every quote is flagged; a byte just above a
 * quote may be flagged too, so each flag is checked), and the lowest flag gives the byte without a
 * loop. A quote found is the end unless an odd run of backslashes escapes it.
 */
function stringEnd(blob: Blob, open: number): number {
  const { bytes, count } = blob;
  const from = open + 1;
  let word = from >>> 2;
  if (word >= count) return -1;
  let quotes = wordAt(blob, word) ^ QUOTES;
  // Flags for the bytes before `from` are dropped.
  let flags = (quotes - ONES) & ~quotes & (HIGHS << ((from & 3) << 3));
  for (;;) {
    while (flags === 0) {
      word += 1;
      if (word >= count) return -1;
      quotes = wordAt(blob, word) ^ QUOTES;
      flags = (quotes - ONES) & ~quotes & HIGHS;
    }
    const at = (word << 2) + ((31 - Math.clz32(flags & -flags)) >>> 3);
    flags &= flags - 1;
    if (bytes[at] === QUOTE && !isEscaped(bytes, at)) return at;
  }
}

/** True when an odd run of backslashes precedes `at`. */
function isEscaped(bytes: Uint8Array, at: number): boolean {
  let slashes = 0;
  while (bytes[at - 1 - slashes] === BACKSLASH) slashes += 1;
  return (slashes & 1) === 1;
}

function nextNonSpace(bytes: Uint8Array, from: number): number {
  let at = from;
  while (at < bytes.length && isSpace(bytes[at])) at += 1;
  return at;
}

/** `Operation` in ASCII. */
const OPERATION_KEY = [0x4f, 0x70, 0x65, 0x72, 0x61, 0x74, 0x69, 0x6f, 0x6e];

function isOperationKey(bytes: Uint8Array, from: number): boolean {
  for (let i = 0; i < OPERATION_KEY.length; i += 1) if (bytes[from + i] !== OPERATION_KEY[i]) return false;
  return true;
}

const utf8 = new TextDecoder();

function decode(bytes: Uint8Array, from: number, to: number): string {
  return utf8.decode(bytes.subarray(from, to));
}

/**
 * Splits `bytes` (one content blob, UTF-8) into records and parses those whose `Operation` is in
 * `keep` (compared without regard to case). Never throws.
 */
export function filterContent(input: Uint8Array, keep: ReadonlySet<string>): FilterOutcome {
  const blob = blobOf(input);
  const bytes = blob.bytes;
  const wanted = new OperationSet(keep);
  const kept: KeptRecord[] = [];
  const unreadable: UnreadableRecord[] = [];
  let skipped = 0;
  let index = 0;

  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let at = nextNonSpace(bytes, hasBom ? 3 : 0);
  if (bytes[at] !== OPEN_BRACKET) return { ok: false, message: 'the content is not a JSON array' };
  at = nextNonSpace(bytes, at + 1);
  if (bytes[at] === CLOSE_BRACKET) return trailing(bytes, at + 1, { kept, total: 0, skipped, unreadable });

  for (;;) {
    const start = at;
    const element = scanElement(blob, start);
    if (element === null) return { ok: false, message: `the content ends inside record ${index}` };
    const operation = !element.isObject || element.operationFrom === -1 ? null : wanted.match(bytes, element.operationFrom, element.operationTo);
    if (!element.isObject) {
      unreadable.push({ index, message: `record ${index} is not a JSON object` });
    } else if (element.operationFrom === -1) {
      unreadable.push({ index, message: `record ${index} has no Operation` });
    } else if (operation === null) {
      skipped += 1;
    } else {
      const recordText = decode(bytes, start, element.end);
      try {
        kept.push({ index, operation, record: JSON.parse(recordText), text: recordText });
      } catch (error) {
        unreadable.push({ index, message: `record ${index} (${operation}) is not valid JSON: ${(error as Error).message}` });
      }
    }
    index += 1;
    at = nextNonSpace(bytes, element.end);
    const code = bytes[at];
    if (code === COMMA) {
      at = nextNonSpace(bytes, at + 1);
      continue;
    }
    if (code === CLOSE_BRACKET) return trailing(bytes, at + 1, { kept, total: index, skipped, unreadable });
    if (at >= bytes.length) return { ok: false, message: `the content ends after record ${index - 1} without its closing ]` };
    return { ok: false, message: `expected , or ] after record ${index - 1}` };
  }
}

function trailing(bytes: Uint8Array, from: number, content: FilteredContent): FilterOutcome {
  return nextNonSpace(bytes, from) === bytes.length ? { ok: true, content } : { ok: false, message: 'the content has text after its closing ]' };
}

interface ScannedElement {
  /** Just past the element. */
  readonly end: number;
  readonly isObject: boolean;
  /** Where the value of the element's own `Operation` key lies (inside its quotes), when it is a string; -1 otherwise. */
  readonly operationFrom: number;
  readonly operationTo: number;
}

/**
 * Finds the end of the JSON value starting at `start` and, for an object, its top-level Operation.
 * Structure is checked only as far as nesting goes; a kept record's JSON.parse catches the rest.
 * Null when the text ends first.
 */
function scanElement(blob: Blob, start: number): ScannedElement | null {
  const bytes = blob.bytes;
  const first = bytes[start];
  if (first === QUOTE) {
    const close = stringEnd(blob, start);
    return close === -1 ? null : { end: close + 1, isObject: false, operationFrom: -1, operationTo: -1 };
  }
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A bare number, true, false or null: up to the next separator.
    let at = start;
    while (at < bytes.length) {
      const code = bytes[at];
      if (code === COMMA || code === CLOSE_BRACKET || isSpace(code)) break;
      at += 1;
    }
    return at >= bytes.length ? null : { end: at, isObject: false, operationFrom: -1, operationTo: -1 };
  }
  const isObject = first === OPEN_BRACE;
  const length = bytes.length;
  let depth = 0;
  /** At depth 1 of an object, the key just read was `"Operation"`: the next string is its value. */
  let afterOperationKey = false;
  for (let at = start; at < length; at += 1) {
    const code = bytes[at];
    if (code === QUOTE) {
      const open = at;
      at = stringEnd(blob, open);
      if (at === -1) return null;
      if (depth === 1 && isObject) {
        if (afterOperationKey) {
          // The record's own Operation: the rest is passed over without looking for it again.
          const end = closeOf(blob, at + 1, 1);
          return end === -1 ? null : { end, isObject, operationFrom: open + 1, operationTo: at };
        }
        if (at - open - 1 === OPERATION_KEY.length && isOperationKey(bytes, open + 1)) {
          const colon = nextNonSpace(bytes, at + 1);
          if (bytes[colon] === COLON) {
            afterOperationKey = true;
            at = colon;
          }
        }
      }
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      afterOperationKey = false;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
      if (depth === 0) return { end: at + 1, isObject, operationFrom: -1, operationTo: -1 };
    } else if (afterOperationKey && !isSpace(code)) {
      // A number, true, false or null after `"Operation":`: not an operation name.
      afterOperationKey = false;
    }
  }
  return null;
}

/** `"`, and bytes that `| 0x26` turns into 0x7f: `{ } [ ]` (and `Y y _ DEL`, told apart by the byte itself). */
const BRACKET_MASK = 0x26262626;
const SEVEN_FS = 0x7f7f7f7f;

/** High bit set in each byte of `word` that may be a quote or a bracket; never clear for one that is. */
function structuralFlags(word: number): number {
  const quotes = word ^ QUOTES;
  const brackets = (word | BRACKET_MASK) ^ SEVEN_FS;
  return ((quotes - ONES) & ~quotes & HIGHS) | ((brackets - ONES) & ~brackets & HIGHS);
}

/**
 * Just past the bracket that closes the value `depth` levels up from `from` (outside any string), or
 * -1 when the text ends first: only strings, brackets and braces are followed. This is where a skipped
 * record's bytes are passed over, so it reads four bytes at a time, inside strings and out, and looks
 * only at the bytes flagged as a possible quote or bracket.
 */
function closeOf(blob: Blob, from: number, depth: number): number {
  const { bytes, words, count, tail } = blob;
  const whole = words.length;
  let level = depth;
  let inString = false;
  let word = from >>> 2;
  if (word >= count) return -1;
  let value = word < whole ? words[word] : tail;
  // Flags for the bytes before `from` are dropped.
  let flags = structuralFlags(value) & (HIGHS << ((from & 3) << 3));
  for (;;) {
    if (flags === 0) {
      word += 1;
      if (inString) {
        // Inside a string only a quote matters: two words a step while neither holds one.
        while (word + 1 < whole) {
          const first = words[word] ^ QUOTES;
          const firstFlags = (first - ONES) & ~first & HIGHS;
          if (firstFlags !== 0) {
            flags = firstFlags;
            break;
          }
          const second = words[word + 1] ^ QUOTES;
          const secondFlags = (second - ONES) & ~second & HIGHS;
          word += 1;
          if (secondFlags !== 0) {
            flags = secondFlags;
            break;
          }
          word += 1;
        }
        if (word >= count) return -1;
        value = word < whole ? words[word] : tail;
        if (flags === 0) {
          const quotes = value ^ QUOTES;
          flags = (quotes - ONES) & ~quotes & HIGHS;
        }
      } else {
        if (word >= count) return -1;
        value = word < whole ? words[word] : tail;
        flags = structuralFlags(value);
      }
      continue;
    }
    const lowest = flags & -flags;
    flags ^= lowest;
    const at = (word << 2) + ((31 - Math.clz32(lowest)) >>> 3);
    const code = bytes[at];
    // The flags of the bytes after this one in the word.
    const above = ~((lowest << 1) - 1);
    if (code === QUOTE) {
      if (inString) {
        if (bytes[at - 1] === BACKSLASH && isEscaped(bytes, at)) continue;
        inString = false;
        flags = structuralFlags(value) & above;
      } else {
        inString = true;
        const quotes = value ^ QUOTES;
        flags = (quotes - ONES) & ~quotes & HIGHS & above;
      }
    } else if (inString) {
      continue;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      level += 1;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      level -= 1;
      if (level === 0) return at + 1;
    }
  }
}

function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/**
 * The operations kept, compared with a string's bytes without decoding them: almost every record's
 * operation differs in length or in its first bytes, so a skip costs a few comparisons.
 */
class OperationSet {
  private readonly names: readonly string[];
  private readonly lowered: ReadonlySet<string>;
  private readonly bytes: readonly Uint8Array[];

  constructor(keep: ReadonlySet<string>) {
    this.names = [...keep];
    this.lowered = new Set(this.names.map((name) => name.toLowerCase()));
    this.bytes = this.names.map((name) => new TextEncoder().encode(name.toLowerCase()));
  }

  /** The kept operation `bytes[from, to)` names (as configured), or null. */
  match(bytes: Uint8Array, from: number, to: number): string | null {
    for (let n = 0; n < this.bytes.length; n += 1) {
      const name = this.bytes[n];
      if (name.length !== to - from) continue;
      let same = true;
      for (let i = 0; i < name.length && same; i += 1) same = lowerAscii(bytes[from + i]) === name[i];
      if (same) return this.names[n];
    }
    // Escapes in an operation name (`Send\u0041s`) are rare: JSON.parse decodes them.
    if (bytes.subarray(from, to).includes(BACKSLASH)) {
      const decoded = decodeString(decode(bytes, from - 1, to + 1));
      if (decoded !== null && this.lowered.has(decoded.toLowerCase())) return this.names.find((name) => name.toLowerCase() === decoded.toLowerCase()) ?? null;
    }
    return null;
  }
}

function decodeString(quoted: string): string | null {
  try {
    const value: unknown = JSON.parse(quoted);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
