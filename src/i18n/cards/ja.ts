import { zoneName } from '../dates';
import { authored as md, escapeMarkdown } from '../../cards/markdown';
import type { Markdown } from '../../cards/markdown';
import { countryNames } from '../../cards/place';
import type { CardStrings, SendMode } from './types';

const count = (n: number): string => new Intl.NumberFormat('ja-JP').format(n);
const who = (actor: Markdown | null): string => actor ?? '誰か';
const mailboxOr = (mailbox: Markdown | null, fallback: string): string => mailbox ?? fallback;
/** 権限のコード（`right` の事実）ごとの言葉（権限の回答と同じ）。 */
const RIGHT_WORDS: Readonly<Record<string, string>> = { SendAs: '送信者 (Send As)', SendOnBehalf: '代理送信 (Send on Behalf)', FullAccess: 'フル アクセス' };
/** 権限のコードを言葉に。知らないコードなら空（「…の権限」になる）。 */
const rightWords = (code: (name: string) => string | null): string => RIGHT_WORDS[code('right') ?? ''] ?? '';
/** 付与・削除の「日時（実行者）」。 */
const whenBy = (at: Markdown | null, by: Markdown | null): Markdown | null => (at === null ? by : by === null ? at : md(`${at}（${by}）`));
const CATEGORY_WORDS: Readonly<Record<string, string>> = { delegate: '本人以外の送信', 'owner-misreport': '所有者自身の送信', connector: 'コネクタ', application: 'アプリケーション', unknown: '不明' };
/** A detector's comma-separated category ids, worded; an unknown id is shown as it is. */
const categoryWords = (ids: Markdown): string => String(ids).split(', ').map((id) => CATEGORY_WORDS[id] ?? id).join('、');
/** 「X として送信」か「X の代理で送信」: Send on Behalf（代理送信）を Send As と書かない。 */
const sent = (mode: SendMode, mailbox: string): string => {
  switch (mode) {
    case 'as':
      return `${mailbox} として送信`;
    case 'on-behalf':
      return `${mailbox} の代理で送信`;
    case 'both':
      return `${mailbox} として、また ${mailbox} の代理で送信`;
    case 'unknown':
      return `${mailbox} として（または代理で）送信`;
    default:
      return mode satisfies never;
  }
};
/** 時間数を管理者が読む形に: 「5 時間」「3 日」。 */
const duration = (hours: number): string => (hours < 48 ? `${count(Math.max(1, Math.round(hours)))} 時間` : `${count(Math.round(hours / 24))} 日`);

export const ja: CardStrings = {
  notRecorded: '—',
  yes: 'はい',
  no: 'いいえ',
  timesIn: (zone) => md(`時刻は${escapeMarkdown(zoneName(zone, 'ja'), 64)}です`),

  evidence: {
    recipients: (n, internal, external) => md(`宛先 ${count(n)} 件（テナント内 ${count(internal)} 件、外部 ${count(external)} 件）`),
    recipientsListed: (summary, addresses) => md(`${summary}：${addresses}`),
    recipientsNotRecorded: (id) =>
      md(id === null ? 'この監査レコードには宛先が記録されていません。' : `この監査レコードには宛先が記録されていません。メッセージ追跡で InternetMessageId ${id} を使って確認してください。`),
    appNamed: (name, id) => md(`${name}（${id}）`),
    appNameFromRecord: (name, id) => md(`${name}（Exchange の記録上の名前。ディレクトリでは確認できていません。${id}）`),
    appNameUnknown: (id) => md(`${id}：名前は不明です（ディレクトリに問い合わせできないか、該当するアプリがありません）`),
    mailboxKinds: { group: 'Microsoft 365 グループ', person: '個人のメールボックス', shared: '共有メールボックス', resource: '会議室・備品のメールボックス', unknown: '不明' },
    person: (p) =>
      md(
        [
          p.displayName,
          ...(p.jobTitle === null ? [] : [p.jobTitle]),
          ...(p.department === null ? [] : [p.department]),
          ...(p.accountEnabled === null ? [] : [p.accountEnabled ? 'アカウント有効' : 'アカウント無効']),
          ...(p.guest === null ? [] : [p.guest ? 'ゲスト' : 'メンバー']),
        ].join('・'),
      ),
    personUnknown: {
      'no-directory': '不明（ディレクトリが設定されていません）',
      'not-found': '不明（ディレクトリにユーザーとして登録されていません）',
      unavailable: '不明（ディレクトリに問い合わせできませんでした）',
      'not-asked': '不明（この回答には人数が多すぎるため、一人ずつは照会していません）',
    },
    mailboxNamed: (address, kind) => md(`${address}（${kind}）`),
    mailboxOwner: (person) => md(`メールボックスの所有者: ${person}`),
    rowPersonUnknown: (why) => md(`ディレクトリ: ${why}`),
    noDirectoryNote: md('ディレクトリ（Microsoft Graph）が設定されていないため、各人の情報とメールボックスの種類は表示していません。'),
    external: '外部',
    lastSeen: (when) => md(`この期間には何もありません。監査データに最後に現れたのは ${when} です。`),
  },

  categories: {
    delegate: '本人以外の送信',
    'owner-misreport': '所有者自身の送信',
    connector: 'コネクタ',
    application: 'アプリケーション',
    unknown: '判断できない送信',
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
      'who-sent-as': (subject) => md(`${subject} として送信した人`),
      'who-sent-on-behalf': (subject) => md(`${subject} の代理で送信した人`),
      'what-did-send-as': (subject) => md(`${subject} が使った他人のメールボックス（Send As・代理送信）`),
    },
    summary: ({ intent, people, sends, noise, unknown }) => {
      const genuine =
        people === 0
          ? '本人以外による送信はありません。'
          : intent === 'what-did-send-as'
            ? `**${count(people)} 件のメールボックス**から計 **${count(sends)} 回**送信しました。`
            : `**${count(people)} 人**が計 **${count(sends)} 回**送信しました。`;
      const rest = [
        unknown > 0 ? `${count(unknown)} 件は本人以外の送信かどうか判断できません。` : '',
        noise > 0 ? `${count(noise)} 件はノイズです。` : '',
      ].filter((part) => part !== '');
      return md([genuine, ...rest].join(''));
    },
    empty: md('この期間に Send As / Send on Behalf のイベントはありません。'),
    delegatesHeading: (rows) => md(`本人以外による送信（${count(rows)}）`),
    unknownHeading: (rows) => md(`判断できないもの（${count(rows)}）`),
    unknownNote: md('記録の内容が矛盾しているか足りないため、本人以外による送信かノイズかを判断できません。理由は各イベントを開いて確認してください。'),
    noiseToggle: (rows) => `ノイズを表示／非表示（${count(rows)}）`,
    noiseIntro: md('Send As / Send on Behalf として記録されていますが、他人のメールボックスを人が使ったものではありません。'),
    noiseWhy: {
      'owner-misreport': md('所有者が自分のメールボックスから送信しました。Outlook Mobile と新しい Outlook はこれを Send As として記録します。'),
      connector: md('Office 365 コネクタがメールボックスに投稿しました。記録上の送信者はコネクタを設定した人です。'),
      application: md('アプリまたはサービスが送信しました。サインインしていた人はいません。'),
    },
    rowDetail: (n, span) => md(`${count(n)} 回 · ${span}`),
    rowClients: (clients) => md(`クライアント: ${clients}`),
    rowRightHeld: (operation, since, grantedBy) =>
      md(`${RIGHT_WORDS[operation]}権限: ${since === null ? '保持されている記録より前から保有' : `${since} から保有`}${grantedBy === null ? '' : `（付与者: ${grantedBy}）`}`),
    rowRightBeforeHistory: (operation) => md(`${RIGHT_WORDS[operation]}権限: 不明（保持されている管理者記録より前の送信）`),
    rowRightNoneKnown: (operation, fullAccess) =>
      md(`把握している${RIGHT_WORDS[operation]}権限なし（こちらで把握できていないだけで、グループ経由や記録より前の付与の可能性があります）${fullAccess ? '。フル アクセスはありますが、それだけでは送信できません' : ''}`),
    sentAsLabel: (sentAs, onBehalf) => md(onBehalf ? `${sentAs} の代理` : `${sentAs} として`),
    chartTitle: '日別・分類別のイベント数',
    chartByPerson: '人別の送信数',
    chartByMailbox: 'メールボックス別の送信数',
    chartLine: (total, parts) => (parts === '' ? total : `${total}（${parts}）`),
    events: 'イベント',
    nextPage: '次のページ',
    pageInfo: (first, last, total) => md(`全 ${count(total)} 件中 ${count(first)}〜${count(last)} 件目`),
  },

  detail: {
    title: (eventId) => md(`監査イベント ${eventId}`),
    verdict: (category, confidence) => md(`**${category}**（確度: ${confidence}）`),
    reasonsHeading: md('判定の理由'),
    fields: {
      id: 'レコード ID',
      time: '日時',
      operation: '操作',
      actor: '実行者 (UserId)',
      actorPerson: 'ディレクトリ上の実行者',
      mailbox: 'メールボックス所有者',
      sentAs: '送信者として使われたアドレス',
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
    sentOnBehalfOf: '代理で送信された相手（差出人）',
    logonTypes: { 0: '所有者', 1: '管理者', 2: '代理人', 3: 'トランスポート', 4: 'システム サービス', 6: '委任された管理者' },
    userTypes: { 0: '一般ユーザー', 2: '管理者', 3: 'データセンター管理者', 4: 'システム', 5: 'アプリケーション', 6: 'サービス プリンシパル', 9: 'パートナー技術者', 10: 'ゲスト' },
    showDetails: '判定ルールの詳細',
    rule: (ruleId) => md(`判定ルール: ${ruleId}`),
  },

  events: {
    title: (actor, sentAs) => md(`${actor} が ${sentAs} から送信したイベント`),
    summary: (n) => md(`この期間に **${count(n)} 件**（新しい順）`),
    empty: md('この期間に、この人がこのメールボックスから送信した記録はありません。'),
    pageInfo: (first, last, total) => md(`${count(total)} 件中 ${count(first)}〜${count(last)} 件目`),
    operation: { SendAs: 'Send As（送信者として送信）', SendOnBehalf: 'Send on Behalf（代理送信）' },
    category: {
      delegate: '本人以外の送信',
      'owner-misreport': '所有者自身の送信',
      connector: 'コネクタ',
      application: 'アプリケーション',
      unknown: '判断できない送信',
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
      'あるメールボックスとして、またはその代理で実際に送信したのは誰かをお答えします。監査ログに混ざるノイズは、本人以外による送信と分けて表示します。',
    ),
    helpTitle: md('質問できること'),
    helpIntro: md('日本語または英語でそのまま質問してください。メールボックスはアドレスでも名前でも指定でき、期間も付けられます。'),
    notUnderstood: md('質問を理解できませんでした。'),
    didYouMean: (suggestion) => md(`もしかして: ${suggestion}`),
    askSuggestion: 'この質問をする',
    examplesHeading: md('たとえば次のように質問できます'),
    rightsHeading: md('権限を持っている人（実際に使ったかどうかとは別）'),
    blindSpot: md('注意: 本人以外が Outlook Mobile から送信したメールは監査ログに記録されないため、回答には表示されません。'),
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
    graphRecords: (mode, subject, span) => {
      const records = { as: 'Send As', 'on-behalf': 'Send on Behalf', both: 'Send As と Send on Behalf', unknown: 'Send As と Send on Behalf' }[mode];
      return `${subject} の ${records} の記録（${span}）を Microsoft Graph から取得しています`;
    },
    actionDone: '送信しました',
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
      'new-delegate': '新しい代理人',
      spike: '急増',
      'external-actor': '外部の送信者',
      'risky-client': '普段と違うクライアント',
      'watched-mailbox': '監視対象のメールボックス',
      'audit-silence': '監査ログの途絶',
      'ingestion-failing': '取り込みの失敗',
      'noise-surge': 'ノイズの急増',
      'new-country': '新しい国からの送信',
      'new-noise-pair': '新しいコネクタ／アプリの書き込み',
      'new-app': '新しいアプリによる送信',
      'external-recipients': '外部宛ての大量送信',
      'disabled-account': '無効なアカウントによる送信',
      'guest-actor': 'ゲストによる送信',
      'right-used-at-once': '権限が付与されてから 1 時間以内に使用されました',
      'right-cleanup': '権限の付与・使用・削除が 1 日以内に行われました',
      'right-external-trustee': '組織外のアカウントに権限が付与されました',
      'right-on-watched-mailbox': '監視対象のメールボックスに権限が付与されました',
      'right-new-granter': 'これまで権限を付与したことのない人が権限を付与しました',
      'access-review': 'アクセス レビュー',
    },
    words: {
      'new-delegate': ({ actor, mailbox, mode, fact, number }) => {
        const days = number('baselineDays');
        return {
          sentence: md(
            `${who(actor)} が${days === null ? '' : `過去 ${count(days)} 日間で`}初めて ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました。`,
          ),
          facts: [
            ['送信数', fact('sends')],
            ['最初の送信', fact('firstSendAt')],
            ['クライアント', fact('clientFamilies')],
          ],
        };
      },
      spike: ({ actor, mailbox, mode, fact, number }) => {
        const sends = number('sends');
        const peak = number('baselinePeak');
        return {
          sentence: md(
            `${who(actor)} が 1 日で ${sends === null ? '普段よりはるかに多く' : `${count(sends)} 回`} ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました` +
              `${peak === null ? '' : peak === 0 ? '（これまでは送信なし）' : `（これまでの最多は 1 日 ${count(peak)} 回）`}。`,
          ),
          facts: [
            ['その日の送信数', fact('sends')],
            ['これまでの 1 日の最多', fact('baselinePeak')],
            ['普段の 1 日あたり', fact('baselineMeanPerDay')],
          ],
        };
      },
      'external-actor': ({ actor, mailbox, mode, fact, code }) => {
        const domain = fact('actorDomain');
        const reason = code('reason');
        const outside = reason === 'outside-domains' || reason === 'outside-domains-and-external-access';
        const access = reason === 'external-access' || reason === 'outside-domains-and-external-access';
        const why = [
          outside ? `${domain ?? 'ドメイン'} は自組織のドメインではありません` : '',
          access ? 'Exchange が外部からのアクセスとして記録しています' : '',
        ].filter((part) => part !== '');
        return {
          sentence: md(
            outside
              ? `組織外のアカウント ${who(actor)} が ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました。`
              : `${who(actor)} が ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました。Exchange はこのアクセスを外部アクセス（管理者または Microsoft によるもの）として記録しています。`,
          ),
          facts: [
            ['検出の理由', why.length === 0 ? null : md(`${why.join('。')}。`)],
            ['送信数', fact('sends')],
            ['最初の送信', fact('firstSendAt')],
            ['このメールボックスでの過去の送信数', fact('baselineSends')],
          ],
        };
      },
      'risky-client': ({ actor, mailbox, mode, fact, code }) => {
        const family = fact('clientFamily');
        const risky = code('reason') === 'risky-client';
        return {
          sentence: md(
            `${who(actor)} が ${family ?? '普段と異なるクライアント'} から ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました。` +
              `${risky ? 'スクリプトや外部ツールがよく使うクライアントです。' : 'この人がこれまで使っていなかったクライアントです。'}`,
          ),
          facts: [
            ['クライアント', family],
            ['普段のクライアント', fact('usualFamilies') ?? md('記録なし')],
            ['クライアント文字列', fact('client')],
            ['送信数', fact('sends')],
          ],
        };
      },
      'watched-mailbox': ({ actor, mailbox, mode, fact }) => ({
        sentence: md(`${who(actor)} が監視対象の ${sent(mode, mailbox ?? 'メールボックス')}しました。`),
        facts: [
          ['送信数', fact('sends')],
          ['分類', fact('categories') === null ? null : md(categoryWords(fact('categories') as Markdown))],
          ['最初の送信', fact('firstSendAt')],
          ['クライアント', fact('clientFamilies')],
        ],
      }),
      'audit-silence': ({ fact, number }) => {
        const silent = number('silentHours');
        const normal = number('longestNormalGapHours');
        return {
          sentence: md(
            `Send As / Send on Behalf のイベントが${silent === null ? '普段よりはるかに長い間' : ` ${duration(silent)}`}届いていません` +
              `${normal === null ? '' : `（これまでの最長の空白は ${duration(normal)}）`}。監査が無効になっているか、遅れている可能性があります。`,
          ),
          facts: [
            ['最後のイベント', fact('lastEventAt')],
            ['これまでの最長の空白', normal === null ? null : md(duration(normal))],
            ['既知の障害', fact('knownIncident')],
          ],
        };
      },
      'ingestion-failing': ({ fact, number, code }) => {
        const error = code('lastError');
        const hours = number('hoursFailing');
        return {
          sentence: md(`監査イベントの取り込みが${hours === null ? '' : ` ${duration(hours)}`}失敗し続けています。回答が最新でない可能性があります。`),
          facts: [
            ['失敗が始まった日時', fact('failingSince')],
            ['最後に成功した取り込み', fact('lastSuccessAt') ?? md('まだありません')],
            [
              '最後のエラー',
              error === 'SENDAS_GRAPH_FORBIDDEN'
                ? md('Microsoft Graph がアクセスを拒否しました（アプリのアクセス許可がないか、取り消されています）')
                : error === 'SENDAS_GRAPH_FAILED'
                  ? md('Microsoft Graph への要求が失敗し続けています')
                  : error === 'SENDAS_STORE_FAILED'
                    ? md('データベースへの保存に失敗しました')
                    : fact('lastError'),
            ],
          ],
        };
      },
      'noise-surge': ({ mailbox, fact, number }) => {
        const events = number('events');
        const usual = number('baselineMeanPerDay');
        return {
          sentence: md(
            `${mailbox === null ? '' : `${mailbox} で`}所有者自身の送信とコネクタの投稿が 1 日に${events === null ? '普段よりはるかに多く' : ` ${count(events)} 件`}記録されました` +
              `${usual === null ? '' : `（普段は 1 日 ${count(usual)} 件程度）`}。ノイズであり、警告ではありません。`,
          ),
          facts: [
            ['所有者自身の送信', fact('ownerMisreports')],
            ['コネクタの投稿', fact('connectorEvents')],
            ['普段の 1 日あたり', fact('baselineMeanPerDay')],
          ],
        };
      },
      'new-country': ({ actor, mailbox, mode, fact }) => {
        const country = fact('country');
        const usual = fact('usualCountries');
        return {
          sentence: md(
            `${who(actor)} が${country === null ? 'これまでにない国' : countryNames(country, 'ja')}から ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました。` +
              `${usual === null ? '' : `これまでの送信元は ${countryNames(usual, 'ja')} だけでした。`}`,
          ),
          facts: [
            ['送信数', fact('sends')],
            ['最初の送信', fact('firstSendAt')],
            ['送信元 IP', fact('ips')],
          ],
        };
      },
      'new-noise-pair': ({ actor, mailbox, fact, code }) => {
        const category = code('category');
        const what = category === null ? 'コネクタまたはアプリ' : category === 'connector' ? 'コネクタ' : 'アプリ';
        return {
          sentence: md(`${what}（${who(actor)}）が、これまで書き込んでいなかった ${mailboxOr(mailbox, 'メールボックス')} として書き込みを始めました。`),
          facts: [
            ['書き込み数', fact('writes')],
            ['最初の書き込み', fact('firstWriteAt')],
            ['アプリ ID', fact('appId')],
          ],
        };
      },
      'new-app': ({ mailbox, mode, fact }) => ({
        sentence: md(
          `これまで送信していなかったアプリが ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました。メール送信権限を持つ OAuth アプリは、侵害後にアクセスを維持する手口として知られています。`,
        ),
        facts: [
          ['アプリ ID', fact('appId')],
          ['送信数', fact('sends')],
          ['最初の送信', fact('firstSendAt')],
        ],
      }),
      'external-recipients': ({ actor, mailbox, mode, fact }) => {
        const external = fact('external');
        return {
          sentence: md(`${who(actor)} が ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}し、組織外の宛先は${external === null ? '多数' : ` ${external} 件`}でした。`),
          facts: [
            ['組織外の宛先', external],
            ['宛先の総数', fact('recipients')],
            ['その日の同様の送信', fact('sends')],
          ],
        };
      },
      'disabled-account': ({ actor, mailbox, mode, fact, number }) => {
        const name = fact('displayName');
        const before = number('baselineSends');
        return {
          sentence: md(
            `ディレクトリ上で無効になっているアカウント ${who(actor)}${name === null ? '' : `（${name}）`}が ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました。` +
              '無効なアカウントからの送信は本来ありません。アカウントの無効化後もセッションやトークンが残っている可能性があります。',
          ),
          facts: [
            ['送信数', fact('sends')],
            ['最初の送信', fact('firstSendAt')],
            ['このメールボックスでの過去の送信数', before === 0 ? md('なし') : fact('baselineSends')],
          ],
        };
      },
      'guest-actor': ({ actor, mailbox, mode, fact, number }) => {
        const name = fact('displayName');
        const before = number('baselineSends');
        return {
          sentence: md(
            `他組織のゲストアカウント ${who(actor)}${name === null ? '' : `（${name}）`}が ${sent(mode, mailboxOr(mailbox, 'メールボックス'))}しました${before === 0 ? '（初めての送信です）' : ''}。`,
          ),
          facts: [
            ['送信数', fact('sends')],
            ['最初の送信', fact('firstSendAt')],
            ['このメールボックスでの過去の送信数', before === 0 ? md('なし') : fact('baselineSends')],
          ],
        };
      },
      'right-used-at-once': ({ actor, mailbox, fact, code, number }) => {
        const minutes = number('minutesToUse');
        return {
          sentence: md(
            `${fact('grantedBy') ?? '管理者'} が ${who(actor)} に ${mailboxOr(mailbox, 'メールボックス')} の${rightWords(code)}権限を付与し、それまでこのメールボックスの権限がなかった ${who(actor)} が` +
              `${minutes === null ? 'すぐに' : ` ${count(minutes)} 分後に`}使用しました。`,
          ),
          facts: [
            ['付与', fact('grantedAt')],
            ['最初の使用', fact('firstUseAt')],
            ['付与した人', fact('grantedBy')],
          ],
        };
      },
      'right-cleanup': ({ actor, mailbox, fact, code, number }) => {
        const uses = number('uses');
        return {
          sentence: md(
            `${who(actor)} は ${mailboxOr(mailbox, 'メールボックス')} の${rightWords(code)}権限を付与されて${uses === null ? '使用し' : ` ${count(uses)} 回使用し`}、その日のうちに権限が削除されました。` +
              '現在の権限一覧には表示されず、管理者の監査記録にだけ残っています。',
          ),
          facts: [
            ['付与', whenBy(fact('grantedAt'), fact('grantedBy'))],
            ['削除', whenBy(fact('removedAt'), fact('removedBy'))],
            ['この権限での送信数', fact('uses')],
          ],
        };
      },
      'right-external-trustee': ({ actor, mailbox, fact, code }) => ({
        sentence: md(
          `${fact('grantedBy') ?? '管理者'} が ${mailboxOr(mailbox, 'メールボックス')} の${rightWords(code)}権限を` +
            `${code('reason') === 'guest' ? '他組織のゲスト アカウント' : '自社ドメイン以外のアドレス'} ${who(actor)} に付与しました。`,
        ),
        facts: [
          ['付与', fact('grantedAt')],
          ['付与した人', fact('grantedBy')],
        ],
      }),
      'right-on-watched-mailbox': ({ actor, mailbox, fact, code }) => ({
        sentence: md(`${fact('grantedBy') ?? '管理者'} が監視対象のメールボックス ${mailboxOr(mailbox, '')} の${rightWords(code)}権限を ${who(actor)} に付与しました。`),
        facts: [
          ['付与', fact('grantedAt')],
          ['付与した人', fact('grantedBy')],
        ],
      }),
      'right-new-granter': ({ actor, mailbox, fact, code, number }) => {
        const days = number('historyDays');
        return {
          sentence: md(
            `${who(actor)} が ${fact('trustee') ?? '誰か'} に ${mailboxOr(mailbox, 'メールボックス')} の${rightWords(code)}権限を付与しました。` +
              `${days === null ? '記録のある期間で' : `記録のある ${count(days)} 日間で、`}${who(actor)} による初めての付与です。`,
          ),
          facts: [
            ['付与', fact('grantedAt')],
            ['付与された人', fact('trustee')],
            ['管理者の監査記録の日数', fact('historyDays')],
          ],
        };
      },
      'access-review': ({ fact }) => ({
        sentence: md(`今月のアクセス レビューの準備ができました。${fact('days') ?? '30'} 日間使われていない権限が ${fact('rights') ?? '複数'} 件あります。「アクセスレビュー」と質問して、それぞれ残すか削除するかを決めてください。`),
        facts: [['レビュー対象の権限', fact('rights')]],
      }),
    },
    at: '日時',
    explain: 'イベントの説明',
    evidence: (n) => (n === 1 ? 'イベントを見る' : `${count(n)} 件のイベントを見る`),
    mute: 'このメールボックスでは通知しない',
    moreNotShown: (n) => md(`ほかに ${count(n)} 件の異常があります。`),
    showAll: 'すべて表示',
  },

  ambiguous: {
    title: md('どれのことですか？'),
    text: (asked) => md(`「${asked}」に一致するアドレスが複数あります。どれか選んでください。`),
    more: (n) => md(`ほかに ${count(n)} 件あります。アドレスを省略せずにもう一度質問してください。`),
  },

  notFound: {
    title: md('見つかりません'),
    address: (asked) => md(`「${asked}」に一致するメールボックスや人は監査データにありません。`),
    event: (asked) => md(`ID が「${asked}」の監査イベントはありません。`),
    suggestions: md('近い候補:'),
    none: md('つづりを確認するか、アドレスを省略せずに質問してください。'),
  },

  notice: {
    subscribedTitle: md('通知をオンにしました'),
    subscribed: md('確認が必要な Send As / Send on Behalf の動きがあれば、この会話にカードを投稿します。'),
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

  ranking: {
    title: {
      'top-delegates': md('代理送信の多い人'),
      'top-mailboxes': md('よく使われたメールボックス'),
      'external-senders': md('外部の送信者'),
      'new-delegates': md('新しい代理人'),
    },
    summary: (intent, rows, sends) => {
      switch (intent) {
        case 'top-delegates':
          return md(rows === 0 ? 'この期間に本人以外による送信はありません。' : `**${count(rows)} 人**が他のメールボックスとして、またはその代理で送信しました（本人以外による送信のみ、計 **${count(sends)} 件**）。`);
        case 'top-mailboxes':
          return md(rows === 0 ? 'この期間に本人以外が送信したメールボックスはありません。' : `本人以外が **${count(rows)} 個のメールボックス**として、またはその代理で送信しました（計 **${count(sends)} 件**）。`);
        case 'external-senders':
          return md(rows === 0 ? 'この期間にテナント外のユーザーがテナントのメールボックスとして、またはその代理で送信した記録はありません。' : `**${count(rows)} 人の外部ユーザー**がテナントのメールボックスとして、またはその代理で送信しました（計 **${count(sends)} 件**）。`);
        case 'new-delegates':
          return md(rows === 0 ? 'この期間に初めて他のメールボックスとして、またはその代理で送信した人はいません。' : `**${count(rows)} 組**（送信者とメールボックスの組み合わせ）がこの期間に初めて送信しました（計 **${count(sends)} 件**）。`);
        default:
          return intent satisfies never;
      }
    },
    chartTitle: {
      'top-delegates': '人ごとの代理送信数',
      'top-mailboxes': 'メールボックスごとの代理送信数',
      'external-senders': '外部送信者ごとの送信数',
      'new-delegates': '新しい組み合わせごとの送信数',
    },
    sends: (total, sendAs, onBehalf) => {
      const split =
        sendAs > 0 && onBehalf > 0 ? `（送信者として送信 ${count(sendAs)} 件、代理人として送信 ${count(onBehalf)} 件）` : sendAs > 0 ? '（すべて送信者として送信）' : onBehalf > 0 ? '（すべて代理人として送信）' : '';
      return md(`${count(total)} 件${split}`);
    },
    counterparts: (intent, n) => md(intent === 'top-mailboxes' ? `${count(n)} 人が送信` : `${count(n)} 個のメールボックス`),
    firstSend: (when) => md(`初回送信 ${when}`),
    pair: (actor, mailbox) => md(`${actor} → ${mailbox}`),
    kindUnknown: '種類は不明',
    externalWhy: { 'outside-domains': 'テナント外のドメイン', guest: 'ゲスト アカウント', 'external-access': 'Exchange が外部アクセスと記録' },
    more: (rows, sends) => md(`ほか ${count(rows)} 件（送信は計 ${count(sends)} 件）。`),
    kindsUnknown: (unknown, shown) =>
      md(`${unknown === shown ? 'これらが共有メールボックスかどうかは分かりません' : `${count(unknown)} 個のメールボックスの種類は分かりません`}。ディレクトリ（Graph）にも Exchange の監査設定にも情報がないため、推測はしていません。`),
    externalMeans: (domains) => md(`外部とは、テナントのドメイン（${domains}）以外のユーザー、ゲスト アカウント、または Exchange が外部アクセスと記録した送信を指します。`),
    history: (from, gaps) =>
      md(
        (from === null ? 'この期間より古い記録がないため、期間内の組み合わせはすべて新規として扱っています。' : `「初めて」かどうかは、保持されている最古の記録（${from}）までさかのぼって確認しました。`) +
          (gaps > 0 ? `その間に記録のない期間が ${count(gaps)} か所あり、そこに以前の送信があった可能性があります。` : ''),
      ),
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
  exportFile: {
    button: 'CSV でエクスポート',
    description: (rows, operation, who, span) =>
      `${who} の${operation === 'SendAs' ? ' Send As ' : operation === 'SendOnBehalf' ? '代理送信の' : ' Send As・代理送信の'}監査イベント ${count(rows)} 件（${span}）の CSV ファイルです。時刻は UTC です。`,
    capped: (rows, total) => ` 全 ${count(total)} 件のうち新しい ${count(rows)} 件を収めています。残りは期間を絞ってエクスポートしてください。`,
    emptyTitle: md('エクスポートするイベントがありません'),
    empty: md('この期間にはイベントがないため、送るファイルはありません。'),
    personalOnlyTitle: md('個人チャットで続けてください'),
    personalOnly: (question) =>
      md(
        `Teams ではファイルを送れるのは個人チャットだけです。また、監査データは管理者専用です。私との個人チャットを開いて、${
          question === null ? '回答カードの「CSV でエクスポート」を押してください。' : `「${question}」と送ってください。`
        }`,
      ),
    uploaded: (name, rows) => `エクスポートを OneDrive に保存しました: ${name}（${count(rows)} 件）`,
    declinedTitle: md('エクスポートを取り消しました'),
    declined: md('ファイルはアップロードしていません。必要になったら、もう一度「CSV でエクスポート」を押してください。'),
    failedTitle: md('アップロードに失敗しました'),
    failed: md('OneDrive がファイルを受け付けませんでした。少し待ってから、もう一度「CSV でエクスポート」を押してください。'),
    expired: md('Teams から受け取ったアップロード用リンクの期限が切れました。もう一度「CSV でエクスポート」を押してください。'),
  },
};
