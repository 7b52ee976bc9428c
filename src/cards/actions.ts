import { z } from 'zod';
import { DETECTED_KINDS } from '../detect/anomaly';
import type { RangeKind } from '../query/query';
import { RIGHTS } from '../rights/identity';

/**
 * The payloads our card buttons carry. Every Action.Execute sends one as `data` (its `verb` repeated
 * inside, so an Action.Submit fallback routes the same way), and the bot validates whatever comes back
 * with `parseCardAction` before acting on it: a card can be old, forged or edited on the wire.
 */

/** SMTP allows 254 characters in an address; a little slack for UPNs with odd domains. */
export const MAX_ADDRESS_LENGTH = 320;
export const MAX_QUESTION_LENGTH = 500;
export const MAX_EVENT_ID_LENGTH = 128;
export const MAX_ANOMALY_KEY_LENGTH = 256;
export const MAX_PAGE = 10_000;
export const MAX_START = 10_000_000;

const RANGE_KINDS = [
  'default',
  'today',
  'yesterday',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'last-days',
  'last-hours',
  'since',
  'between',
  'on',
  'in-month',
] as const satisfies readonly RangeKind[];
// Fails to compile when query.ts gains a range kind this list lacks.
const everyRangeKindListed: Exclude<RangeKind, (typeof RANGE_KINDS)[number]> extends never ? true : never = true;
void everyRangeKindListed;

const address = z.string().trim().min(1).max(MAX_ADDRESS_LENGTH);
const instant = z.iso.datetime({ offset: true });
const timeZone = z.string().min(1).max(64);

const rangeSchema = z
  .object({
    from: instant,
    to: instant,
    kind: z.enum(RANGE_KINDS),
    amount: z.number().int().min(1).max(10_000).optional(),
    timeZone,
  })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'from must lie before to', path: ['to'] });

/** The language of the card the button sits on (stamped by renderTemplate): the answer keeps it. */
const stamped = { lang: z.enum(['en', 'ja']).optional() };

const askSchema = z.object({ verb: z.literal('ask'), ...stamped, question: z.string().trim().min(1).max(MAX_QUESTION_LENGTH) });

const drillSchema = z
  .object({ verb: z.literal('drill'), ...stamped, actor: address, sentAs: address, from: instant, to: instant })
  .refine((d) => Date.parse(d.from) < Date.parse(d.to), { message: 'from must lie before to', path: ['to'] });

/** The next page of an actor's events: the same drill, resuming after the `before` event (newest first). */
const eventsSchema = z
  .object({
    verb: z.literal('events'),
    ...stamped,
    actor: address,
    sentAs: address,
    from: instant,
    to: instant,
    before: z.object({ time: instant, id: z.string().trim().min(1).max(MAX_EVENT_ID_LENGTH) }).optional(),
  })
  .refine((d) => Date.parse(d.from) < Date.parse(d.to), { message: 'from must lie before to', path: ['to'] });

const pageSchema = z.object({
  verb: z.literal('page'),
  ...stamped,
  intent: z.enum(['who-sent-as', 'who-sent-on-behalf', 'what-did-send-as', 'anomalies']),
  /** The address asked about; null for the anomalies list. */
  subject: address.nullable(),
  range: rangeSchema,
  assumed: z.array(z.literal('range')).max(1),
  page: z.number().int().min(0).max(MAX_PAGE),
  /** Index of the page's first row, so a deep page renders without re-measuring the pages before it. */
  start: z.number().int().min(0).max(MAX_START).optional(),
});

const explainSchema = z.object({ verb: z.literal('explain'), ...stamped, eventId: z.string().trim().min(1).max(MAX_EVENT_ID_LENGTH) });

/**
 * `anomaly` is the anomaly's key. The field was called `key` until issue 17: the Agents Playground's
 * client breaks on a card data field of that name (React reserves it), so it was renamed; cards
 * already posted in chats still send `key`, which `parseCardAction` reads as `anomaly`.
 */
const evidenceSchema = z.object({ verb: z.literal('evidence'), ...stamped, anomaly: z.string().trim().min(1).max(MAX_ANOMALY_KEY_LENGTH) });

/**
 * The events of an answer or events card as a CSV file: the card's range and who it is about. At least
 * one of the identity sent as and the actor, so a button never asks for the whole tenant.
 */
const exportSchema = z
  .object({
    verb: z.literal('export'),
    ...stamped,
    from: instant,
    to: instant,
    sentAs: address.optional(),
    actor: address.optional(),
    operation: z.enum(['SendAs', 'SendOnBehalf']).optional(),
  })
  .refine((d) => Date.parse(d.from) < Date.parse(d.to), { message: 'from must lie before to', path: ['to'] })
  .refine((d) => d.sentAs !== undefined || d.actor !== undefined, { message: 'an export names the identity sent as or the actor', path: ['sentAs'] });

/** One detector kind for one mailbox: what a mute covers (a notice such as the access review is not muted this way). */
const muteTarget = { kind: z.enum(DETECTED_KINDS), mailbox: address };

const muteSchema = z.object({ verb: z.literal('mute'), ...stamped, ...muteTarget });

/** The undo button on the "Muted" card. */
const unmuteSchema = z.object({ verb: z.literal('unmute'), ...stamped, ...muteTarget });

/**
 * Keep or Remove on an access-review card (issue 19): the right decided on, by the keys the store uses.
 * The bot stores a decision only for a right it sees held today, so a forged or stale button records nothing.
 */
const reviewTarget = { mailbox: address, trustee: address, right: z.enum(RIGHTS) };

const reviewKeepSchema = z.object({ verb: z.literal('review-keep'), ...stamped, ...reviewTarget });

const reviewRemoveSchema = z.object({ verb: z.literal('review-remove'), ...stamped, ...reviewTarget });

export const cardActionSchema = z.discriminatedUnion('verb', [
  askSchema,
  drillSchema,
  eventsSchema,
  pageSchema,
  explainSchema,
  evidenceSchema,
  muteSchema,
  unmuteSchema,
  exportSchema,
  reviewKeepSchema,
  reviewRemoveSchema,
]);

export type AskAction = z.infer<typeof askSchema>;
export type DrillAction = z.infer<typeof drillSchema>;
export type EventsAction = z.infer<typeof eventsSchema>;
export type PageAction = z.infer<typeof pageSchema>;
export type ExplainAction = z.infer<typeof explainSchema>;
export type EvidenceAction = z.infer<typeof evidenceSchema>;
export type MuteAction = z.infer<typeof muteSchema>;
export type UnmuteAction = z.infer<typeof unmuteSchema>;
export type ExportAction = z.infer<typeof exportSchema>;
export type ReviewKeepAction = z.infer<typeof reviewKeepSchema>;
export type ReviewRemoveAction = z.infer<typeof reviewRemoveSchema>;
export type CardAction = z.infer<typeof cardActionSchema>;
export type CardVerb = CardAction['verb'];

export type CardActionResult =
  | { readonly ok: true; readonly action: CardAction }
  | { readonly ok: false; readonly error: string };

/** The shape Teams sends on `invoke` `adaptiveCard/action`: `{ action: { type, verb, data } }`. */
const invokeSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string().max(32),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
});

/**
 * Reads a card action from either an `adaptiveCard/action` invoke value or an Action.Submit message
 * value (the `data` object itself). Never throws: a malformed payload gives an error naming the field.
 */
export function parseCardAction(value: unknown): CardActionResult {
  const invoke = invokeSchema.safeParse(value);
  let data: unknown = value;
  if (invoke.success) {
    const { verb, data: payload } = invoke.data.action;
    if (payload !== undefined && 'verb' in payload && payload.verb !== verb) {
      return { ok: false, error: `Card action: the verb "${clipForMessage(verb)}" does not match the data's verb.` };
    }
    data = { ...payload, verb };
  }
  const parsed = cardActionSchema.safeParse(withCurrentNames(data));
  if (parsed.success) return { ok: true, action: parsed.data };
  return { ok: false, error: describeIssues(data, parsed.error) };
}

/** Payload field names that cards posted by older versions still carry, renamed to today's. */
function withCurrentNames(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const record = data as Record<string, unknown>;
  if (record.verb === 'evidence' && !('anomaly' in record) && 'key' in record) {
    const { key, ...rest } = record;
    return { ...rest, anomaly: key };
  }
  return data;
}

function describeIssues(data: unknown, error: z.ZodError): string {
  const verb =
    typeof data === 'object' && data !== null && 'verb' in data && typeof data.verb === 'string'
      ? ` "${clipForMessage(data.verb)}"`
      : '';
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${path}${issue.message}`;
  });
  return `Card action${verb} is malformed: ${issues.join('; ')}.`;
}

/** Payload text echoed into an error message stays short: it came from outside. */
function clipForMessage(text: string): string {
  return text.length > 32 ? `${text.slice(0, 31)}…` : text;
}
