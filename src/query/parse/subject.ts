import type { SubjectRef } from '../query';
import { containsToken, tokenOf } from './normalize';
import type { Token } from './normalize';

/** Display names longer than this are sentences that happened to match, not names. */
const MAX_NAME_LENGTH = 64;
const MAX_NAME_WORDS = 5;

/** Letters and digits of any script, with the punctuation display names and aliases use. */
const NAME_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}._'&-]*(?: [\p{L}\p{N}\p{M}._'&-]+)*$/u;

/**
 * Words that make a captured fragment part of the question rather than a name ("who has been sending
 * as" must not read "has" as a person). Lower-case English; Japanese words are matched as substrings.
 */
const QUESTION_WORDS = new Set([
  'a', 'an', 'and', 'any', 'anybody', 'anyone', 'are', 'as', 'been', 'behalf', 'between', 'can', 'could',
  'did', 'do', 'does', 'email', 'emails', 'everybody', 'everyone', 'from', 'had', 'has', 'have', 'he',
  'her', 'him', 'i', 'is', 'it', 'mail', 'me', 'message', 'messages', 'myself', 'please', 'send', 'sending',
  'sends', 'sent', 'she', 'since', 'somebody', 'someone', 'that', 'the', 'them', 'they', 'this', 'to',
  'us', 'was', 'we', 'were', 'what', 'which', 'who', 'whom', 'whose', 'you',
  // Time words: a range phrase the range parsers could not read must not pass as part of a name.
  'ago', 'day', 'days', 'ever', 'hour', 'hours', 'last', 'lately', 'month', 'months', 'past', 'recent',
  'recently', 'today', 'tomorrow', 'until', 'week', 'weeks', 'year', 'years', 'yesterday',
]);
const JAPANESE_QUESTION_WORDS = /誰|だれ|どなた|として|代理|送信|送っ|送り|教え|ください|どの|何|今日|昨日|今週|先週|今月|先月|過去|直近|最近|以降|から|まで|日間|時間/u;
/** A Japanese particle standing alone between words is grammar, not part of a name. */
const STANDALONE_PARTICLE = /(?:^| )(?:は|が|を|に|の|で|と|も|へ)(?: |$)/u;

/** Brackets and quotes people put around a name or address: "finance", 「finance」, <finance>. */
const WRAPPERS: readonly (readonly [string, string])[] = [
  ['"', '"'], ["'", "'"], ['「', '」'], ['『', '』'], ['(', ')'], ['[', ']'], ['<', '>'], ['`', '`'], ['*', '*'],
];

function unwrap(text: string): string {
  let current = text.trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [open, close] of WRAPPERS) {
      if (current.length >= 2 && current.startsWith(open) && current.endsWith(close)) {
        current = current.slice(open.length, current.length - close.length).trim();
        changed = true;
      }
    }
  }
  return current;
}

/** "the finance mailbox" → "finance"; honorifics and "のメールボックス" in Japanese. */
function dropDecoration(text: string): string {
  const article = /^the\s+(.+?)(?:\s+(?:shared\s+)?(?:mailbox|account|address|alias))?$/iu.exec(text);
  // "the shared mailbox info@contoso.com": the name comes after the noun.
  const named = /^(?:the\s+)?(?:shared\s+)?(?:mailbox|account|address|alias)\s+(.+)$/iu.exec(text);
  const english = named?.[1] ?? article?.[1] ?? text;
  return english
    .replace(/\s*(?:の)?(?:共有)?(?:メールボックス|アドレス|アカウント)$/u, '')
    .replace(/\s*(?:さん|様|さま|氏)$/u, '')
    .trim();
}

/**
 * Reads what a question names: one address token becomes `address` (already lower-cased), a plausible
 * display name or alias becomes `name` as typed. Returns null for anything else, so a pattern that
 * captured part of the question itself does not count as a match.
 */
export function readSubject(fragment: string, tokens: readonly Token[]): SubjectRef | null {
  const text = dropDecoration(unwrap(fragment));
  const token = tokenOf(text, tokens);
  if (token !== null) return token.kind === 'address' ? { text: token.value, kind: 'address' } : null;
  if (containsToken(text)) return null;
  const name = text.replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return null;
  if (!NAME_SHAPE.test(name)) return null;
  const words = name.split(' ');
  if (words.length > MAX_NAME_WORDS) return null;
  if (words.some((word) => QUESTION_WORDS.has(word.toLowerCase()))) return null;
  if (JAPANESE_QUESTION_WORDS.test(name) || STANDALONE_PARTICLE.test(name)) return null;
  if (/^\p{N}+$/u.test(name)) return null;
  return { text: name, kind: 'name' };
}
