import type { ParseContext, SubjectRef } from '../../../src/query/query';
import { expectNotUnderstood, expectParsed, expectQuery } from './support';

const address = (text: string): SubjectRef => ({ text, kind: 'address' });
const name = (text: string): SubjectRef => ({ text, kind: 'name' });
const tokyo: Partial<ParseContext> = { timeZone: 'Asia/Tokyo', locale: 'ja-JP' };
const lastSevenDays = {
  from: '2026-11-11T10:00:00.000Z',
  to: '2026-11-18T10:00:00.000Z',
  kind: 'default',
  amount: 7,
  timeZone: 'Asia/Tokyo',
} as const;

describe('Japanese: X として送信したのは誰', () => {
  it.each([
    ['finance@contoso.com として送信したのは誰？', address('finance@contoso.com')],
    ['finance@contoso.comとして送信したのは誰', address('finance@contoso.com')],
    ['ｆｉｎａｎｃｅ＠ｃｏｎｔｏｓｏ．ｃｏｍ として送信したのは誰', address('finance@contoso.com')],
    ['finance として送信した人は誰ですか', name('finance')],
    ['finance として送った人', name('finance')],
    ['誰が finance として送信した？', name('finance')],
    ['だれが finance として送信しましたか', name('finance')],
    ['finance として誰が送信したの', name('finance')],
    ['「finance」として送信したのは誰', name('finance')],
    ['山田 太郎 として送信したのは誰', name('山田 太郎')],
    ['田中さんとして送信したのは誰', name('田中')],
    ['finance の名前で送信したのは誰', name('finance')],
    ['finance として送信したのは誰か教えてください', name('finance')],
    ['finance の送信者は誰', name('finance')],
    ['Ａｌｅｘ　Ｗｉｌｂｅｒ として送信したのは誰', name('Alex Wilber')],
  ])('%s', (text, subject) => {
    const result = expectQuery(text, { intent: 'who-sent-as', subject, range: lastSevenDays }, tokyo);
    expect(result.language).toBe('ja');
    expect(result.assumed).toEqual(['range']);
  });

  it('is Japanese even when the Teams locale is English', () => {
    expect(expectParsed('finance として送信したのは誰', { locale: 'en-US' }).language).toBe('ja');
  });
});

describe('Japanese: X の代理で送信したのは誰', () => {
  it.each([
    ['finance の代理で送信したのは誰', name('finance')],
    ['finance@contoso.com の代理として送信したのは誰？', address('finance@contoso.com')],
    ['誰が finance の代理で送信した', name('finance')],
    ['finance の代わりに送信した人', name('finance')],
  ])('%s', (text, subject) => {
    expectQuery(text, { intent: 'who-sent-on-behalf', subject, range: lastSevenDays }, tokyo);
  });

  it('reads a range in brackets at the end', () => {
    expectQuery(
      'finance の代理で送信したのは誰（先月）',
      {
        intent: 'who-sent-on-behalf',
        subject: name('finance'),
        range: { kind: 'last-month', from: '2026-09-30T15:00:00.000Z', to: '2026-10-31T15:00:00.000Z', timeZone: 'Asia/Tokyo' },
      },
      tokyo,
    );
  });
});

describe('Japanese: Y は誰として送信した', () => {
  it.each([
    ['alex@contoso.com は誰として送信した？', address('alex@contoso.com')],
    ['alex@contoso.com が送信者として使ったアドレス', address('alex@contoso.com')],
    ['alex はどのアドレスで送信しましたか', name('alex')],
    ['alex が誰として送信したか', name('alex')],
    ['alex が差出人として使ったアドレスは何', name('alex')],
  ])('%s', (text, actor) => {
    expectQuery(text, { intent: 'what-did-send-as', actor, range: lastSevenDays }, tokyo);
  });
});

describe('Japanese: 説明 / 詳細', () => {
  const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  it.each([`${id} を説明`, `説明 ${id}`, `詳細 ${id}`, `${id}の詳細を表示して`, `イベント ${id} について説明して`, `説明：${id}`])('%s', (text) => {
    const result = expectQuery(text, { intent: 'explain', eventId: id }, tokyo);
    expect(result.language).toBe('ja');
  });
});

describe('Japanese: anomalies, health, subscriptions, help', () => {
  it.each([
    ['異常', 'anomalies'],
    ['異常はある？', 'anomalies'],
    ['異常はありますか', 'anomalies'],
    ['アラート', 'anomalies'],
    ['何か怪しい？', 'anomalies'],
    ['不審な送信はありませんか', 'anomalies'],
    ['異常を表示して', 'anomalies'],
    ['監査の状態', 'health'],
    ['監査ログの欠落', 'health'],
    ['ヘルス', 'health'],
    ['欠落はある？', 'health'],
    ['監査ログは完全ですか', 'health'],
  ] as const)('%s → %s', (text, intent) => {
    expectQuery(text, { intent, range: lastSevenDays }, tokyo);
  });

  it.each([
    ['購読', 'subscribe'],
    ['購読する', 'subscribe'],
    ['通知をオン', 'subscribe'],
    ['通知をオンにしてください', 'subscribe'],
    ['通知を有効にして', 'subscribe'],
    ['購読解除', 'unsubscribe'],
    ['購読を解除して', 'unsubscribe'],
    ['通知をオフ', 'unsubscribe'],
    ['通知を止めて', 'unsubscribe'],
    ['ヘルプ', 'help'],
    ['使い方', 'help'],
    ['使い方を教えて', 'help'],
    ['何ができますか？', 'help'],
    ['？', 'help'],
  ] as const)('%s → %s', (text, intent) => {
    const result = expectQuery(text, { intent }, tokyo);
    expect(result.language).toBe('ja');
  });
});

describe('Japanese questions not understood', () => {
  it('suggests in Japanese with the name it could find', () => {
    const result = expectNotUnderstood('finance として送る', { locale: 'en-US' });
    expect(result).toEqual({ suggestion: '今週 finance として送信したのは誰', language: 'ja' });
  });

  it('does not read a question word as a name', () => {
    expectNotUnderstood('誰として送信したのは誰', tokyo);
    expectNotUnderstood('として送信したのは誰', tokyo);
  });
});

describe('Japanese: questions about one record (issue 17)', () => {
  const id = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
  it.each([`イベント ${id} について`, `${id} について教えて`, `イベント ID ${id} を説明してください`, `${id} はなぜ不明なの`, `${id} は何ですか`])('%s', (text) => {
    expectQuery(text, { intent: 'explain', eventId: id });
  });
});
