import type { ReasonCode } from '../reasons';

type Params = Readonly<Record<string, string>>;

export const ja: Readonly<Record<ReasonCode, (p: Params) => string>> = {
  'connector-client': (p) =>
    `ClientInfoString「${p.client}」は、${p.mailbox} に書き込む Office 365 コネクタ サービスです。`,
  'connector-actor': (p) => `UserId ${p.actor} はコネクタを設定した人で、送信した人ではありません。`,
  'system-user-type': (p) => `UserType ${p.value}（${p.name}）はシステムまたはアプリケーションの ID です。`,
  'system-sid-actor': (p) => `UserId ${p.actor} は Windows のシステム SID で、人ではありません。`,
  'service-principal-actor': (p) => `UserId ${p.actor} はサービス プリンシパルで、人ではありません。`,
  'guid-actor': (p) => `UserId ${p.actor} はアドレスのないオブジェクト ID で、アプリまたはサービスです。`,
  'background-client': (p) => `ClientInfoString「${p.client}」は Microsoft のバックグラウンド処理です。`,
  'actor-is-sent-as': (p) =>
    `UserId が ${p.field}（${p.actor}）と同じです。所有者が自分のメールボックスから送信しました。`,
  'mobile-client': (p) =>
    `ClientInfoString「${p.client}」は Outlook Mobile です。所有者自身の外部宛て送信を SendAs として記録します。`,
  'new-outlook-client': (p) =>
    `ClientInfoString「${p.client}」は新しい Outlook です。所有者自身の外部宛て送信を SendAs として記録します。`,
  'self-send-other-client': (p) =>
    `ClientInfoString「${p.client}」は誤記録が知られているクライアントではないため、確度は下がります。`,
  'mailbox-differs': (p) =>
    `MailboxOwnerUPN ${p.mailbox} が UserId ${p.actor} と異なり、証拠が矛盾しています。`,
  'actor-sent-as-other': (p) =>
    `UserId ${p.actor} が、本人のものではないメールボックス ${p.sentAs}（${p.field}）として送信しました。`,
  'logon-type': (p) => `LogonType ${p.value}（${p.name}）。`,
  'missing-sent-as': (p) => `${p.field} が空のため、誰として送信されたかは不明です。`,
  'missing-actor': () => 'UserId が空のため、誰が送信したかは不明です。',
  'actor-not-address': (p) => `UserId「${p.actor}」はアドレスでも既知のシステム ID でもありません。`,
};
