import type { AnswerWarning, AuditSettingsHealthLine } from '../query/answer';
import type { AuditSettingsLookup, DelegateOperation, MailboxAuditView } from './settings';
import { delegateRecording } from './settings';

/** Identities one answer checks at most: a "what did alex send as" answer can name many. */
export const MAX_CHECKED_PER_ANSWER = 10;

/** The delegate sends of `operations` a checked mailbox does not record. */
export function unrecorded(view: MailboxAuditView, operations: readonly DelegateOperation[]): { operations: DelegateOperation[]; organizationOff: boolean } {
  if (view.status !== 'checked') return { operations: [], organizationOff: false };
  const missing = operations.filter((op) => delegateRecording(op, view.settings, view.organization).recorded === false);
  return { operations: missing, organizationOff: missing.length > 0 && view.organization?.auditDisabled === true };
}

/**
 * The caveats an answer about these identities carries: delegate sends their settings leave out
 * (a red box), settings nobody checked or could read, and the multi-geo blind spot (notes). Without a
 * lookup (an engine that does not consider audit settings) there are none.
 */
export async function auditSettingsWarnings(
  lookup: AuditSettingsLookup | undefined,
  identities: readonly string[],
  operations: readonly DelegateOperation[],
): Promise<AnswerWarning[]> {
  const wanted = [...new Set(identities.map((i) => i.trim().toLowerCase()).filter((i) => i.includes('@')))].slice(0, MAX_CHECKED_PER_ANSWER);
  if (lookup === undefined || wanted.length === 0) return [];
  const views = await Promise.all(wanted.map((mailbox) => lookup.view(mailbox)));
  const out: AnswerWarning[] = [];
  const notChecked: string[] = [];
  let organizationOff = false;
  let multiGeo = false;
  for (const view of views) {
    const missing = unrecorded(view, operations);
    if (missing.organizationOff) organizationOff = true;
    else if (missing.operations.length > 0) out.push({ kind: 'audit-settings', message: { code: 'audit-not-in-delegate-actions', mailbox: view.mailbox, operations: missing.operations } });
    if (view.status === 'checked' && view.organization?.multiGeo === true) multiGeo = true;
    if (view.status === 'not-checked') notChecked.push(view.mailbox);
    if (view.status === 'unreadable') out.push({ kind: 'audit-settings-unknown', message: { code: 'audit-unreadable', mailbox: view.mailbox, problem: view.problem } });
  }
  if (organizationOff) out.unshift({ kind: 'audit-settings', message: { code: 'audit-organization-disabled' } });
  if (notChecked.length > 0) out.push({ kind: 'audit-settings-unknown', message: { code: 'audit-not-checked', mailboxes: notChecked } });
  if (multiGeo) out.push({ kind: 'audit-settings-unknown', message: { code: 'multi-geo' } });
  return out;
}

/** "audit health" lines: the mailboxes whose delegate sends are not recorded, or that nothing is known. */
export async function auditSettingsHealth(lookup: AuditSettingsLookup | undefined): Promise<AuditSettingsHealthLine[]> {
  if (lookup === undefined) return [];
  if (!lookup.configured) return [{ code: 'audit-settings-not-configured' }];
  const views = await lookup.known();
  const lines: AuditSettingsHealthLine[] = [];
  for (const view of views) {
    const missing = unrecorded(view, ['SendAs', 'SendOnBehalf']);
    if (missing.organizationOff) return [{ code: 'audit-organization-disabled' }];
    if (missing.operations.length > 0) lines.push({ code: 'audit-unrecorded', mailbox: view.mailbox, operations: missing.operations });
    if (view.status === 'unreadable') lines.push({ code: 'audit-unreadable', mailbox: view.mailbox, problem: view.problem });
  }
  const checked = views.filter((v) => v.status === 'checked').length;
  if (lines.length === 0) return [checked === 0 ? { code: 'audit-none-checked' } : { code: 'audit-all-recorded', checked }];
  if (views.some((v) => v.status === 'checked' && v.organization?.multiGeo === true)) lines.push({ code: 'multi-geo' });
  return lines;
}
