import type { Readable } from 'node:stream';
import type { InputEncoding } from '../audit/read';
import { SendAsWatchError } from '../errors';
import type { Directory } from './identity';
import { EMPTY_DIRECTORY, identityOf } from './identity';
import type { Holding } from './model';
import { splitList } from './record';
import { firstLine, parseCsvText, readWholeText } from './text';

/** Exports of a large tenant's permissions run to tens of megabytes; past this the file is refused. */
const MAX_INVENTORY_BYTES = 512 * 1024 * 1024;

/**
 * The three exports an admin makes in a minute to seed the inventory:
 * - `Get-EXORecipientPermission | Export-Csv` (Identity, Trustee, AccessControlType, AccessRights, IsInherited, …);
 * - `Get-EXOMailboxPermission | Export-Csv` (Identity, User, AccessRights, IsInherited, Deny, …);
 * - `Get-EXOMailbox -Properties GrantSendOnBehalfTo | Export-Csv` (PrimarySmtpAddress, GrantSendOnBehalfTo, …).
 */
export type InventoryKind = 'recipient-permission' | 'mailbox-permission' | 'mailbox';

/**
 * Why a row gave no holding, the way admins filter these exports themselves: the mailbox's own
 * NT AUTHORITY\SELF entry, inherited entries (from the database or organisation, not granted on this
 * mailbox), Deny entries, rights that are neither Send As nor Full Access, and rows whose rights column
 * PowerShell wrote as a type name.
 */
export type SkipReason = 'self' | 'inherited' | 'deny' | 'other-right' | 'unreadable-rights' | 'no-delegates';

/** Advice for the admin, worded in messages.ts: the export needs a column expanded. */
export type InventoryAdvice = 'expand-access-rights' | 'expand-send-on-behalf';

export interface InventoryRejection {
  /** Data row number, 1 being the first row after the header. */
  readonly row: number;
  /** Names the column at fault, never its content. */
  readonly message: string;
}

export interface InventoryResult {
  readonly kind: InventoryKind;
  readonly holdings: readonly Holding[];
  /** The names each mailbox is known by (mailbox export only), for `buildDirectory`. */
  readonly mailboxes: readonly { readonly address: string; readonly names: readonly string[] }[];
  readonly rows: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
  readonly rejected: readonly InventoryRejection[];
  readonly advice: readonly InventoryAdvice[];
}

/** The ready commands that export each column as text, given with the advice. */
export const EXPORT_COMMANDS: Readonly<Record<InventoryAdvice, string>> = {
  'expand-access-rights':
    "Get-EXOMailboxPermission -Identity <mailbox> | Select-Object Identity,User,@{n='AccessRights';e={$_.AccessRights -join ';'}},IsInherited,Deny | Export-Csv mailbox-permissions.csv -NoTypeInformation -Encoding UTF8",
  'expand-send-on-behalf':
    "Get-EXOMailbox -ResultSize Unlimited -Properties GrantSendOnBehalfTo | Select-Object PrimarySmtpAddress,Alias,DisplayName,UserPrincipalName,@{n='GrantSendOnBehalfTo';e={$_.GrantSendOnBehalfTo -join ';'}} | Export-Csv mailboxes.csv -NoTypeInformation -Encoding UTF8",
};

type Row = Readonly<Record<string, string>>;

/** A column by name, whatever its case. */
function column(row: Row, name: string): string {
  const lower = name.toLowerCase();
  for (const key in row) if (key.toLowerCase() === lower) return row[key].trim();
  return '';
}

/** `System.Collections.ArrayList`, `System.Collections.Generic.List`1[System.String]`: what Export-Csv writes for a collection. */
function isTypeName(value: string): boolean {
  return /^(Deserialized\.)?System\.[\w.`[\], ]+$/.test(value);
}

function isTrue(value: string): boolean {
  return value.toLowerCase() === 'true';
}

/** The kind of export, from its header; null when it is none of the three. */
export function inventoryKindOf(header: readonly string[]): InventoryKind | null {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  if (names.has('trustee') && names.has('accessrights')) return 'recipient-permission';
  if (names.has('user') && names.has('accessrights')) return 'mailbox-permission';
  if (names.has('grantsendonbehalfto')) return 'mailbox';
  return null;
}

/**
 * The members of a GrantSendOnBehalfTo cell. Expanded with `-join ';'` (or `,`) the list splits on its
 * separator; PowerShell's own string form of an array joins with spaces, which splits safely only when
 * every part is an address (display names have spaces of their own). Null when the cell is a type name.
 */
export function sendOnBehalfMembers(cell: string): string[] | null {
  const value = cell.replace(/^\{|\}$/g, '').trim();
  if (value === '') return [];
  if (isTypeName(value)) return null;
  if (/[;,]/.test(value)) return splitList(value);
  const words = value.split(/\s+/);
  return words.length > 1 && words.every((w) => w.includes('@')) ? words : [value];
}

function rightsOf(cell: string): string[] | null {
  if (isTypeName(cell)) return null;
  return splitList(cell.replace(/^\{|\}$/g, '')).flatMap((r) => r.split(/\s+/)).map((r) => r.toLowerCase());
}

/** Turns the rows of one export (header names as keys) into holdings, skips and rejections. */
export function inventoryFromRows(kind: InventoryKind, rows: readonly Row[], directory: Directory = EMPTY_DIRECTORY): InventoryResult {
  const holdings: Holding[] = [];
  const mailboxes: { address: string; names: string[] }[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const rejected: InventoryRejection[] = [];
  const advice = new Set<InventoryAdvice>();
  const skip = (reason: SkipReason): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  rows.forEach((row, index) => {
    const n = index + 1;
    switch (kind) {
      case 'recipient-permission': {
        const identity = column(row, 'Identity');
        const trustee = column(row, 'Trustee');
        if (identity === '' || trustee === '') return void rejected.push({ row: n, message: `${identity === '' ? 'Identity' : 'Trustee'} is empty` });
        if (trustee.toUpperCase() === 'NT AUTHORITY\\SELF') return skip('self');
        if (isTrue(column(row, 'IsInherited'))) return skip('inherited');
        if (column(row, 'AccessControlType').toLowerCase() === 'deny') return skip('deny');
        // Get-RecipientPermission lists Send As only: a type name in AccessRights still means Send As.
        const rights = rightsOf(column(row, 'AccessRights'));
        if (rights !== null && !rights.includes('sendas')) return skip('other-right');
        holdings.push({ mailbox: identityOf(identity, directory), trustee: identityOf(trustee, directory), right: 'SendAs' });
        return;
      }
      case 'mailbox-permission': {
        const identity = column(row, 'Identity');
        const user = column(row, 'User');
        if (identity === '' || user === '') return void rejected.push({ row: n, message: `${identity === '' ? 'Identity' : 'User'} is empty` });
        if (user.toUpperCase() === 'NT AUTHORITY\\SELF') return skip('self');
        if (isTrue(column(row, 'IsInherited'))) return skip('inherited');
        if (isTrue(column(row, 'Deny'))) return skip('deny');
        const rights = rightsOf(column(row, 'AccessRights'));
        if (rights === null) {
          advice.add('expand-access-rights');
          return skip('unreadable-rights');
        }
        if (!rights.includes('fullaccess')) return skip('other-right');
        holdings.push({ mailbox: identityOf(identity, directory), trustee: identityOf(user, directory), right: 'FullAccess' });
        return;
      }
      case 'mailbox': {
        const address = column(row, 'PrimarySmtpAddress') || column(row, 'UserPrincipalName') || column(row, 'Identity');
        if (address === '') return void rejected.push({ row: n, message: 'PrimarySmtpAddress, UserPrincipalName and Identity are all empty' });
        const names = ['Alias', 'DisplayName', 'Name', 'UserPrincipalName', 'Identity', 'DistinguishedName'].map((c) => column(row, c)).filter((v) => v !== '');
        mailboxes.push({ address, names });
        const members = sendOnBehalfMembers(column(row, 'GrantSendOnBehalfTo'));
        if (members === null) {
          advice.add('expand-send-on-behalf');
          return skip('unreadable-rights');
        }
        if (members.length === 0) return skip('no-delegates');
        for (const member of members) holdings.push({ mailbox: identityOf(address, directory), trustee: identityOf(member, directory), right: 'SendOnBehalf' });
        return;
      }
      default:
        return kind satisfies never;
    }
  });
  return { kind, holdings, mailboxes, rows: rows.length, skipped, rejected, advice: [...advice] };
}

/** The delimiter that splits the header into the most columns: `,`, or the `;` / tab of `-UseCulture`. */
function delimiterOf(headerLine: string): ',' | ';' | '\t' {
  const counts = ([',', ';', '\t'] as const).map((d) => ({ d, n: headerLine.split(d).length }));
  return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

/**
 * Reads one inventory export: any encoding the audit readers take (UTF-8, UTF-16, Shift_JIS), the
 * `#TYPE` line of Windows PowerShell, `,` `;` or tab. Throws only when the file is none of the three exports.
 */
export async function readInventory(input: Readable, directory: Directory = EMPTY_DIRECTORY, onEncoding?: (encoding: InputEncoding) => void): Promise<InventoryResult> {
  const text = await readWholeText(input, MAX_INVENTORY_BYTES, `The rights export is over ${MAX_INVENTORY_BYTES} bytes.`, onEncoding);
  const parsed = parseCsvText(text, delimiterOf(firstLine(text)));
  if (parsed.kind === 'malformed') {
    throw new SendAsWatchError('SENDAS_INPUT_UNREADABLE', `The rights export is malformed at ${parsed.message}: re-export it with Export-Csv -NoTypeInformation -Encoding UTF8.`);
  }
  const kind = inventoryKindOf(parsed.header);
  if (kind === null) {
    throw new SendAsWatchError(
      'SENDAS_INPUT_UNKNOWN_FORMAT',
      'The file is not a rights export SendAs Watch reads: expected the CSV of Get-EXORecipientPermission (a Trustee column), ' +
        'Get-EXOMailboxPermission (User and AccessRights columns) or Get-EXOMailbox -Properties GrantSendOnBehalfTo.',
    );
  }
  return inventoryFromRows(kind, parsed.rows, directory);
}
