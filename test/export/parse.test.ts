import { parseExportRequest } from '../../src/query/parse/export';

const CONTEXT = { now: new Date('2026-11-18T10:00:00.000Z'), timeZone: 'Asia/Tokyo', locale: 'en-US' };

describe('parseExportRequest', () => {
  it.each([
    ['export who sent as finance last month', 'who-sent-as', 'finance', 'last-month'],
    ['Export who sent as finance@contoso.com this week as CSV', 'who-sent-as', 'finance@contoso.com', 'this-week'],
    ['download who sent on behalf of ceo yesterday', 'who-sent-on-behalf', 'ceo', 'yesterday'],
    ['csv of what did alex send as last week', 'what-did-send-as', 'alex', 'last-week'],
    ['export finance last month', 'who-sent-as', 'finance', 'last-month'],
    ['先月 finance の送信者をエクスポート', 'who-sent-as', 'finance', 'last-month'],
    ['先月 finance の送信者をCSVで', 'who-sent-as', 'finance', 'last-month'],
    ['先月 finance の送信者をＣＳＶでください', 'who-sent-as', 'finance', 'last-month'],
    ['先月 finance として送信したのは誰を CSV で出力して', 'who-sent-as', 'finance', 'last-month'],
    ['CSVで先月の finance の送信者', 'who-sent-as', 'finance', 'last-month'],
  ])('reads %j as an export of its question', (text, intent, subject, rangeKind) => {
    const request = parseExportRequest(text, CONTEXT);
    expect(request?.query.intent).toBe(intent);
    const ref = request?.query.intent === 'what-did-send-as' ? request.query.actor : request?.query.subject;
    expect(ref?.text).toBe(subject);
    expect(request?.query.range.kind).toBe(rangeKind);
  });

  it('assumes the default range when none is given, and says so', () => {
    expect(parseExportRequest('export who sent as finance', CONTEXT)?.assumed).toEqual(['range']);
  });

  it.each(['who sent as finance last month', 'export anomalies', 'export audit health', 'help', '先月 finance の送信者', 'エクスポート'])(
    'leaves %j to the ordinary parser',
    (text) => {
      expect(parseExportRequest(text, CONTEXT)).toBeNull();
    },
  );
});
