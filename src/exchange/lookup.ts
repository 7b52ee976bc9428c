import type { ExchangeAdminClient } from './client';
import type { AuditSettingsLookup, MailboxAuditSettings, MailboxAuditView, OrganizationAuditSettings } from './settings';

/** Audit settings change rarely: read each mailbox at most this often. */
const FRESH_MS = 6 * 3600_000;
/** A failed read is tried again sooner. */
const RETRY_FAILED_MS = 5 * 60_000;
/** Mailboxes remembered at most: the watched and asked-about ones of a tenant fit easily. */
const MAX_MAILBOXES = 5_000;

interface Cached {
  readonly view: MailboxAuditView;
  readonly until: number;
}

/**
 * Audit settings read through the Exchange Online Admin API and kept in memory: each mailbox at most
 * every six hours (five minutes after a failure), the organisation's with it, concurrent asks for one
 * mailbox sharing one call. Never throws: a problem becomes an `unreadable` view.
 */
export class AdminApiAuditSettings implements AuditSettingsLookup {
  readonly configured = true;
  private readonly cache = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<MailboxAuditView>>();
  private organization: { value: OrganizationAuditSettings | null; until: number } | null = null;

  constructor(
    private readonly client: Pick<ExchangeAdminClient, 'mailbox' | 'organization'>,
    private readonly now: () => Date,
  ) {}

  async view(mailbox: string): Promise<MailboxAuditView> {
    const address = mailbox.trim().toLowerCase();
    const cached = this.cache.get(address);
    if (cached !== undefined && cached.until > this.now().getTime()) return cached.view;
    const running = this.inFlight.get(address);
    if (running !== undefined) return running;
    const reading = this.read(address).finally(() => this.inFlight.delete(address));
    this.inFlight.set(address, reading);
    return reading;
  }

  /** What has been read, reads under way included (the watched mailboxes are read at start). */
  async known(): Promise<readonly MailboxAuditView[]> {
    await Promise.all(this.inFlight.values());
    return [...this.cache.values()].map((c) => c.view).sort((a, b) => a.mailbox.localeCompare(b.mailbox));
  }

  private async read(address: string): Promise<MailboxAuditView> {
    const [mailbox, organization] = await Promise.all([this.client.mailbox(address), this.organizationSettings()]);
    const at = this.now();
    let view: MailboxAuditView;
    if (mailbox.ok) view = { status: 'checked', mailbox: address, settings: mailbox.value, organization, checkedAt: at.toISOString() };
    else if (mailbox.code === 'not-found') view = { status: 'no-mailbox', mailbox: address };
    else view = { status: 'unreadable', mailbox: address, problem: mailbox.message };
    if (this.cache.size >= MAX_MAILBOXES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(address, { view, until: at.getTime() + (view.status === 'unreadable' ? RETRY_FAILED_MS : FRESH_MS) });
    return view;
  }

  /** The organisation's settings, read with the first mailbox and then every six hours; null when unreadable. */
  private async organizationSettings(): Promise<OrganizationAuditSettings | null> {
    const nowMs = this.now().getTime();
    if (this.organization !== null && this.organization.until > nowMs) return this.organization.value;
    const result = await this.client.organization();
    this.organization = { value: result.ok ? result.value : null, until: nowMs + (result.ok ? FRESH_MS : RETRY_FAILED_MS) };
    return this.organization.value;
  }
}

/** Fixed settings (the demo tenant's): a mailbox not listed is one nobody checked. */
export class StaticAuditSettings implements AuditSettingsLookup {
  readonly configured = true;
  private readonly byMailbox: ReadonlyMap<string, MailboxAuditSettings>;

  constructor(
    mailboxes: readonly MailboxAuditSettings[],
    private readonly organization: OrganizationAuditSettings,
    private readonly checkedAt: string,
  ) {
    this.byMailbox = new Map(mailboxes.map((m) => [m.mailbox, m]));
  }

  view(mailbox: string): Promise<MailboxAuditView> {
    const address = mailbox.trim().toLowerCase();
    const settings = this.byMailbox.get(address);
    return Promise.resolve(
      settings === undefined
        ? { status: 'not-checked', mailbox: address }
        : { status: 'checked', mailbox: address, settings, organization: this.organization, checkedAt: this.checkedAt },
    );
  }

  async known(): Promise<readonly MailboxAuditView[]> {
    return Promise.all([...this.byMailbox.keys()].sort().map((m) => this.view(m)));
  }
}

/** Where no Admin API is configured: nothing is checked, and answers say so. */
export const UNCHECKED_AUDIT_SETTINGS: AuditSettingsLookup = {
  configured: false,
  view: (mailbox) => Promise.resolve({ status: 'not-checked', mailbox: mailbox.trim().toLowerCase() }),
  known: () => Promise.resolve([]),
};
