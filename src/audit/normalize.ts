import type { AppAccess, AuditEvent, Recipients } from './event';
import { MAX_RECIPIENTS, USER_TYPE_NAMES } from './event';

export type RejectCode = 'not-an-object' | 'bad-json' | 'missing-field' | 'bad-time' | 'too-large';

/**
 * Why a record could not be read; `message` names the field and what was expected, never the record's
 * content (subjects and addresses are sensitive).
 */
export interface Rejection {
  readonly code: RejectCode;
  readonly message: string;
}

export type NormalizeResult =
  | { readonly kind: 'event'; readonly event: AuditEvent }
  | { readonly kind: 'skipped'; readonly operation: string }
  | { readonly kind: 'rejected'; readonly rejection: Rejection };

type JsonObject = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `name` from `obj`, matching the key case-insensitively when the exact spelling is absent
 * (`SendonBehalfOfUserSmtp`, `auditdata`). The exact lookup is the fast path for real data.
 */
export function field(obj: JsonObject, name: string): unknown {
  const exact = obj[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const key in obj) {
    if (key.length === name.length && key.toLowerCase() === lower) return obj[key];
  }
  return undefined;
}

/** Printable ASCII other than space: a string that starts and ends with one has nothing to trim. */
export function isVisibleAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') {
    if (value === '') return null;
    if (isVisibleAscii(value.charCodeAt(0)) && isVisibleAscii(value.charCodeAt(value.length - 1))) return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function address(value: unknown): string | null {
  const t = text(value);
  return t === null ? null : t.toLowerCase();
}

function integer(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

function userType(value: unknown): number | null {
  const n = integer(value);
  if (n !== null) return n;
  if (typeof value !== 'string') return null;
  const lower = value.trim().toLowerCase();
  const index = USER_TYPE_NAMES.findIndex((name) => name.toLowerCase() === lower);
  return index >= 0 ? index : null;
}

function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const PLAIN_SECONDS = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Date.parse rolls 2022-02-30 over into March; a record with such a date is refused instead. */
function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]) return false;
  return m !== 2 || d !== 29 || (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The number written in the ASCII digits `text[start, end)`, which the caller has already matched. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i += 1) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * Exchange's own form (`2022-05-16T11:03:47`, with a `Z` from Graph), which PLAIN_SECONDS matched, in
 * `toISOString` form; null for a day the calendar lacks.
 */
function isoOfPlainSeconds(value: string): string | null {
  if (!isCalendarDate(digitsAt(value, 0, 4), digitsAt(value, 5, 7), digitsAt(value, 8, 10))) return null;
  return value.length === 19 ? `${value}.000Z` : `${value.slice(0, 19)}.000Z`;
}

const PLAIN_SECONDS_TAIL = '.000Z';

/**
 * Compares isoOfPlainSeconds(plain) with `iso` as `<` and `>` compare strings (negative, 0, positive),
 * reading `plain` as written: comparing the joined string would first copy its two halves into one new
 * string, about 80 ns an event.
 */
function comparePlainSeconds(plain: string, iso: string): number {
  const length = 19 + PLAIN_SECONDS_TAIL.length;
  for (let i = 0; i < length && i < iso.length; i += 1) {
    const difference = (i < 19 ? plain.charCodeAt(i) : PLAIN_SECONDS_TAIL.charCodeAt(i - 19)) - iso.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return length - iso.length;
}

/** CreationTime is UTC and often lacks the `Z`; anything but ISO 8601 is refused rather than guessed. */
export function parseCreationTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Fast path for Exchange's own form: a million records a run go through here.
  if (PLAIN_SECONDS.test(value)) return isoOfPlainSeconds(value);
  const trimmed = value.trim();
  const match = ISO_DATE_TIME.exec(trimmed);
  if (match === null || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  const ms = Date.parse(match[4] === undefined ? `${trimmed}Z` : trimmed);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * The CreationTime range a real audit record can have, fixed once per read: Unified Audit Log records
 * start in the 2010s, and none is written more than a day after it is read (clock skew allowance). A
 * record outside it (`9999-12-31`) would make every range look loaded, so it is refused.
 */
export interface TimeBounds {
  /** ISO 8601 in `toISOString` form, compared as strings: the hot path parses no date. */
  readonly earliest: string;
  readonly latest: string;
}

const EARLIEST_AUDIT_TIME = '2010-01-01T00:00:00.000Z';
const LATEST_AFTER_READING_MS = 24 * 3600_000;

/** The bounds for records read at `readAt` (the caller's clock: the domain core has none). */
export function timeBoundsAt(readAt: Date): TimeBounds {
  return { earliest: EARLIEST_AUDIT_TIME, latest: new Date(readAt.getTime() + LATEST_AFTER_READING_MS).toISOString() };
}

/**
 * Where JSON.parse stopped, without its message: V8 quotes the text it failed on, and that text is a
 * record (subjects, addresses) that must not reach a log.
 */
export function jsonErrorPlace(error: unknown): string {
  const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return at === null ? 'not valid JSON' : `not valid JSON at character ${Number(at[1]) + 1}`;
}

/** `192.0.2.7:443`, `[2001:db8::1]:443` and `::ffff:192.0.2.7` all name one address. */
export function normalizeIp(value: unknown): string | null {
  const raw = text(value);
  if (raw === null) return null;
  // Most are plain IPv4: no port, brackets or prefix to take off.
  if (!raw.includes(':')) return raw.toLowerCase();
  // Each pattern is tried only where its first sign is (`[`, a dot, a leading `::`): plain IPv6, a fifth
  // of records, would otherwise run all three.
  let ip = raw;
  const bracketed = ip.startsWith('[') ? /^\[([^\]]+)\](?::\d+)?$/.exec(ip) : null;
  if (bracketed !== null) ip = bracketed[1];
  else if (ip.includes('.') && /^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(':'));
  if (ip.startsWith('::') && /^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(ip)) ip = ip.slice(7);
  return ip.toLowerCase();
}

/** The operation, with SendAs / SendOnBehalf in their canonical spelling whatever the input's case. */
function operationOf(value: unknown): string | null {
  const op = text(value);
  if (op === null) return null;
  if (op === 'SendAs' || op === 'SendOnBehalf') return op;
  const lower = op.toLowerCase();
  if (lower === 'sendas') return 'SendAs';
  if (lower === 'sendonbehalf') return 'SendOnBehalf';
  return op;
}

/**
 * The address in `value`. Exchange repeats the mailbox's address as the one sent as (and, for the owner's
 * own sends, as the actor): text equal to the mailbox's reuses its lower-cased form.
 */
function sameOrAddress(value: unknown, mailboxText: unknown, mailbox: string | null): string | null {
  return value === mailboxText ? mailbox : address(value);
}

function sendAsOf(data: JsonObject, mailboxText: unknown, mailbox: string | null): string | null {
  return sameOrAddress(data.SendAsUserSmtp ?? field(data, 'SendAsUserSmtp'), mailboxText, mailbox);
}

function sendOnBehalfOf(data: JsonObject, mailboxText: unknown, mailbox: string | null): string | null {
  return sameOrAddress(data.SendOnBehalfOfUserSmtp ?? field(data, 'SendOnBehalfOfUserSmtp'), mailboxText, mailbox);
}

/**
 * The newer token fields (AUDIT-FACTS.md section 7). Read by exact spelling only, as Exchange and Graph
 * write them: a caseless scan for each absent key would cost every older record five key walks.
 */
export function appAccessOf(data: JsonObject): AppAccess | null {
  const context = data.AppAccessContext;
  const contextObject = isObject(context) ? context : null;
  const clientAppId = text(contextObject?.ClientAppId) ?? text(data.ClientAppId);
  const tokenObjectId = text(data.TokenObjectId);
  const sessionId = text(data.SessionId);
  if (contextObject === null && clientAppId === null && tokenObjectId === null && sessionId === null) return null;
  return {
    clientAppId: clientAppId?.toLowerCase() ?? null,
    clientAppName: text(contextObject?.ClientAppName),
    uniqueTokenId: text(contextObject?.UniqueTokenId),
    hasAppAccessContext: contextObject !== null,
    userToken: contextObject === null ? null : text(contextObject.AADSessionId) !== null,
    tokenObjectId,
    sessionId,
  };
}

/**
 * recipientList as recorded: an array of addresses (kept as Exchange wrote them, and reused as it is
 * when every entry is a plain address: most records pass untouched), or one `;`/`,`-separated string.
 * At most MAX_RECIPIENTS are kept.
 */
function recipientAddresses(value: unknown): readonly string[] {
  if (Array.isArray(value)) {
    let clean = value.length <= MAX_RECIPIENTS;
    for (let i = 0; clean && i < value.length; i += 1) {
      const item: unknown = value[i];
      clean = typeof item === 'string' && item.length > 0 && isVisibleAscii(item.charCodeAt(0)) && isVisibleAscii(item.charCodeAt(item.length - 1));
    }
    if (clean) return value as string[];
  }
  const items: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[;,]/) : [];
  const out: string[] = [];
  for (const item of items) {
    if (out.length >= MAX_RECIPIENTS) break;
    const a = text(item);
    if (a !== null) out.push(a);
  }
  return out;
}

export function recipientsOf(data: JsonObject): Recipients | null {
  const rawCount = data.recipientCount ?? data.RecipientCount;
  const rawList = data.recipientList ?? data.RecipientList;
  if (rawCount === undefined && rawList === undefined) return null;
  const list = recipientAddresses(rawList);
  const count = integer(rawCount);
  if (count === null && list.length === 0) return null;
  return { count, list };
}

function rejected(code: RejectCode, message: string): NormalizeResult {
  return { kind: 'rejected', rejection: { code, message } };
}

export interface Envelope {
  readonly auditData: JsonObject;
  /** The AuditData's own JSON text when the input held it as text, so it need not be serialised again. */
  readonly auditDataText: string | undefined;
  /** Fallbacks from the wrapper: Graph's `id`, the new CSV's `RecordId`, the wrapper's operation. */
  readonly id: unknown;
  readonly operation: unknown;
}

/**
 * Unwraps the three envelopes admins and Graph produce: Graph `auditLogRecord` (`auditData`, object or
 * string), Purview CSV rows and Search-UnifiedAuditLog objects (`AuditData` as a JSON string). A plain
 * AuditData object is its own envelope.
 */
export function unwrap(record: JsonObject, recordText: string | undefined): Envelope | Rejection {
  // AuditData always carries CreationTime and no wrapper does: the common case skips the key scan.
  if (record.CreationTime !== undefined) return { auditData: record, auditDataText: recordText, id: undefined, operation: undefined };
  const wrapped = field(record, 'AuditData');
  if (wrapped === undefined) return { auditData: record, auditDataText: recordText, id: undefined, operation: undefined };
  let auditData: unknown = wrapped;
  if (typeof wrapped === 'string') {
    try {
      auditData = JSON.parse(wrapped);
    } catch (error) {
      return { code: 'bad-json', message: `AuditData is ${jsonErrorPlace(error)}` };
    }
  }
  if (!isObject(auditData)) {
    return { code: 'not-an-object', message: `AuditData should be a JSON object, found ${describeJsonType(auditData)}` };
  }
  return {
    auditData,
    auditDataText: typeof wrapped === 'string' ? wrapped : undefined,
    id: record.id ?? field(record, 'RecordId') ?? field(record, 'Identity'),
    operation: field(record, 'Operation') ?? field(record, 'Operations'),
  };
}

/** A malformed time as found, short: a garbled CreationTime can hold anything, so only its start is shown. */
function describeValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 37)}...` : json;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

/**
 * Turns one input record of any supported shape into an AuditEvent, a skip (another operation in a
 * mixed export) or a rejection naming the field at fault. Never throws. `bounds` are the CreationTimes
 * possible at the time of reading; `recordText`, when given, is the JSON text `record` was parsed from.
 */
export function normalizeRecord(record: unknown, bounds: TimeBounds, recordText?: string): NormalizeResult {
  if (!isObject(record)) return rejected('not-an-object', `expected a JSON object, found ${describeJsonType(record)}`);
  const envelope = unwrap(record, recordText);
  if ('code' in envelope) return { kind: 'rejected', rejection: envelope };
  const data = envelope.auditData;

  const operation = operationOf(data.Operation ?? field(data, 'Operation') ?? envelope.operation);
  if (operation !== 'SendAs' && operation !== 'SendOnBehalf') return { kind: 'skipped', operation: operation ?? '(none)' };

  // Ids are GUIDs: lower-cased so the same record from two sources dedupes.
  const id = text(data.Id ?? field(data, 'Id') ?? envelope.id)?.toLowerCase() ?? null;
  if (id === null) return rejected('missing-field', 'Id is missing: every audit record needs one');
  const rawTime = data.CreationTime ?? field(data, 'CreationTime');
  if (rawTime === undefined || rawTime === null || rawTime === '') {
    return rejected('missing-field', `CreationTime is missing in record ${id}`);
  }
  const plain = typeof rawTime === 'string' && PLAIN_SECONDS.test(rawTime);
  const time = plain ? isoOfPlainSeconds(rawTime) : parseCreationTime(rawTime);
  if (time === null) {
    return rejected('bad-time', `CreationTime should be ISO 8601 (2022-05-16T11:03:47), found ${describeValue(rawTime)}`);
  }
  if (plain ? comparePlainSeconds(rawTime, bounds.earliest) < 0 : time < bounds.earliest) return rejected('bad-time', `CreationTime ${time} is before 2010: no audit record is that old`);
  if (plain ? comparePlainSeconds(rawTime, bounds.latest) > 0 : time > bounds.latest) return rejected('bad-time', `CreationTime ${time} is more than a day after the time of reading: not a real audit event (the latest accepted is ${bounds.latest})`);

  // Each read is written out at its own site, exact spelling first: V8 caches a property read per site
  // and record shape, and a million records share a handful of shapes. `field` catches other casings.
  const item = data.Item ?? field(data, 'Item');
  const itemObject = isObject(item) ? item : null;

  const mailboxText = data.MailboxOwnerUPN ?? field(data, 'MailboxOwnerUPN');
  const mailbox = address(mailboxText);
  const userIdText = data.UserId ?? field(data, 'UserId');
  const actor = sameOrAddress(userIdText, mailboxText, mailbox) ?? '';
  const written = text(userIdText);
  const access = appAccessOf(data);
  const event: AuditEvent = {
    id,
    time,
    operation,
    actor,
    mailbox,
    // The other operation's field only when the record lacks its own: a missing key costs a caseless scan.
    sentAs:
      operation === 'SendAs'
        ? (sendAsOf(data, mailboxText, mailbox) ?? sendOnBehalfOf(data, mailboxText, mailbox))
        : (sendOnBehalfOf(data, mailboxText, mailbox) ?? sendAsOf(data, mailboxText, mailbox)),
    client: text(data.ClientInfoString ?? field(data, 'ClientInfoString')),
    appId: text(data.AppId ?? field(data, 'AppId')) ?? access?.clientAppId ?? null,
    clientIp: normalizeIp(data.ClientIPAddress ?? field(data, 'ClientIPAddress') ?? data.ClientIP ?? field(data, 'ClientIP')),
    logonType: integer(data.LogonType ?? field(data, 'LogonType')),
    userType: userType(data.UserType ?? field(data, 'UserType')),
    externalAccess: bool(data.ExternalAccess ?? field(data, 'ExternalAccess')),
    subject: itemObject === null ? null : text(itemObject.Subject ?? field(itemObject, 'Subject')),
    internetMessageId: itemObject === null ? null : text(itemObject.InternetMessageId ?? field(itemObject, 'InternetMessageId')),
    actorAsWritten: written === null || written === actor ? undefined : written,
    access,
    recipients: recipientsOf(data),
    rawJson: envelope.auditDataText ?? JSON.stringify(data),
  };
  return { kind: 'event', event };
}

/**
 * The fields kept only in the raw AuditData (the original UserId, the token, the recipients), read back
 * from a stored record: the store keeps the raw JSON rather than a column for each.
 */
export function storedDetailsOf(rawJson: string, actor: string): Pick<AuditEvent, 'actorAsWritten' | 'access' | 'recipients'> {
  let data: unknown;
  try {
    data = JSON.parse(rawJson);
  } catch {
    return { actorAsWritten: undefined, access: null, recipients: null };
  }
  if (!isObject(data)) return { actorAsWritten: undefined, access: null, recipients: null };
  const written = text(data.UserId ?? field(data, 'UserId'));
  return {
    actorAsWritten: written === null || written === actor ? undefined : written,
    access: appAccessOf(data),
    recipients: recipientsOf(data),
  };
}
