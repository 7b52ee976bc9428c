import type { TurnContext } from 'botbuilder';
import { TeamsInfo } from 'botbuilder';
import type { Logger } from '../runtime/logger';

export type AuthDecision =
  | { readonly allowed: true; readonly user: string }
  | { readonly allowed: false; readonly reason: 'wrong-tenant' | 'not-an-admin' | 'unknown-user' };

export interface AuthSettings {
  /** Anonymous local mode (no BOT_ID): the local user is the admin. */
  readonly anonymous: boolean;
  readonly tenantId: string;
  /** Entra object ids and/or UPNs, lower-case. */
  readonly admins: readonly string[];
}

/** How long a resolved UPN is trusted before the Teams member API is asked again. */
const UPN_CACHE_MS = 10 * 60_000;

/**
 * Decides whether the sender may query audit data: only listed admins, only from the bot's tenant.
 * UPNs in the list are matched through the Teams member API, since activities carry only object ids.
 */
export class Authorizer {
  private readonly upnCache = new Map<string, { upn: string | null; until: number }>();

  constructor(
    private readonly settings: AuthSettings,
    private readonly logger: Logger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async authorize(context: TurnContext): Promise<AuthDecision> {
    const activity = context.activity;
    const objectId = (activity.from?.aadObjectId ?? '').toLowerCase();
    if (this.settings.anonymous) return { allowed: true, user: objectId || activity.from?.id || 'local user' };
    const conversationTenant = (activity.conversation?.tenantId ?? '').toLowerCase();
    const channelTenant = ((activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? '').toLowerCase();
    // Teams sends both; two that disagree mean the activity was not put together by Teams.
    if (conversationTenant !== '' && channelTenant !== '' && conversationTenant !== channelTenant) return this.refuse('wrong-tenant', objectId, conversationTenant);
    const tenant = conversationTenant || channelTenant;
    if (this.settings.tenantId !== '' && tenant !== this.settings.tenantId.toLowerCase()) return this.refuse('wrong-tenant', objectId, tenant);
    if (objectId !== '' && this.settings.admins.includes(objectId)) return { allowed: true, user: objectId };
    if (!this.settings.admins.some((a) => a.includes('@'))) return this.refuse('not-an-admin', objectId, tenant);
    const upn = await this.upnOf(context, objectId);
    if (upn === null) return this.refuse('unknown-user', objectId, tenant);
    if (this.settings.admins.includes(upn)) return { allowed: true, user: upn };
    return this.refuse('not-an-admin', objectId, tenant);
  }

  private refuse(reason: 'wrong-tenant' | 'not-an-admin' | 'unknown-user', objectId: string, tenant: string): AuthDecision {
    this.logger.warn({ event: 'access-refused', reason, aadObjectId: objectId, tenant }, 'refused a request for audit data');
    return { allowed: false, reason };
  }

  private async upnOf(context: TurnContext, objectId: string): Promise<string | null> {
    const key = objectId || context.activity.from?.id || '';
    const cached = this.upnCache.get(key);
    if (cached !== undefined && cached.until > this.now()) return cached.upn;
    let upn: string | null = null;
    try {
      const member = await TeamsInfo.getMember(context, context.activity.from.id);
      upn = (member.userPrincipalName ?? member.email ?? '').toLowerCase() || null;
    } catch (error) {
      this.logger.warn({ event: 'member-lookup-failed', err: (error as Error).message }, 'could not resolve the sender through the Teams member API');
      return null;
    }
    this.upnCache.set(key, { upn, until: this.now() + UPN_CACHE_MS });
    return upn;
  }
}
