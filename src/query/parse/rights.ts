import type { Right } from '../../rights/identity';
import type { RightsQuestion } from '../../rights/answer';

/** The dormant-rights question's default: rights held longer than this many days and unused in them. */
export const DEFAULT_DORMANT_DAYS = 30;

/** Names of mailboxes and people as typed: an address, alias or one-word name (no spaces). */
const NAME = String.raw`([^\s?？「」"“”]+)`;
const EN_RIGHT = String.raw`(send[\s-]?as|send[\s-]on[\s-]behalf(?:\s+of)?|full[\s-]?access)`;
const JA_RIGHT = String.raw`(送信者|代理送信|フル\s*アクセス|send[\s-]?as|send[\s-]on[\s-]behalf|full[\s-]?access)`;

function rightOf(words: string | undefined): Right | null {
  if (words === undefined) return null;
  const w = words.toLowerCase().replace(/[\s-]/g, '');
  if (w.startsWith('sendas') || w === '送信者') return 'SendAs';
  if (w.startsWith('sendonbehalf') || w === '代理送信') return 'SendOnBehalf';
  if (w.startsWith('fullaccess') || w === 'フルアクセス') return 'FullAccess';
  return null;
}

function daysOf(text: string | undefined): number {
  const n = text === undefined ? NaN : Number(text);
  return Number.isInteger(n) && n > 0 && n <= 3650 ? n : DEFAULT_DORMANT_DAYS;
}

/**
 * The rights questions the help card offers, one per kind that needs no name the asker must supply
 * (grant history names a person), each answered on the demo tenant.
 */
export const RIGHTS_EXAMPLE_QUESTIONS: Readonly<Record<'en' | 'ja', readonly string[]>> = {
  en: ['who can send as finance', 'dormant rights', 'sends without a known right', 'access review'],
  ja: ['finance の送信者権限を持っているのは誰', '使われていない権限', '権限のない送信', 'アクセスレビュー'],
};

type Reader = (text: string) => RightsQuestion | null;

const READERS: readonly Reader[] = [
  // access review / show the access review / monthly access review / アクセスレビュー / 権限の棚卸し
  (t) =>
    /^(?:(?:show|open|run|start)\s+(?:me\s+)?(?:the\s+)?)?(?:(?:monthly|this\s+month'?s)\s+)?(?:access|rights?|permissions?)\s+review$/i.test(t) ||
    /^(?:今月の|月次の?)?\s*(?:アクセス\s*レビュー|権限\s*の?\s*(?:レビュー|棚卸し?|見直し))\s*(?:を)?\s*(?:(?:見せて|表示して|開いて)(?:ください)?|お願いします)?$/u.test(t)
      ? { kind: 'access-review', days: DEFAULT_DORMANT_DAYS }
      : null,
  // who can send as finance / who has send as on finance / who has rights on finance
  (t) => {
    const m =
      new RegExp(String.raw`^who\s+(?:can|may|is\s+allowed\s+to)\s+send\s+(?:as|on\s+behalf\s+of)\s+${NAME}$`, 'i').exec(t) ??
      new RegExp(String.raw`^who\s+has\s+(?:${EN_RIGHT}\s+)?(?:rights?|permissions?|access)?\s*(?:on|to|for)\s+${NAME}$`, 'i').exec(t);
    return m === null ? null : { kind: 'who-can-send-as', mailbox: m[m.length - 1] };
  },
  // when did alice get send as on finance / who gave bob send as (on finance)
  (t) => {
    const m =
      new RegExp(String.raw`^when\s+did\s+${NAME}\s+(?:get|receive|obtain)\s+${EN_RIGHT}(?:\s+(?:rights?|permissions?))?(?:\s+(?:on|to|for)\s+${NAME})?$`, 'i').exec(t) ??
      new RegExp(String.raw`^who\s+(?:gave|granted)\s+${NAME}\s+${EN_RIGHT}(?:\s+(?:rights?|permissions?))?(?:\s+(?:on|to|for)\s+${NAME})?$`, 'i').exec(t);
    return m === null ? null : { kind: 'grant-history', trustee: m[1], right: rightOf(m[2]), mailbox: m[3] ?? null };
  },
  // unused send-as rights / dormant rights (on finance) (over 60 days)
  (t) => {
    const m = new RegExp(String.raw`^(?:unused|dormant)\s+(?:${EN_RIGHT}\s+)?(?:rights?|permissions?)(?:\s+(?:on|for)\s+${NAME})?(?:\s+(?:over|for|in)\s+(?:the\s+last\s+)?(\d+)\s+days?)?$`, 'i').exec(t);
    return m === null ? null : { kind: 'dormant', mailbox: m[2] ?? null, days: daysOf(m[3]) };
  },
  // sends without a known right (in the last 30 days)
  (t) => {
    const m = /^(?:show\s+)?sends?\s+without\s+(?:a\s+)?(?:known\s+)?(?:rights?|permissions?)(?:\s+(?:in\s+)?(?:the\s+)?last\s+(\d+)\s+days?)?$/i.exec(t);
    return m === null ? null : { kind: 'without-right', days: daysOf(m[1]) };
  },
  // finance の送信者権限を持っているのは誰 / finance として送信できるのは誰
  (t) => {
    const m =
      new RegExp(String.raw`^${NAME}\s*(?:の|に対する)\s*(?:${JA_RIGHT}\s*)?権限(?:を持って(?:いる|る)|がある)(?:の|人)は(?:誰|だれ)(?:ですか)?$`, 'iu').exec(t) ??
      new RegExp(String.raw`^${NAME}\s*として送信できる(?:の|人)は(?:誰|だれ)(?:ですか)?$`, 'iu').exec(t);
    return m === null ? null : { kind: 'who-can-send-as', mailbox: m[1] };
  },
  // alice はいつ finance の送信者権限を得た / bob に送信者権限を付与したのは誰
  (t) => {
    const when = new RegExp(String.raw`^${NAME}\s*(?:は|が)\s*いつ\s*(?:${NAME}\s*の\s*)?${JA_RIGHT}\s*権限を(?:得た|もらった|付与された)(?:の)?(?:ですか)?$`, 'iu').exec(t);
    if (when !== null) return { kind: 'grant-history', trustee: when[1], mailbox: when[2] ?? null, right: rightOf(when[3]) };
    const who = new RegExp(String.raw`^${NAME}\s*に\s*(?:${NAME}\s*の\s*)?${JA_RIGHT}\s*権限を(?:付与|与え)した?(?:の|人)は(?:誰|だれ)(?:ですか)?$`, 'iu').exec(t);
    return who === null ? null : { kind: 'grant-history', trustee: who[1], mailbox: who[2] ?? null, right: rightOf(who[3]) };
  },
  // 使われていない権限 / 休眠権限 / finance の使われていない送信者権限
  (t) => {
    const m = new RegExp(String.raw`^(?:${NAME}\s*の\s*)?(?:過去\s*(\d+)\s*日間?\s*)?(?:使われていない|未使用の|休眠(?:中の)?)\s*(?:${JA_RIGHT}\s*)?権限$`, 'iu').exec(t);
    return m === null ? null : { kind: 'dormant', mailbox: m[1] ?? null, days: daysOf(m[2]) };
  },
  // 権限のない送信 / 把握している権限のない送信
  (t) => {
    const m = /^(?:過去\s*(\d+)\s*日間?\s*の\s*)?(?:既知の|把握している)?\s*権限(?:が)?(?:ない|のない)送信$/u.exec(t);
    return m === null ? null : { kind: 'without-right', days: daysOf(m[1]) };
  },
];

/**
 * Reads the rights questions (issue 19) in English and Japanese; null for any other question, which then
 * goes to parseQuestion. Kept apart from the send-question grammar so both grow without touching each other.
 */
export function parseRightsQuestion(text: string): RightsQuestion | null {
  const t = text
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[?？。.!！]+$/u, '')
    .trim();
  if (t.length === 0 || t.length > 300) return null;
  for (const read of READERS) {
    const question = read(t);
    if (question !== null) return question;
  }
  return null;
}
