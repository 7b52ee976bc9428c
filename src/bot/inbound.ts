import { z } from 'zod';

/**
 * The shape an activity must have before the Bot Framework adapter and the bot see it. botbuilder
 * trusts the envelope: without `serviceUrl` it replies to the public Bot Framework host, with a
 * `file:` or `ftp:` one it tries anyway, and a missing `conversation`, `recipient` or a non-string
 * `text` or `locale` ends the turn with a TypeError. Checked here, such a request is a 400 and no
 * outbound call is made. Unknown fields and unknown activity types pass: the handler ignores them.
 */

/** Ids in Teams are a few hundred characters at most (channel thread ids are the longest). */
const MAX_ID_LENGTH = 1024;
const MAX_URL_LENGTH = 2048;
/** Teams sends a handful of entities (clientInfo, mentions); a few hundred is already hostile. */
const MAX_ENTITIES = 256;

/** Whether `value` is an absolute http: or https: URL: where the bot may send its replies. */
export function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

const id = z.string().min(1).max(MAX_ID_LENGTH);
const account = z.looseObject({ id });
const optionalText = z.string().nullish();
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** botbuilder reads `type` of every entity and `mentioned.id` of every mention. */
const entity = z.looseObject({ type: z.string() }).refine(
  (e) => e.type.toLowerCase() !== 'mention' || (isObject(e.mentioned) && typeof e.mentioned.id === 'string'),
  'a mention must name who is mentioned (mentioned.id)',
);

const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  serviceUrl: z.string().max(MAX_URL_LENGTH).refine(isHttpUrl, 'must be an http(s) URL'),
  from: account,
  recipient: account,
  conversation: z.looseObject({ id }),
  id: id.nullish(),
  replyToId: id.nullish(),
  name: optionalText,
  text: optionalText,
  locale: z.string().max(100).nullish(),
  localTimezone: z.string().max(100).nullish(),
  entities: z.array(entity).max(MAX_ENTITIES).nullish(),
  channelData: z.looseObject({}).nullish(),
});

/** botbuilder reads `value.action.type` of an Action.Execute invoke before the bot can check it. */
const cardInvokeValue = z.looseObject({ action: z.looseObject({ type: z.string() }) });

export type InboundCheck = { readonly ok: true } | { readonly ok: false; readonly problem: string };

/** Checks a parsed request body; the problem names the first field at fault, never echoes its value. */
export function checkInboundActivity(body: unknown): InboundCheck {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describe(parsed.error) };
  const activity = parsed.data;
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const value = cardInvokeValue.safeParse(activity.value);
    if (!value.success) return { ok: false, problem: describe(value.error, 'value') };
  }
  return { ok: true };
}

function describe(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== undefined).join('.');
  return `activity${path === '' ? '' : `.${path}`}: ${issue?.message ?? 'malformed'}`;
}
