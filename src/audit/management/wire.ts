import { z } from 'zod';

/**
 * The Office 365 Management Activity API on the wire, as its reference page documents it:
 * `https://manage.office.com/api/v1.0/{tenant}/activity/feed/subscriptions/{start|content}` and the
 * content URIs it lists (graph-audit-api.md, section 2).
 */

/** The token scope: the API's own resource, not Graph's. */
export const MANAGEMENT_SCOPE = 'https://manage.office.com/.default';
/** The application permission of "Office 365 Management APIs" the app registration needs. */
export const MANAGEMENT_PERMISSION = 'ActivityFeed.Read';
export const DEFAULT_MANAGEMENT_BASE_URL = 'https://manage.office.com';
/** Every Exchange audit record of the tenant; there is no server-side filter. */
export const CONTENT_TYPE = 'Audit.Exchange';

/** Error codes the API answers with (reference page, "Errors"). */
export const AF = {
  /** HTTP 403: the tenant's or publisher's request quota is spent. Back off. */
  throttled: 'AF429',
  /** No subscription for the content type (never started, or stopped). */
  noSubscription: 'AF20022',
  /** The subscription was disabled (by an admin or by Microsoft). */
  subscriptionDisabled: 'AF20023',
  /** Start on a subscription already enabled: the state wanted. */
  alreadyEnabled: 'AF20024',
  /** Content older than the retention (7 days) cannot be retrieved. */
  contentExpired: 'AF20051',
} as const;

/** `{ "contentType": "Audit.Exchange", "status": "enabled", "webhook": null }` */
export const subscriptionSchema = z.looseObject({ contentType: z.string(), status: z.string() });
export type Subscription = z.infer<typeof subscriptionSchema>;

/** One entry of a content listing: a blob of records that became available at `contentCreated`. */
export const contentBlobSchema = z.looseObject({
  contentType: z.string(),
  contentId: z.string().min(1),
  contentUri: z.string().min(1),
  contentCreated: z.string(),
  contentExpiration: z.string(),
});
export type ContentBlob = z.infer<typeof contentBlobSchema>;

export const contentListSchema = z.array(contentBlobSchema);

/** The API takes `yyyy-MM-ddTHH:mm:ss` in UTC. */
export function managementDateTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/** A timestamp of the API (`contentCreated`, with or without a zone) in epoch milliseconds. */
export function parseManagementTime(value: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
}
