import type { ReasonCode } from '../../classify/reasons';

type Params = Readonly<Record<string, string>>;

export const ja: Readonly<Record<ReasonCode, (p: Params) => string>> = {
  'connector-client': (p) =>
    `ClientInfoString「${p.client}」は、${p.mailbox} に書き込む Office 365 コネクタ サービスです。`,
  'connector-actor': (p) => `UserId ${p.actor} はコネクタを設定した人で、実際に送信した人ではありません。`,
  'system-user-type': (p) => `UserType ${p.value}（${p.name}）はシステムまたはアプリケーションの ID です。`,
  'system-sid-actor': (p) => `UserId ${p.actor} は Windows のシステム SID で、人ではありません。`,
  'service-principal-actor': (p) => `UserId ${p.actor} はサービス プリンシパルで、人ではありません。`,
  'guid-actor': (p) => `UserId ${p.actor} はアドレスを持たないオブジェクト ID なので、アプリかサービスです。`,
  'background-client': (p) => `ClientInfoString「${p.client}」は Microsoft のバックグラウンド処理です。`,
  'actor-is-sent-as': (p) =>
    `UserId が ${p.field}（${p.actor}）と同じです。サインインしたアカウントは、送信元のメールボックスそのものです。`,
  'owner-mailbox-person': (p) => `ディレクトリでは ${p.mailbox} は個人のメールボックスです。所有者本人が自分のメールを送信しました。`,
  'owner-mailbox-kind-unknown': (p) =>
    `${p.mailbox} が個人のメールボックスかどうかはわかりません（ディレクトリの情報がありません）。サインインしたアカウントがメールボックスそのものなので、所有者本人の送信とみなしています。`,
  'self-send-not-person': (p) =>
    `${p.mailbox} は${p.kind === 'shared' ? '共有メールボックス' : p.kind === 'resource' ? '会議室・備品のメールボックス' : ' Microsoft 365 グループ'}で、所有者はいません。誰かがこのメールボックス自体のアカウントでサインインしており、所有者本人の送信でも代理人の送信でもありません。`,
  'mobile-client': (p) =>
    `ClientInfoString「${p.client}」は Outlook Mobile です。Outlook Mobile は、所有者本人が組織外に送ったメールも SendAs として記録します。`,
  'new-outlook-client': (p) =>
    `ClientInfoString「${p.client}」は新しい Outlook です。新しい Outlook は、所有者本人が組織外に送ったメールも SendAs として記録します。`,
  'self-send-other-client': (p) =>
    `ClientInfoString「${p.client}」は誤って記録することが知られているクライアントではないため、判定の確度は下がります。`,
  'mailbox-differs': (p) =>
    `MailboxOwnerUPN ${p.mailbox} が UserId ${p.actor} と異なるため、記録の内容が矛盾しています。`,
  'actor-sent-as-other': (p) =>
    p.field === 'SendOnBehalfOfUserSmtp'
      ? `UserId ${p.actor} が、本人のものではないメールボックス ${p.sentAs}（${p.field}）の代理で送信しました。`
      : `UserId ${p.actor} が、本人のものではないメールボックス ${p.sentAs}（${p.field}）として送信しました。`,
  'logon-type': (p) => `LogonType ${p.value}（${p.name}）。`,
  'missing-sent-as': (p) => `${p.field} が空のため、どのメールボックスとして送信されたかは分かりません。`,
  'missing-actor': () => 'UserId が空のため、誰が送信したかは分かりません。',
  'actor-not-address': (p) => `UserId「${p.actor}」はアドレスでも既知のシステム ID でもありません。`,
  'client-claim': (p) =>
    `「${p.marker}」は送信者が自由に決められるユーザー エージェント「${p.agent}」の中にしかなく、Exchange が記録したプロトコルは「${p.protocol}」です。これは自己申告で証拠ではないため、ID に基づいて判定しました。`,
  'group-mailbox': (p) => `${p.mailbox} はコネクタの書き込み先となる Microsoft 365 グループのメールボックスです。`,
  'connector-history': (p) => `${p.mailbox} には過去に ${p.count} 件のコネクタ イベントがあり、既知のコネクタの書き込み先です。`,
  'mailbox-not-group': (p) =>
    `${p.mailbox} は${p.kind === 'shared' ? '共有メールボックス' : p.kind === 'resource' ? '会議室・備品のメールボックス' : '個人のメールボックス'}であることがわかっており、グループではありません。コネクタが書き込むのはグループなので、証拠が矛盾しています。`,
  'mailbox-kind-unknown': (p) => `${p.mailbox} がグループのメールボックスかどうかわからないため、確度は下がります。`,
  'background-person-actor': (p) =>
    `UserId ${p.actor} は個人のアドレスで、アプリやシステムの ID であることを示すものがないため、バックグラウンド クライアントというだけでは判断できません。`,
  'app-only-token': (p) => `AppAccessContext にはアプリ ${p.app} が記録され、ユーザーのサインイン セッションがありません。アプリ専用のトークンです。`,
  'external-recipients': (p) =>
    `宛先 ${p.total} 件のうち ${p.external} 件がテナント外です。これらのクライアントが誤記録するのは所有者の外部宛て送信です。`,
  'internal-recipients-only': (p) =>
    `宛先 ${p.total} 件はすべてテナント内です。知られている誤記録は外部宛て送信のものなので、確度は下がります。`,
};
