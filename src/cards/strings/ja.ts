import { authored as md } from '../markdown';
import type { Markdown } from '../markdown';
import { countryNames } from '../place';
import type { CardStrings } from './types';

const count = (n: number): string => new Intl.NumberFormat('ja-JP').format(n);
const who = (actor: Markdown | null): string => actor ?? '誰か';
const mailboxOr = (mailbox: Markdown | null, fallback: string): string => mailbox ?? fallback;
const CATEGORY_WORDS: Readonly<Record<string, string>> = { delegate: '代理送信', 'owner-misreport': '所有者自身の送信', connector: 'コネクタ', application: 'アプリケーション', unknown: '不明' };
/** A detector's comma-separated category ids, worded; an unknown id is shown as it is. */
const categoryWords = (ids: Markdown): string => String(ids).split(', ').map((id) => CATEGORY_WORDS[id] ?? id).join('、');

export const ja: CardStrings = {
  notRecorded: '—',
  yes: 'はい',
  no: 'いいえ',
  timesIn: (zone) => md(`時刻は ${zone} で表示`),

  evidence: {
    recipients: (n, internal, external) => md(`宛先 ${count(n)} 件（テナント内 ${count(internal)} 件、外部 ${count(external)} 件）`),
    recipientsListed: (summary, addresses) => md(`${summary}：${addresses}`),
    recipientsNotRecorded: (id) =>
      md(id === null ? 'この監査レコードには宛先が記録されていません。' : `この監査レコードには宛先が記録されていません。メッセージ追跡で InternetMessageId ${id} を使って確認してください。`),
    appNamed: (name, id) => md(`${name}（${id}）`),
    appNameFromRecord: (name, id) => md(`${name}（Exchange の記録上の名前。ディレクトリでは確認できていません。${id}）`),
    appNameUnknown: (id) => md(`${id}：名前は不明です（ディレクトリに問い合わせできないか、該当するアプリがありません）`),
    mailboxKinds: { group: 'Microsoft 365 グループ', person: '個人のメールボックス', shared: '共有メールボックス', unknown: '不明' },
    external: '外部',
    lastSeen: (when) => md(`この期間には何もありません。監査データに最後に現れたのは ${when} です。`),
  },

  categories: {
    delegate: '代理送信',
    'owner-misreport': '所有者自身の送信',
    connector: 'コネクタ',
    application: 'アプリケーション',
    unknown: '不明',
  },
  confidence: { high: '高', medium: '中', low: '低' },

  range: {
    words: ({ kind, amount }) => {
      switch (kind) {
        case 'default':
        case 'last-days':
          return `過去 ${count(amount)} 日間`;
        case 'last-hours':
          return `過去 ${count(amount)} 時間`;
        case 'today':
          return '今日';
        case 'yesterday':
          return '昨日';
        case 'this-week':
          return '今週';
        case 'last-week':
          return '先週';
        case 'this-month':
          return '今月';
        case 'last-month':
          return '先月';
        case 'since':
        case 'between':
        case 'on':
        case 'in-month':
          return '';
        default:
          return kind satisfies never;
      }
    },
    assumed: (words) => `${words}（期間の指定なし）`,
  },

  answer: {
    title: {
      'who-sent-as': (subject) => md(`${subject} として送信したユーザー`),
      'who-sent-on-behalf': (subject) => md(`${subject} の代理で送信したユーザー`),
      'what-did-send-as': (subject) => md(`${subject} が送信者として使った ID`),
    },
    summary: ({ intent, people, sends, noise, unknown }) => {
      const genuine =
        people === 0
          ? '本物の代理送信はありません。'
          : intent === 'what-did-send-as'
            ? `**${count(people)} 個の ID** として **${count(sends)} 回**送信しました。`
            : `**${count(people)} 人**が **${count(sends)} 回**送信しました。`;
      const rest = [
        unknown > 0 ? `${count(unknown)} 件は判定できません。` : '',
        noise > 0 ? `${count(noise)} 件はノイズです。` : '',
      ].filter((part) => part !== '');
      return md([genuine, ...rest].join(''));
    },
    empty: md('この期間に Send As / Send on Behalf のイベントはありません。'),
    delegatesHeading: (rows) => md(`本物の代理送信（${count(rows)}）`),
    unknownHeading: (rows) => md(`判定不能（${count(rows)}）`),
    unknownNote: md('証拠が矛盾しているか不足しているため、代理送信かノイズか判断できません。理由はイベントを開いて確認してください。'),
    noiseToggle: (rows) => `ノイズを表示／非表示（${count(rows)}）`,
    noiseIntro: md('Send As / Send on Behalf として記録されていますが、他人のメールボックスを人が使ったものではありません。'),
    noiseWhy: {
      'owner-misreport': md('所有者が自分のメールボックスから送信しました。Outlook Mobile と新しい Outlook はこれを Send As として記録します。'),
      connector: md('Office 365 コネクタがメールボックスに投稿しました。記録上の送信者はコネクタを設定した人です。'),
      application: md('アプリまたはサービスが送信しました。サインインしていた人はいません。'),
    },
    rowDetail: (n, span) => md(`${count(n)} 件 · ${span}`),
    rowClients: (clients) => md(`クライアント: ${clients}`),
    sentAsLabel: (sentAs) => md(`送信者: ${sentAs}`),
    chartTitle: '分類別のイベント数',
    events: 'イベント',
    nextPage: '次のページ',
    pageInfo: (first, last, total) => md(`${count(total)} 行中 ${count(first)}〜${count(last)} 行目`),
  },

  detail: {
    title: (eventId) => md(`監査イベント ${eventId}`),
    verdict: (category, confidence, ruleId) => md(`**${category}**（確度: ${confidence}、ルール ${ruleId}）`),
    reasonsHeading: md('判定の理由'),
    fields: {
      id: 'レコード ID',
      time: '日時',
      operation: '操作',
      actor: '実行者 (UserId)',
      mailbox: 'メールボックス所有者',
      sentAs: '送信者として使われた ID',
      client: 'クライアント文字列',
      clientFamily: 'クライアント',
      clientIp: 'クライアント IP',
      logonType: 'ログオンの種類',
      userType: 'ユーザーの種類',
      appId: 'アプリ ID',
      externalAccess: '外部アクセス',
      subject: '件名',
      internetMessageId: 'インターネット メッセージ ID',
      app: 'アプリ',
      mailboxKind: 'メールボックスの種類',
      recipients: '宛先',
      sessionId: 'セッション ID',
      tokenObjectId: 'トークンのオブジェクト ID',
      sources: '出典',
    },
  },

  events: {
    title: (actor, sentAs) => md(`イベント: ${actor} による ${sentAs} としての送信`),
    summary: (n) => md(`この期間に **${count(n)} 件**（新しい順）`),
    empty: md('この期間、この送信者によるこの ID としての送信はありません。'),
    pageInfo: (first, last, total) => md(`${count(total)} 件中 ${count(first)}〜${count(last)} 件目`),
    operation: { SendAs: 'Send As（送信者として送信）', SendOnBehalf: 'Send on Behalf（代理で送信）' },
    category: {
      delegate: '代理送信',
      'owner-misreport': '所有者自身の送信',
      connector: 'コネクタ',
      application: 'アプリケーション',
      unknown: '判定不能',
    },
    clientIp: (ip) => md(`IP ${ip}`),
    noClientIp: 'IP の記録なし',
    subject: (subject) => md(`件名: ${subject}`),
    noSubject: md('件名の記録なし'),
    explain: '説明',
    olderEvents: '古いイベント',
    newestEvents: '最新のイベント',
  },

  help: {
    welcomeTitle: md('SendAs Watch へようこそ'),
    welcomeIntro: md(
      'メールボックスとして（または代理で）実際に送信したのは誰かをお答えします。監査ログに混ざるノイズと本物の代理送信を分けて表示します。',
    ),
    helpTitle: md('質問できること'),
    helpIntro: md('日本語または英語でそのまま質問してください。メールボックスはアドレスでも名前でも指定でき、期間も付けられます。'),
    notUnderstood: md('質問を理解できませんでした。'),
    didYouMean: (suggestion) => md(`もしかして: ${suggestion}`),
    askSuggestion: 'この質問をする',
    examplesHeading: md('次の質問を試してください'),
    blindSpot: md('注意: Outlook Mobile からの代理送信は監査ログに記録されないため、どの回答にも表示されません。'),
    mentionInGroups: md(
      'グループチャットやチャネルでは、メッセージの先頭で **@SendAs Watch** とメンションしてください（例: 「@SendAs Watch 今週 finance として送信したのは誰」）。Teams はメンションされたメッセージしかボットに届けません。個人チャットではそのまま質問できます。',
    ),
  },

  refusal: {
    title: md('アクセス権が必要です'),
    text: md('SendAs Watch はメールボックスの監査データについて答えるため、許可されたユーザーだけが質問できます。'),
    grant: (contact) =>
      contact === null
        ? md('組織で SendAs Watch を運用している管理者に、許可リストへの追加を依頼してください。')
        : md(`${contact} に許可リストへの追加を依頼してください。`),
  },

  error: {
    title: md('問題が発生しました'),
    text: md('要求を完了できませんでした。しばらくしてからもう一度お試しください。繰り返し発生する場合は、この参照番号を SendAs Watch の運用担当者に伝えてください。'),
    reference: '参照番号',
  },

  progress: {
    title: md('Microsoft Graph に問い合わせ中'),
    fetching: '取得中',
    started: '開始',
    elapsed: '経過時間',
    note: md('監査ログの検索には数分かかります。結果が出たらこのカードが更新されます。'),
  },

  anomaly: {
    title: (n) => md(`確認が必要な異常が ${count(n)} 件あります`),
    listTitle: md('異常'),
    none: md('この期間に異常はありません。'),
    severity: { high: '高', medium: '中', low: '低', info: '情報' },
    kind: {
      'new-delegate': '新しい代理送信者',
      spike: '急増',
      'external-actor': '外部の送信者',
      'risky-client': '通常と異なるクライアント',
      'watched-mailbox': '監視対象のメールボックス',
      'audit-silence': '監査ログの途絶',
      'ingestion-failing': '取り込みの失敗',
      'noise-surge': 'ノイズの急増',
      'new-country': '新しい国からの送信',
      'new-noise-pair': '新しいコネクタ／アプリの書き込み',
      'new-app': '新しいアプリによる送信',
      'external-recipients': '外部宛ての大量送信',
    },
    words: {
      'new-delegate': ({ actor, mailbox, fact }) => {
        const days = fact('baselineDays');
        const sends = fact('sends');
        return md(
          `${who(actor)} が ${mailboxOr(mailbox, 'メールボックス')} として${days === null ? '初めて' : `${days} 日間で初めて`}送信しました` +
            `${sends === null ? '' : `（${sends} 回）`}。`,
        );
      },
      spike: ({ actor, mailbox, fact }) => {
        const n = fact('sends');
        const baseline = fact('baselinePeak');
        return md(
          `${who(actor)} が ${mailboxOr(mailbox, 'メールボックス')} として${n === null ? '通常よりはるかに多く' : ` 1 日に ${n} 回`}送信しました` +
            `${baseline === null ? '' : `（これまでの最多は 1 日 ${baseline} 回）`}。`,
        );
      },
      'external-actor': ({ actor, mailbox, fact }) => {
        const domain = fact('actorDomain');
        return md(
          `組織外のアカウント ${who(actor)}${domain === null ? '' : `（${domain}）`} が ${mailboxOr(mailbox, 'メールボックス')} として送信しました。`,
        );
      },
      'risky-client': ({ actor, mailbox, fact }) => {
        const client = fact('client');
        return md(
          `${who(actor)} が ${mailboxOr(mailbox, 'メールボックス')} として${client === null ? 'めったに使われないクライアント' : ` ${client} `}から送信しました。`,
        );
      },
      'watched-mailbox': ({ actor, mailbox, fact }) => {
        const categories = fact('categories');
        return md(
          `${who(actor)} が監視対象のメールボックス${mailbox === null ? '' : ` ${mailbox} `}として送信しました` +
            `${categories === null ? '' : `（分類：${categoryWords(categories)}）`}。`,
        );
      },
      'audit-silence': ({ fact }) => {
        const hours = fact('silentHours');
        const expected = fact('longestNormalGapHours');
        return md(
          `Send As のイベントが${hours === null ? '通常よりはるかに長く' : ` ${hours} 時間`}届いていません` +
            `${expected === null ? '' : `（これまでの間隔は最大 ${expected} 時間）`}。監査が無効か遅延している可能性があります。`,
        );
      },
      'ingestion-failing': ({ fact }) => {
        const since = fact('failingSince');
        const hours = fact('hoursFailing');
        return md(
          `監査イベントの取り込みが${since === null ? '' : ` ${since} から`}失敗し続けています` +
            `${hours === null ? '' : `（${hours} 時間）`}。回答が古い可能性があります。`,
        );
      },
      'noise-surge': ({ mailbox, fact }) => {
        const n = fact('events');
        const baseline = fact('baselineMeanPerDay');
        return md(
          `${mailbox === null ? '' : `${mailbox} で`}所有者の誤記録とコネクタのイベントが 1 日に` +
            `${n === null ? '通常よりはるかに多く' : ` ${n} 件`}ありました${baseline === null ? '' : `（通常は ${baseline} 件）`}。ノイズであり、警告ではありません。`,
        );
      },
      'new-country': ({ actor, mailbox, fact }) => {
        const country = fact('country');
        const usual = fact('usualCountries');
        const ips = fact('ips');
        return md(
          `${who(actor)} が ${mailboxOr(mailbox, 'メールボックス')} として${country === null ? 'これまでにない国' : countryNames(country, 'ja')}から送信しました` +
            `${ips === null ? '' : `（${ips}）`}。${usual === null ? '' : `これまでの送信元は ${countryNames(usual, 'ja')} だけでした。`}`,
        );
      },
      'new-noise-pair': ({ actor, mailbox, fact }) => {
        const category = fact('category');
        const what = category === null ? 'コネクタまたはアプリ' : String(category) === 'connector' ? 'コネクタ' : 'アプリ';
        return md(`${what}（${who(actor)}）が ${mailboxOr(mailbox, 'メールボックス')} として新たに書き込みを始めました。`);
      },
      'new-app': ({ mailbox, fact }) => {
        const app = fact('appId');
        return md(
          `これまで送信していなかったアプリ${app === null ? '' : ` ${app} `}が ${mailboxOr(mailbox, 'メールボックス')} として送信しました。メール送信権限を持つ OAuth アプリは、侵入後の持続化に使われる手口です。`,
        );
      },
      'external-recipients': ({ actor, mailbox, fact }) => {
        const external = fact('external');
        return md(
          `${who(actor)} が ${mailboxOr(mailbox, 'メールボックス')} として、組織外の宛先${external === null ? '多数' : ` ${external} 件`}に送信しました。`,
        );
      },
    },
    actor: '実行者',
    mailbox: 'メールボックス',
    at: '日時',
    explain: 'イベントの説明',
    evidence: (n) => `イベントを見る（${count(n)}）`,
    mute: 'このメールボックスでは通知しない',
    moreNotShown: (n) => md(`ほかに ${count(n)} 件の異常があります。`),
    showAll: 'すべて表示',
  },

  ambiguous: {
    title: md('どれのことですか？'),
    text: (asked) => md(`「${asked}」に一致するアドレスが複数あります。1 つ選んでください:`),
    more: (n) => md(`ほかに ${count(n)} 件あります。完全なアドレスでもう一度質問してください。`),
  },

  notFound: {
    title: md('見つかりません'),
    address: (asked) => md(`「${asked}」に一致するメールボックスや人は監査データにありません。`),
    event: (asked) => md(`ID が「${asked}」の監査イベントはありません。`),
    suggestions: md('近い候補:'),
    none: md('綴りを確認するか、完全なアドレスで質問してください。'),
  },

  notice: {
    subscribedTitle: md('通知をオンにしました'),
    subscribed: md('確認が必要な Send As の動きがあれば、この会話にカードを投稿します。'),
    alreadySubscribed: md('この会話の通知はすでにオンです。'),
    queued: (n) => md(`最近の異常 ${count(n)} 件をまもなく投稿します。`),
    subscribedNote: md('オフにするには「購読解除」と送ってください。カードごとに、異常の種類とメールボックスの組み合わせをミュートできます。'),
    unsubscribedTitle: md('通知をオフにしました'),
    unsubscribed: md('この会話には異常のカードを投稿しません。再開するには「購読」と送ってください。'),
    notSubscribed: md('この会話の通知はもともとオフです。'),
    mutedTitle: md('ミュートしました'),
    muted: (kind, mailbox) => md(`${mailbox} についての「${kind}」の異常は、この会話に投稿しません。`),
    alreadyMuted: (kind, mailbox) => md(`${mailbox} についての「${kind}」の異常は、この会話ではすでにミュートされています。`),
    mutedNote: md('ほかの種類の異常、ほかのメールボックス、ほかの会話には影響しません。'),
    undoMute: '元に戻す',
    unmutedTitle: md('ミュートを解除しました'),
    unmuted: (kind, mailbox) => md(`${mailbox} についての「${kind}」の異常を、次に見つかったものから再びこの会話に投稿します。`),
    notMuted: (kind, mailbox) => md(`${mailbox} についての「${kind}」の異常は、この会話ではミュートされていません。`),
    evidenceTitle: (kind) => md(`根拠: ${kind}`),
    evidence: (n) => md(n === 0 ? 'この異常には根拠のイベントが記録されていません。' : `この異常の根拠となる監査イベント ${count(n)} 件を続けて表示します。`),
    unknownTitle: md('異常が見つかりません'),
    unknown: md('その異常の記録はもうありません。「異常はある？」と送ると現在の異常を表示します。'),
    unavailableTitle: md('この会話では使えません'),
    unavailable: md('この会話にはこちらから投稿できません。ここにアプリを追加するか、個人チャットで話しかけてください。'),
    unreadableActionTitle: md('ボタンを処理できませんでした'),
    unreadableAction: md('ボタンから送られた内容を読み取れませんでした。古いバージョンの SendAs Watch のカードかもしれません。もう一度質問するか、「ヘルプ」と送ってください。'),
  },

  health: {
    title: md('監査データの状態'),
    source: 'ソース',
    totalEvents: '保存済みイベント',
    eventsInRange: '期間内のイベント',
    oldest: '最古のイベント',
    newest: '最新のイベント',
    lastIngest: '最終取り込み',
    never: 'なし',
    statusHeading: md('状態'),
    totalsHeading: md('期間内の分類別イベント数'),
  },

  places: {
    field: '接続元',
    kinds: {
      missing: 'IP の記録なし',
      invalid: 'IP アドレスではない値',
      private: 'プライベート ネットワーク',
      cgnat: 'キャリアグレード NAT（共有アドレス）',
      loopback: 'ループバック',
      'link-local': 'リンクローカル',
      documentation: 'ドキュメント用アドレス（実在のクライアントではない）',
      reserved: '予約済みアドレス',
    },
    microsoft: (country) => (country === null ? 'Microsoft のネットワーク' : `Microsoft のネットワーク（${country}）`),
    countryUnknown: '国は不明',
    network: (asn, name) => md(`AS${asn} ${name}`),
    rowCountries: (countries) => md(`接続元: ${countries}`),
    attribution: md('IP の位置情報: [DB-IP](https://db-ip.com)、ネットワーク情報: RouteViews と DB-IP'),
  },
};
