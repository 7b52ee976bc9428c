import { parseRightsQuestion } from '../../src/query/parse';

describe('reading the rights questions', () => {
  it.each([
    ['who can send as finance', { kind: 'who-can-send-as', mailbox: 'finance' }],
    ['Who can send on behalf of ceo@contoso.com?', { kind: 'who-can-send-as', mailbox: 'ceo@contoso.com' }],
    ['who has send as rights on finance', { kind: 'who-can-send-as', mailbox: 'finance' }],
    ['finance の送信者権限を持っているのは誰', { kind: 'who-can-send-as', mailbox: 'finance' }],
    ['ｆｉｎａｎｃｅ として送信できるのは誰？', { kind: 'who-can-send-as', mailbox: 'finance' }],
    ['when did alice get send as on finance', { kind: 'grant-history', trustee: 'alice', mailbox: 'finance', right: 'SendAs' }],
    ['who gave bob send as', { kind: 'grant-history', trustee: 'bob', mailbox: null, right: 'SendAs' }],
    ['who granted bob full access on hr', { kind: 'grant-history', trustee: 'bob', mailbox: 'hr', right: 'FullAccess' }],
    ['alice はいつ finance の送信者権限を得た', { kind: 'grant-history', trustee: 'alice', mailbox: 'finance', right: 'SendAs' }],
    ['bob に代理送信権限を付与したのは誰', { kind: 'grant-history', trustee: 'bob', mailbox: null, right: 'SendOnBehalf' }],
    ['unused send-as rights', { kind: 'dormant', mailbox: null, days: 30 }],
    ['dormant rights on finance over 60 days', { kind: 'dormant', mailbox: 'finance', days: 60 }],
    ['使われていない権限', { kind: 'dormant', mailbox: null, days: 30 }],
    ['finance の休眠権限', { kind: 'dormant', mailbox: 'finance', days: 30 }],
    ['sends without a known right', { kind: 'without-right', days: 30 }],
    ['sends without a known right in the last 7 days', { kind: 'without-right', days: 7 }],
    ['権限のない送信', { kind: 'without-right', days: 30 }],
    ['access review', { kind: 'access-review', days: 30 }],
    ['Show me the access review?', { kind: 'access-review', days: 30 }],
    ["this month's access review", { kind: 'access-review', days: 30 }],
    ['rights review', { kind: 'access-review', days: 30 }],
    ['アクセスレビュー', { kind: 'access-review', days: 30 }],
    ['アクセス レビューを見せて', { kind: 'access-review', days: 30 }],
    ['今月のアクセスレビュー', { kind: 'access-review', days: 30 }],
    ['権限の棚卸し', { kind: 'access-review', days: 30 }],
    ['権限の見直しをお願いします', { kind: 'access-review', days: 30 }],
  ])('%s', (text, expected) => {
    expect(parseRightsQuestion(text)).toEqual(expected);
  });

  it.each(['who sent as finance this week', 'finance として送信したのは誰', 'anomalies', 'help', '', 'who can send as', 'access', 'review finance', 'アクセス'])('leaves "%s" to the send questions', (text) => {
    expect(parseRightsQuestion(text)).toBeNull();
  });
});
