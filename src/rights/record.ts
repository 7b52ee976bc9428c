import type { RejectCode, TimeBounds } from '../audit/normalize';
import { field, isObject, normalizeIp, parseCreationTime, unwrap } from '../audit/normalize';
import type { Directory, Identity, Right } from './identity';
import { EMPTY_DIRECTORY, identityOf } from './identity';

/** The cmdlets whose admin audit records (RecordType 1, `ExchangeAdmin`) grant or take away a right. */
export const RIGHTS_CMDLETS = [
  'Add-RecipientPermission',
  'Remove-RecipientPermission',
  'Add-MailboxPermission',
  'Remove-MailboxPermission',
  'Set-Mailbox',
] as const;
export type RightsCmdlet = (typeof RIGHTS_CMDLETS)[number];

/** The Graph audit query filters that fetch these records, joined to the SendAs filters in one query (src/ingest/graph-records.ts). */
export const RIGHTS_GRAPH_FILTERS = { recordTypeFilters: ['exchangeAdmin'], operationFilters: [...RIGHTS_CMDLETS] } as const;

/**
 * One grant or removal of a right, whatever the input's shape. `added` and `removed` name trustees;
 * `replaces` says `added` is the whole new list (`Set-Mailbox -GrantSendOnBehalfTo a,b`: everyone else
 * loses the right); `removedUnnamed` says something was removed that the record does not name
 * (`-GrantSendOnBehalfTo $null`, or a hashtable the audit wrote as its type name).
 */
export interface RightsChange {
  /** The audit record Id, lower-cased: the dedupe key. */
  readonly id: string;
  /** ISO UTC with milliseconds. */
  readonly time: string;
  readonly cmdlet: RightsCmdlet;
  readonly right: Right;
  readonly mailbox: Identity;
  readonly added: readonly Identity[];
  readonly removed: readonly Identity[];
  readonly replaces: boolean;
  readonly removedUnnamed: boolean;
  /** UserId: who ran the cmdlet, lower-cased. */
  readonly grantedBy: string;
  readonly clientIp: string | null;
  readonly appId: string | null;
  readonly clientAppId: string | null;
  /** False when the cmdlet failed (ResultStatus False / Failed): a failed cmdlet grants nothing. */
  readonly succeeded: boolean;
}

export type RightsRejectCode = RejectCode | 'bad-parameter';

export interface RightsRejection {
  readonly code: RightsRejectCode;
  /** Names the field and what was expected, never the record's content. */
  readonly message: string;
}

export type RightsNormalizeResult =
  | { readonly kind: 'change'; readonly change: RightsChange }
  | { readonly kind: 'skipped'; readonly operation: string; readonly why: 'other-operation' | 'no-right-changed' }
  | { readonly kind: 'rejected'; readonly rejection: RightsRejection };

type JsonObject = Record<string, unknown>;

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function cmdletOf(value: unknown): RightsCmdlet | null {
  const op = text(value)?.toLowerCase();
  return RIGHTS_CMDLETS.find((c) => c.toLowerCase() === op) ?? null;
}

function rejected(code: RightsRejectCode, message: string): RightsNormalizeResult {
  return { kind: 'rejected', rejection: { code, message } };
}

/**
 * The cmdlet's parameters by lower-cased name. Exchange writes `Parameters` as [{Name, Value}]; Graph's
 * auditData keeps that list; a Purview CSV holds it inside the AuditData JSON. Null when it is not a list.
 */
function parametersOf(data: JsonObject): Map<string, string> | null {
  const list = field(data, 'Parameters');
  if (!Array.isArray(list)) return null;
  const out = new Map<string, string>();
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const name = text(field(entry, 'Name'));
    const value = field(entry, 'Value');
    if (name !== null) out.set(name.toLowerCase(), typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value));
  }
  return out;
}

/**
 * ResultStatus of an admin record: `True` / `Succeeded` / `Success` for a cmdlet that ran, `False` /
 * `Failed` for one that did not. Records without it (older exports) are taken as having run.
 */
function succeededOf(value: unknown): boolean {
  const status = text(value)?.toLowerCase();
  return status === undefined || !['false', 'failed', 'failure'].includes(status);
}

/** Splits a written list (`a@x;b@x`, `a@x,b@x`, `"A B","C D"`) into its members, quotes taken off. */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const c of value) {
    if (quote !== null) {
      if (c === quote) quote = null;
      else current += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',' || c === ';') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The entries of a PowerShell hashtable literal as the audit writes it: `@{Add="a","b"; Remove="c"}`. */
function hashtableOf(value: string): Map<string, string> | null {
  const match = /^@\{(.*)\}$/s.exec(value.trim());
  if (match === null) return null;
  const out = new Map<string, string>();
  // Entries are separated by `;` outside quotes; a value list uses `,`.
  let depth: string | null = null;
  let start = 0;
  const body = match[1];
  const entries: string[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (depth !== null) {
      if (c === depth) depth = null;
    } else if (c === '"' || c === "'") depth = c;
    else if (c === ';') {
      entries.push(body.slice(start, i));
      start = i + 1;
    }
  }
  entries.push(body.slice(start));
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq < 0) continue;
    out.set(entry.slice(0, eq).trim().toLowerCase(), entry.slice(eq + 1));
  }
  return out;
}

interface SendOnBehalfChange {
  readonly added: string[];
  readonly removed: string[];
  readonly replaces: boolean;
  readonly removedUnnamed: boolean;
}

/**
 * What `-GrantSendOnBehalfTo` did: a hashtable adds and removes; a list replaces the whole list; an
 * empty value (`$null`) removes everyone, unnamed; a type name (`System.Collections.Hashtable`) is a
 * change the record does not spell out, so removals are unnamed and nobody is added.
 */
export function sendOnBehalfChange(value: string): SendOnBehalfChange {
  const trimmed = value.trim();
  const table = hashtableOf(trimmed);
  if (table !== null) {
    const added = splitList(table.get('add') ?? '');
    const removed = splitList(table.get('remove') ?? '');
    return { added, removed, replaces: false, removedUnnamed: table.has('remove') && removed.length === 0 };
  }
  if (trimmed === '' || trimmed.toLowerCase() === '$null') return { added: [], removed: [], replaces: true, removedUnnamed: true };
  if (/^System\.[\w.`[\]]+$/.test(trimmed)) return { added: [], removed: [], replaces: false, removedUnnamed: true };
  return { added: splitList(trimmed), removed: [], replaces: true, removedUnnamed: false };
}

function accessRightsInclude(value: string | undefined, right: 'sendas' | 'fullaccess'): boolean {
  return value !== undefined && splitList(value).some((r) => r.toLowerCase() === right);
}

/**
 * Turns one Exchange admin audit record (raw AuditData, Graph auditLogRecord with `auditData`, or a
 * Purview CSV row with an AuditData column) into a rights change, a skip (another cmdlet, or a
 * Set-Mailbox / MailboxPermission that changed no right we track) or a rejection naming the field.
 * Never throws. `directory` maps recipient names to canonical keys, when a mailbox export is known.
 */
export function normalizeRightsRecord(record: unknown, bounds: TimeBounds, directory: Directory = EMPTY_DIRECTORY): RightsNormalizeResult {
  if (!isObject(record)) return rejected('not-an-object', 'expected a JSON object');
  const envelope = unwrap(record, undefined);
  if ('code' in envelope) return { kind: 'rejected', rejection: envelope };
  const data = envelope.auditData;
  const operationText = text(field(data, 'Operation') ?? envelope.operation) ?? '(none)';
  const cmdlet = cmdletOf(operationText);
  if (cmdlet === null) return { kind: 'skipped', operation: operationText, why: 'other-operation' };

  const id = text(field(data, 'Id') ?? envelope.id)?.toLowerCase() ?? null;
  if (id === null) return rejected('missing-field', 'Id is missing: every audit record needs one');
  const rawTime = field(data, 'CreationTime');
  if (rawTime === undefined || rawTime === null || rawTime === '') return rejected('missing-field', `CreationTime is missing in record ${id}`);
  const time = parseCreationTime(rawTime);
  if (time === null) return rejected('bad-time', `CreationTime of record ${id} should be ISO 8601 (2022-05-16T11:03:47)`);
  if (time < bounds.earliest || time > bounds.latest) return rejected('bad-time', `CreationTime of record ${id} is outside ${bounds.earliest} to ${bounds.latest}`);

  const parameters = parametersOf(data);
  if (parameters === null) return rejected('missing-field', `Parameters is missing or not a list of {Name, Value} in record ${id}`);
  const mailboxText = text(parameters.get('identity')) ?? text(field(data, 'ObjectId'));
  if (mailboxText === null) return rejected('missing-field', `neither the Identity parameter nor ObjectId names the mailbox in record ${id}`);

  let right: Right;
  let change: SendOnBehalfChange;
  switch (cmdlet) {
    case 'Add-RecipientPermission':
    case 'Remove-RecipientPermission': {
      const trustee = text(parameters.get('trustee'));
      if (trustee === null) return rejected('bad-parameter', `the Trustee parameter is missing in record ${id}`);
      // SendAs is the only right Add-RecipientPermission takes; AccessRights is still checked.
      if (!accessRightsInclude(parameters.get('accessrights') ?? 'SendAs', 'sendas')) return { kind: 'skipped', operation: cmdlet, why: 'no-right-changed' };
      right = 'SendAs';
      change = cmdlet === 'Add-RecipientPermission' ? { added: [trustee], removed: [], replaces: false, removedUnnamed: false } : { added: [], removed: [trustee], replaces: false, removedUnnamed: false };
      break;
    }
    case 'Add-MailboxPermission':
    case 'Remove-MailboxPermission': {
      const user = text(parameters.get('user'));
      if (user === null) return rejected('bad-parameter', `the User parameter is missing in record ${id}`);
      // ReadPermission, ChangeOwner and the like change no right that sends or opens mail.
      if (!accessRightsInclude(parameters.get('accessrights'), 'fullaccess')) return { kind: 'skipped', operation: cmdlet, why: 'no-right-changed' };
      // A Deny entry takes a right away rather than granting it.
      const deny = parameters.get('deny')?.trim().toLowerCase() === 'true';
      const adds = cmdlet === 'Add-MailboxPermission' && !deny;
      right = 'FullAccess';
      change = adds ? { added: [user], removed: [], replaces: false, removedUnnamed: false } : { added: [], removed: [user], replaces: false, removedUnnamed: false };
      break;
    }
    case 'Set-Mailbox': {
      const value = parameters.get('grantsendonbehalfto');
      if (value === undefined) return { kind: 'skipped', operation: cmdlet, why: 'no-right-changed' };
      right = 'SendOnBehalf';
      change = sendOnBehalfChange(value);
      break;
    }
    default:
      return cmdlet satisfies never;
  }

  return {
    kind: 'change',
    change: {
      id,
      time,
      cmdlet,
      right,
      mailbox: identityOf(mailboxText, directory),
      added: change.added.map((t) => identityOf(t, directory)),
      removed: change.removed.map((t) => identityOf(t, directory)),
      replaces: change.replaces,
      removedUnnamed: change.removedUnnamed,
      grantedBy: text(field(data, 'UserId'))?.toLowerCase() ?? '',
      clientIp: normalizeIp(field(data, 'ClientIP') ?? field(data, 'ClientIPAddress')),
      appId: text(field(data, 'AppId')),
      clientAppId: text(field(data, 'ClientAppId')),
      succeeded: succeededOf(field(data, 'ResultStatus')),
    },
  };
}
