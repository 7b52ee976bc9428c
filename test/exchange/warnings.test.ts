import { StaticAuditSettings, UNCHECKED_AUDIT_SETTINGS } from '../../src/exchange/lookup';
import { wordWarning } from '../../src/i18n/query/warnings';
import { wordHealthLines } from '../../src/i18n/ingest/health';
import type { AnswerWarning } from '../../src/query/answer';
import type { AuditSettingsLookup, MailboxAuditSettings, MailboxAuditView, OrganizationAuditSettings } from '../../src/exchange/settings';
import { delegateRecording, unrecordedDelegateSends } from '../../src/exchange/settings';
import { auditSettingsHealth, auditSettingsWarnings } from '../../src/exchange/warnings';

const said = (warning: AnswerWarning, language: 'en' | 'ja'): string => wordWarning(warning.message, language, 'UTC');

const DEFAULTS = ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'SendAs', 'SendOnBehalf', 'Create', 'UpdateFolderPermissions', 'UpdateInboxRules', 'ApplyRecord'];
const ON: OrganizationAuditSettings = { auditDisabled: false, multiGeo: false };

function mailbox(address: string, overrides: Partial<MailboxAuditSettings> = {}): MailboxAuditSettings {
  return { mailbox: address, recipientType: 'SharedMailbox', auditEnabled: true, delegateActions: DEFAULTS, adminActions: DEFAULTS, defaultAuditSet: ['Admin', 'Delegate', 'Owner'], region: null, ...overrides };
}

describe('delegateRecording', () => {
  it('records what AuditDelegate lists, case-insensitively, and nothing it leaves out', () => {
    const customised = mailbox('payroll@contoso.com', { delegateActions: ['sendonbehalf', 'Update'] });
    expect(delegateRecording('SendOnBehalf', customised, ON)).toEqual({ recorded: true });
    expect(delegateRecording('SendAs', customised, ON)).toEqual({ recorded: false, why: 'not-in-delegate-actions' });
    expect(unrecordedDelegateSends(customised, ON)).toEqual(['SendAs']);
  });

  it('records nothing when the organisation has auditing off, whatever the mailbox says', () => {
    expect(delegateRecording('SendAs', mailbox('finance@contoso.com'), { auditDisabled: true, multiGeo: null })).toEqual({ recorded: false, why: 'organization-audit-disabled' });
  });

  it('ignores AuditEnabled False, as Exchange does while auditing is on by default', () => {
    expect(delegateRecording('SendAs', mailbox('finance@contoso.com', { auditEnabled: false }), ON)).toEqual({ recorded: true });
  });

  it('falls back on the default delegate set when AuditDelegate is missing, and says unknown without either', () => {
    expect(delegateRecording('SendAs', mailbox('finance@contoso.com', { delegateActions: null }), null)).toEqual({ recorded: true });
    expect(delegateRecording('SendAs', mailbox('finance@contoso.com', { delegateActions: null, defaultAuditSet: ['Owner'] }), null)).toEqual({ recorded: null });
    expect(unrecordedDelegateSends(mailbox('finance@contoso.com', { delegateActions: null, defaultAuditSet: null }), null)).toEqual([]);
  });
});

/** A lookup answering fixed views, for the states only the Admin API produces. */
function viewsOf(views: readonly MailboxAuditView[]): AuditSettingsLookup {
  return {
    configured: true,
    view: (m) => Promise.resolve(views.find((v) => v.mailbox === m) ?? { status: 'not-checked', mailbox: m }),
    known: () => Promise.resolve(views),
  };
}

describe('auditSettingsWarnings', () => {
  const settings = new StaticAuditSettings(
    [mailbox('finance@contoso.com'), mailbox('payroll@contoso.com', { delegateActions: DEFAULTS.filter((a) => a !== 'SendAs'), defaultAuditSet: ['Admin', 'Owner'] })],
    ON,
    '2026-11-20T09:00:00.000Z',
  );

  it('warns in red that delegate Send As is not recorded on a mailbox whose AuditDelegate lacks it, in English and Japanese', async () => {
    const [en] = await auditSettingsWarnings(settings, ['Payroll@contoso.com'], ['SendAs']);
    expect(en).toEqual({ kind: 'audit-settings', message: { code: 'audit-not-in-delegate-actions', mailbox: 'payroll@contoso.com', operations: ['SendAs'] } });
    expect(said(en, 'en')).toContain("payroll@contoso.com's mailbox audit settings do not record Send As by delegates");
    const [ja] = await auditSettingsWarnings(settings, ['payroll@contoso.com'], ['SendAs', 'SendOnBehalf']);
    expect(said(ja, 'ja')).toContain('payroll@contoso.com のメールボックス監査設定では、代理人による「送信者として送信」が記録されません');
  });

  it('says nothing about a question on the operation the mailbox does record, nor about a mailbox on the defaults', async () => {
    expect(await auditSettingsWarnings(settings, ['payroll@contoso.com'], ['SendOnBehalf'])).toEqual([]);
    expect(await auditSettingsWarnings(settings, ['finance@contoso.com'], ['SendAs', 'SendOnBehalf'])).toEqual([]);
  });

  it('notes the mailboxes nobody checked in one line, and says nothing without a lookup or an address', async () => {
    const notes = await auditSettingsWarnings(UNCHECKED_AUDIT_SETTINGS, ['hr@contoso.com', 'legal@contoso.com', 'S-1-5-18'], ['SendAs']);
    expect(notes.map((n) => n.kind)).toEqual(['audit-settings-unknown']);
    expect(said(notes[0], 'en')).toEqual(expect.stringMatching(/^The audit settings of hr@contoso\.com, legal@contoso\.com were not checked \(the Exchange Online Admin API is not configured\)/));
    expect(await auditSettingsWarnings(undefined, ['hr@contoso.com'], ['SendAs'])).toEqual([]);
    expect(await auditSettingsWarnings(UNCHECKED_AUDIT_SETTINGS, ['S-1-5-18'], ['SendAs'])).toEqual([]);
  });

  it('puts the organisation being off first, once, and notes unreadable settings and multi-geo', async () => {
    const off: OrganizationAuditSettings = { auditDisabled: true, multiGeo: true };
    const lookup = viewsOf([
      { status: 'checked', mailbox: 'a@contoso.com', settings: mailbox('a@contoso.com'), organization: off, checkedAt: '2026-11-20T09:00:00.000Z' },
      { status: 'checked', mailbox: 'b@contoso.com', settings: mailbox('b@contoso.com'), organization: off, checkedAt: '2026-11-20T09:00:00.000Z' },
      { status: 'unreadable', mailbox: 'c@contoso.com', problem: 'the Exchange Online Admin API refused (403)' },
    ]);
    const warnings = await auditSettingsWarnings(lookup, ['a@contoso.com', 'b@contoso.com', 'c@contoso.com'], ['SendAs']);
    expect(warnings.map((w) => w.kind)).toEqual(['audit-settings', 'audit-settings-unknown', 'audit-settings-unknown']);
    expect(said(warnings[0], 'en')).toContain('AuditDisabled is True');
    expect(said(warnings[1], 'en')).toContain('c@contoso.com could not be read');
    expect(said(warnings[2], 'en')).toContain('multi-geo');
  });
});

describe('auditSettingsHealth', () => {
  it('lists the mailboxes whose delegate sends are not recorded', async () => {
    const lookup = new StaticAuditSettings([mailbox('finance@contoso.com'), mailbox('payroll@contoso.com', { delegateActions: ['Update'] })], ON, '2026-11-20T09:00:00.000Z');
    const lines = await auditSettingsHealth(lookup);
    expect(lines).toEqual([{ code: 'audit-unrecorded', mailbox: 'payroll@contoso.com', operations: ['SendAs', 'SendOnBehalf'] }]);
    expect(wordHealthLines(lines, 'en', 'UTC')).toEqual(['payroll@contoso.com: delegate Send As and Send on Behalf not recorded (missing from AuditDelegate).']);
    expect(wordHealthLines(lines, 'ja', 'UTC')).toEqual(['payroll@contoso.com: 代理人による「送信者として送信」と「代理人として送信」が記録されない（AuditDelegate に含まれていない）']);
  });

  it('says when nothing was checked, or all checked mailboxes record delegate sends', async () => {
    const worded = async (lookup: AuditSettingsLookup): Promise<string[]> => wordHealthLines(await auditSettingsHealth(lookup), 'en', 'UTC');
    expect(await worded(UNCHECKED_AUDIT_SETTINGS)).toEqual(['Mailbox audit settings: not checked (the Exchange Online Admin API is not configured).']);
    expect(await worded(viewsOf([]))).toEqual([expect.stringContaining('none checked yet')]);
    expect(await worded(new StaticAuditSettings([mailbox('finance@contoso.com')], ON, '2026-11-20T09:00:00.000Z'))).toEqual([
      'Mailbox audit settings: 1 mailbox checked, all record delegate sends.',
    ]);
  });
});
