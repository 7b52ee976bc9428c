import { answerCard, anomalyCard, cardAttachment, errorCard, helpCard, noticeCard, progressCard, refusalCard } from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards/render';
import { RIGHTS_EXAMPLE_QUESTIONS, parseRightsQuestion } from '../../src/query/parse/rights';
import { EXAMPLE_QUESTIONS } from '../../src/query/parse/examples';
import { HOSTILE, activityAnswer, ambiguousAnswer, anomaly, eventDetail, notFoundAnswer, rows } from './fixtures';
import { executeActions, markdownTexts, nextPageData } from './support';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/size';

type Json = Record<string, unknown>;

function find(node: unknown, test: (record: Json) => boolean): Json[] {
  const found: Json[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      if (test(value as Json)) found.push(value as Json);
      Object.values(value).forEach(visit);
    }
  };
  visit(node);
  return found;
}

const texts = (card: AdaptiveCard) => markdownTexts(card).join('\n');

describe('answer card', () => {
  const answer = activityAnswer({
    rows: [
      ...rows(2, { category: () => 'owner-misreport', actor: (i) => `owner${i}@contoso.com` }),
      ...rows(2, { category: () => 'delegate', actor: (i) => `delegate${i}@contoso.com` }),
      ...rows(1, { category: () => 'unknown', actor: () => 'unclear@contoso.com' }),
      ...rows(1, { category: () => 'connector', actor: () => 'connector-owner@contoso.com' }),
    ],
  });
  const card = answerCard(answer);
  const body = card.body as Json[];

  it('titles the subject and the exact range in the asker zone, saying the range was assumed', () => {
    expect(body[0].text).toBe('Who sent as finance@contoso.com');
    // 2025-04-30T15:00Z .. 2025-05-07T15:00Z is 1–7 May in Tokyo.
    expect(body[1].text).toBe('1 May 2025 – 7 May 2025 · last 7 days (no range given)');
    const ja = answerCard(activityAnswer({ language: 'ja' })).body as Json[];
    expect(ja[1].text).toBe('2025年5月1日 – 2025年5月7日 · 過去 7 日間（期間の指定なし）');
  });

  it('shows a stated range without the assumption, to the minute when it is not whole days', () => {
    const today = answerCard(
      activityAnswer({ assumed: [], range: { from: '2025-05-06T15:00:00.000Z', to: '2025-05-07T03:30:00.000Z', kind: 'today', timeZone: 'Asia/Tokyo' } }),
    ).body as Json[];
    expect(today[1].text).toBe('7 May 2025 00:00 – 12:30 · today');
  });

  it('puts warnings at the top in a warning box and the blind spot once, quietly, at the foot', () => {
    const warningBoxes = body.filter((element) => element.type === 'Container' && element.style === 'warning');
    expect(warningBoxes).toHaveLength(1);
    expect(body.indexOf(warningBoxes[0])).toBe(2);
    const blindSpot = find(card, (r) => typeof r.text === 'string' && r.text.includes('not recorded in the audit log'));
    expect(blindSpot).toHaveLength(1);
    expect(blindSpot[0].isSubtle).toBe(true);
  });

  it('lists genuine delegates first, then unclear rows with a note, then noise folded away with why', () => {
    const order = find(card, (r) => typeof r.text === 'string' && /^\S+@contoso\.com$/.test(r.text)).map((r) => r.text);
    expect(order).toEqual(['delegate0@contoso.com', 'delegate1@contoso.com', 'unclear@contoso.com', 'owner0@contoso.com', 'owner1@contoso.com', 'connector-owner@contoso.com']);
    expect(texts(card)).toContain('The evidence conflicts or is missing');
    const noise = find(card, (r) => r.id === 'noise')[0];
    expect(noise.isVisible).toBe(false);
    expect(markdownTexts(noise as AdaptiveCard).join('\n')).toMatch(/Outlook Mobile and the new Outlook log that as Send As/);
    expect(markdownTexts(noise as AdaptiveCard).join('\n')).toMatch(/connector posted into the mailbox/);
    const toggle = find(card, (r) => r.type === 'Action.ToggleVisibility')[0];
    expect(toggle.targetElements).toEqual(['noise']);
    expect(toggle.title).toBe('Show or hide noise (3)');
  });

  it('charts events per Tokyo day stacked by category, delegates in red, with the same numbers as text bars for other hosts', () => {
    const chart = find(card, (r) => r.type === 'Chart.VerticalBar.Grouped')[0];
    expect(chart.stacked).toBe(true);
    const series = chart.data as { legend: string; color: string; values: { x: string; y: number }[] }[];
    expect(series.map((s) => s.legend)).toEqual(['Delegates', 'Unclear', "Owner's own sends", 'Connectors']);
    expect(series[0].color).toBe('attention');
    expect(series[0].values.map((v) => v.x)).toEqual(['1 May', '2 May', '3 May', '4 May', '5 May', '6 May', '7 May']);
    for (const s of series) {
      const category = (['delegate', 'unknown', 'owner-misreport', 'connector'] as const)[series.indexOf(s)];
      expect(s.values.map((v) => v.y)).toEqual(answer.daily.map((day) => day.totals.find((t) => t.category === category)?.count ?? 0));
    }
    const delegateEvents = answer.rows.filter((r) => r.category === 'delegate').reduce((sum, r) => sum + r.count, 0);
    expect(series[0].values.reduce((sum, v) => sum + v.y, 0)).toBe(delegateEvents);
    // Hosts without Teams charts read one text bar per day: the day, a bar, the total and its parts.
    const fallback = find(chart.fallback, (r) => r.type === 'FactSet')[0].facts as { title: string; value: string }[];
    expect(fallback.map((f) => f.title)).toEqual(series[0].values.map((v) => v.x));
    const perDay = series[0].values.map((_, i) => series.reduce((sum, s) => sum + s.values[i].y, 0));
    fallback.forEach((line, i) => expect(line.value).toMatch(perDay[i] === 0 ? /^· 0$/ : new RegExp(`^█+ ${perDay[i]}( \\(|$)`)));
    expect(find(card, (r) => r.type === 'Chart.Donut')).toEqual([]);
  });

  it('keeps a month of days in all five categories within the card budget, and still pages the rows', () => {
    const month = activityAnswer({
      rows: rows(400),
      daily: Array.from({ length: 31 }, (_, day) => ({
        from: new Date(Date.parse('2025-04-30T15:00:00.000Z') + day * 86_400_000).toISOString(),
        totals: (['delegate', 'unknown', 'owner-misreport', 'connector', 'application'] as const).map((category, i) => ({ category, count: 1000 + day * 10 + i })),
      })),
    });
    const page = answerCard(month);
    expect(cardBytes(page)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const series = find(page, (r) => r.type === 'Chart.VerticalBar.Grouped')[0].data as { values: unknown[] }[];
    expect(series).toHaveLength(5);
    expect(series.every((s) => s.values.length === 31)).toBe(true);
    expect(executeActions(page).some((a) => a.verb === 'page')).toBe(true);
  });

  it('charts a one-day range as the busiest people, in Japanese day style elsewhere', () => {
    const oneDay = activityAnswer({
      range: { from: '2025-05-06T15:00:00.000Z', to: '2025-05-07T15:00:00.000Z', kind: 'yesterday', timeZone: 'Asia/Tokyo' },
      daily: [{ from: '2025-05-06T15:00:00.000Z', totals: [{ category: 'delegate', count: 9 }] }],
      rows: [
        ...rows(1, { category: () => 'delegate', actor: () => 'few@contoso.com', count: () => 2 }),
        ...rows(1, { category: () => 'delegate', actor: () => `${HOSTILE.link}@contoso.com`, count: () => 7 }),
        ...rows(1, { category: () => 'connector', actor: () => 'noise@contoso.com', count: () => 50 }),
      ],
    });
    const people = answerCard(oneDay);
    const bars = find(people, (r) => r.type === 'Chart.HorizontalBar')[0];
    expect(bars.title).toBe('Sends per person');
    expect(bars.data).toEqual([{ x: `${HOSTILE.link}@contoso.com`, y: 7 }, { x: 'few@contoso.com', y: 2 }]);
    expect(find(people, (r) => r.type === 'Chart.VerticalBar.Grouped')).toEqual([]);
    const lines = find(bars.fallback, (r) => r.type === 'FactSet')[0].facts as { title: string; value: string }[];
    expect(lines[0].title).toBe('\\[click here\\]\\(http://evil.example/steal\\)@contoso.com');
    expect(lines.map((l) => l.value)).toEqual([`${'█'.repeat(20)} 7`, `${'█'.repeat(6)} 2`]);
    const ja = find(answerCard(activityAnswer({ language: 'ja' })), (r) => r.type === 'Chart.VerticalBar.Grouped')[0];
    expect(ja.title).toBe('日別・分類別のイベント数');
    expect((ja.data as { values: { x: string }[] }[])[0].values[0].x).toBe('5月1日');
  });

  it('formats each row in the asker zone with its clients, and drills with the raw addresses', () => {
    const detail = find(card, (r) => typeof r.text === 'string' && r.text.startsWith('1 send'))[0];
    // first 2025-05-01T00:15Z is 09:15 in Tokyo.
    expect(detail.text).toBe('1 send · 1 May 2025 09:15 – 7 May 2025 19:45 · via Outlook on the web');
    const drills = executeActions(card).filter((a) => a.verb === 'drill');
    expect(drills).toHaveLength(6);
    expect(drills[0].data).toEqual({ verb: 'drill', lang: 'en', actor: 'delegate0@contoso.com', sentAs: 'finance@contoso.com', from: answer.range.from, to: answer.range.to });
  });

  it('keeps hostile text literal: escaped where it shows, raw in the button payload', () => {
    const hostile = answerCard(activityAnswer({ rows: rows(1, { category: () => 'delegate', actor: () => `${HOSTILE.template}${HOSTILE.link}` }) }));
    expect(texts(hostile)).toContain('$\\{secret\\} $\\{$root.title\\} $\\{json\\($root\\)\\}\\[click here\\]\\(http://evil.example/steal\\)');
    expect(executeActions(hostile)[0].data).toMatchObject({ actor: `${HOSTILE.template}${HOSTILE.link}` });
  });

  it.each([
    ['who-sent-as', 'en', 'as shared1@contoso.com'],
    ['who-sent-on-behalf', 'en', 'on behalf of shared1@contoso.com'],
    ['who-sent-as', 'ja', 'shared1@contoso.com として'],
    ['who-sent-on-behalf', 'ja', 'shared1@contoso.com の代理'],
  ] as const)('labels a %s row for another identity in its operation\'s words (%s)', (intent, language, label) => {
    const card = answerCard(
      activityAnswer({ intent, language, subject: 'shared0@contoso.com', rows: rows(2, { category: () => 'delegate', sentAs: (i) => `shared${i}@contoso.com` }) }),
    );
    expect(texts(card)).toContain(label);
    if (intent === 'who-sent-on-behalf') expect(texts(card)).not.toMatch(language === 'en' ? /\bas shared/ : /として/);
  });

  it('shows identities sent as for "what did Y send as"', () => {
    const what = answerCard(activityAnswer({ intent: 'what-did-send-as', subject: 'alex@contoso.com', rows: rows(2, { category: () => 'delegate', actor: () => 'alex@contoso.com', sentAs: (i) => `shared${i}@contoso.com` }) }));
    expect((what.body as Json[])[0].text).toBe('Mailboxes alex@contoso.com sent as or on behalf of');
    expect(texts(what)).toMatch(/shared0@contoso\.com[\s\S]*shared1@contoso\.com/);
    expect(texts(what)).toContain('Sent as or on behalf of **2 mailboxes**');
  });

  it('says so when nothing happened', () => {
    const empty = answerCard(activityAnswer({ rows: [], totals: [] }));
    expect(texts(empty)).toContain('No Send As or Send on Behalf events in this range.');
    expect(find(empty, (r) => r.type === 'Chart.Donut')).toEqual([]);
    expect(nextPageData(empty)).toBeUndefined();
  });

  it('leaves the donut to the first page and numbers later pages', () => {
    const long = activityAnswer({ rows: rows(60) });
    const second = answerCard(long, { page: 1 });
    expect(find(second, (r) => r.type === 'Chart.Donut')).toEqual([]);
    expect(texts(second)).toMatch(/Rows \d+–\d+ of 60/);
    expect(nextPageData(answerCard(long))).toMatchObject({ verb: 'page', intent: 'who-sent-as', subject: 'finance@contoso.com', range: long.range, assumed: ['range'], page: 1 });
  });
});

/** The explain card's field rows: a fixed-width label column and a wrapping value column. */
function detailRows(card: AdaptiveCard): { title: string; value: string; labelWidth: unknown; valueWraps: unknown }[] {
  return find(card, (r) => r.type === 'ColumnSet' && (r.columns as Json[]).length === 2 && (r.columns as Json[])[1].width === 'stretch' && (r.columns as Json[])[0].width !== 'stretch')
    .map((row) => {
      const [label, value] = row.columns as Json[];
      const labelText = (label.items as Json[])[0];
      const valueText = (value.items as Json[])[0];
      return { title: labelText.text as string, value: valueText.text as string, labelWidth: label.width, valueWraps: labelText.wrap === true && valueText.wrap === true };
    })
    .filter((row) => typeof row.value === 'string' && typeof row.title === 'string');
}

const detailFacts = (card: AdaptiveCard): Record<string, string> => Object.fromEntries(detailRows(card).map((f) => [f.title, f.value]));

describe('event detail card', () => {
  it('shows the verdict, the reasons as a list and every field, nulls as a dash', () => {
    const card = answerCard(eventDetail({ appId: null }));
    const all = texts(card);
    expect(all).toContain('**Delegates**, high confidence');
    expect(all).toContain('• UserId alex@contoso.com sent as finance@contoso.com \\(SendAsUserSmtp\\), a mailbox that is not theirs.');
    const facts = detailFacts(card);
    expect(facts['Time']).toBe('6 May 2025 09:12 (2025-05-06T08:12:00.000Z)');
    expect(facts['Client IP']).toBe('192.0.2.10');
    expect(facts['App id']).toBe('—');
    expect(facts['Internet message id']).toBe('\\<DB7PR01MB1234.contoso.com\\>');
    expect(facts['Actor in the directory']).toBe('unknown (no directory is configured)');
    expect(Object.keys(facts)).toHaveLength(22);
  });

  it('names logon and user types beside the number Exchange wrote, and ExternalAccess as written', () => {
    const facts = detailFacts(answerCard(eventDetail({ logonType: 2, userType: 0, externalAccess: false })));
    expect(facts['Logon type']).toBe('Delegate (2)');
    expect(facts['User type']).toBe('Regular (0)');
    expect(facts['External access']).toBe('no (False)');
    const ja = detailFacts(answerCard(eventDetail({ logonType: 0, userType: 5, externalAccess: true }, 'ja')));
    expect(ja['ログオンの種類']).toBe('所有者 (0)');
    expect(ja['ユーザーの種類']).toBe('アプリケーション (5)');
    expect(ja['外部アクセス']).toBe('はい (True)');
    // A value with no known name is shown as the bare number, never guessed.
    expect(detailFacts(answerCard(eventDetail({ logonType: 5 })))['Logon type']).toBe('5');
  });

  it('words the client family in the card\'s language, beside the client string as Exchange wrote it', () => {
    const event = { client: 'Client=REST;Client=RESTSystem', clientFamily: 'connector' } as const;
    expect(detailFacts(answerCard(eventDetail(event)))).toMatchObject({ Client: 'Office 365 connector', 'Client string': 'Client=REST;Client=RESTSystem' });
    expect(detailFacts(answerCard(eventDetail(event, 'ja')))).toMatchObject({ クライアント: 'Office 365 コネクタ' });
  });

  it('puts the rule id behind a details toggle, not in the verdict', () => {
    const card = answerCard(eventDetail({}, 'ja'));
    const verdict = find(card, (r) => r.type === 'TextBlock' && typeof r.text === 'string' && r.text.startsWith('**'))[0];
    expect(verdict.text).toBe('**本人以外の送信**（確度: 高）');
    const [toggle] = find(card, (r) => r.type === 'Action.ToggleVisibility');
    expect(toggle).toMatchObject({ title: '判定ルールの詳細', targetElements: ['ruleDetails'] });
    const [hidden] = find(card, (r) => r.id === 'ruleDetails');
    expect(hidden).toMatchObject({ isVisible: false, text: '判定ルール: delegate' });
    expect(card.version).toBe('1.5');
  });

  it('lays Japanese labels in a fixed-width column and lets long ids wrap whole in theirs', () => {
    const longId = `<${'PR01MB1234567890ABCDEF'.repeat(12)}@eurprd01.prod.exchangelabs.com>`;
    const card = answerCard(eventDetail({ internetMessageId: longId }, 'ja'));
    expect(find(card, (r) => r.type === 'FactSet')).toHaveLength(0);
    const rows = detailRows(card);
    expect(rows.map((r) => r.title)).toEqual(expect.arrayContaining(['ログオンの種類', 'インターネット メッセージ ID', 'ディレクトリ上の実行者']));
    expect(new Set(rows.map((r) => r.labelWidth))).toEqual(new Set([expect.stringMatching(/^\d+px$/)]));
    expect(rows.every((r) => r.valueWraps === true)).toBe(true);
    const shown = rows.find((r) => r.title === 'インターネット メッセージ ID')?.value ?? '';
    expect(shown.replace(/\\/g, '')).toBe(longId);
  });

  it('labels the mailbox of a Send on Behalf event as sent on behalf of, never sent as', () => {
    const onBehalf = detailFacts(answerCard(eventDetail({ operation: 'SendOnBehalf' })));
    expect(onBehalf['Sent on behalf of']).toBe('finance@contoso.com');
    expect(onBehalf['Sent as']).toBeUndefined();
    expect(detailFacts(answerCard(eventDetail({ operation: 'SendOnBehalf' }, 'ja')))['代理で送信された相手（差出人）']).toBe('finance@contoso.com');
    expect(detailFacts(answerCard(eventDetail()))['Sent as']).toBe('finance@contoso.com');
  });
});

describe('help card', () => {
  it.each(['en', 'ja'] as const)('offers the parser examples (%s) as buttons that ask them, and the blind spot once', (language) => {
    const card = helpCard(language);
    const asks = executeActions(card).map((a) => (a.data as { question: string }).question);
    expect(asks).toEqual([...EXAMPLE_QUESTIONS[language].filter((e) => e.intent !== 'help').map((e) => e.text), ...RIGHTS_EXAMPLE_QUESTIONS[language]]);
    expect(markdownTexts(card).filter((t) => /Outlook Mobile/.test(t))).toHaveLength(1);
  });

  it.each(['en', 'ja'] as const)('offers a rights question (%s) of each kind that needs no name, under its own heading', (language) => {
    const kinds = RIGHTS_EXAMPLE_QUESTIONS[language].map((question) => parseRightsQuestion(question)?.kind);
    expect(kinds).toEqual(['who-can-send-as', 'dormant', 'without-right', 'access-review']);
    expect(texts(helpCard(language))).toContain(language === 'en' ? 'Who holds a right, as against who used one' : '権限を持っている人（実際に使ったかどうかとは別）');
  });

  it('greets on welcome and offers the suggestion when a question was not understood', () => {
    expect(texts(helpCard('en', { welcome: true }))).toContain('Welcome to SendAs Watch');
    const card = helpCard('en', { suggestion: 'who sent as finance this week' });
    expect(texts(card)).toContain("I didn't understand that.");
    expect(texts(card)).toContain('Did you mean: who sent as finance this week');
    expect(executeActions(card)[0]).toMatchObject({ verb: 'ask', data: { verb: 'ask', question: 'who sent as finance this week' } });
    expect(texts(helpCard('en'))).not.toContain("didn't understand");
  });
});

describe('anomaly card', () => {
  it('words each anomaly from its kind and facts, most severe first, with the right buttons', () => {
    const card = anomalyCard('en', 'Asia/Tokyo', [
      anomaly(2, { severity: 'low', kind: 'external-actor', actor: 'guest@fabrikam.com', facts: { actorDomain: 'fabrikam.com', reason: 'outside-domains', operations: 'SendAs' }, evidence: ['e1'] }),
      anomaly(1, { severity: 'high', kind: 'spike', actor: 'alex@contoso.com', facts: { sends: 42, baselinePeak: 3, operations: 'SendAs' }, evidence: ['e2', 'e3'] }),
    ]);
    const all = texts(card);
    expect(all).toContain('2 anomalies need a look');
    expect(all.indexOf('High · Spike')).toBeLessThan(all.indexOf('Low · External sender'));
    expect(all).toContain('alex@contoso.com sent as finance@contoso.com 42 times in one day; the busiest day before had 3.');
    expect(all).toContain('guest@fabrikam.com, an account outside your organisation, sent as finance@contoso.com.');
    expect(all).toContain('The domain fabrikam.com is not one of yours');
    const actions = executeActions(card).map((a) => a.data);
    expect(actions).toEqual([
      { verb: 'evidence', lang: 'en', anomaly: 'spike:finance@contoso.com:1' },
      { verb: 'mute', lang: 'en', kind: 'spike', mailbox: 'finance@contoso.com' },
      { verb: 'explain', lang: 'en', eventId: 'e1' },
      { verb: 'mute', lang: 'en', kind: 'external-actor', mailbox: 'finance@contoso.com' },
    ]);
  });

  it('counts what does not fit and offers the whole list', () => {
    const many = Array.from({ length: 200 }, (_, i) => anomaly(i));
    const card = anomalyCard('en', 'UTC', many);
    const shown = find(card, (r) => typeof r.id === 'string' && r.id.startsWith('row-')).length;
    expect(shown).toBeLessThan(200);
    expect(texts(card)).toContain(`${200 - shown} more anomalies are not shown.`);
    expect(nextPageData(card)).toMatchObject({ verb: 'page', intent: 'anomalies', subject: null, page: 0, range: { from: '2025-05-01T10:00:00.000Z', to: '2025-05-07T10:00:01.000Z', kind: 'between' } });
  });
});

describe('mute notices', () => {
  it('offer to undo a mute, in the words of the asker, and nothing to undo once it is lifted', () => {
    const muted = noticeCard('ja', { kind: 'muted', anomalyKind: 'spike', mailbox: ' Finance@contoso.com ', already: false });
    expect(executeActions(muted).map((a) => [a.title, a.data])).toEqual([['元に戻す', { verb: 'unmute', lang: 'ja', kind: 'spike', mailbox: 'Finance@contoso.com' }]]);
    const lifted = noticeCard('en', { kind: 'unmuted', anomalyKind: 'spike', mailbox: 'finance@contoso.com', already: false });
    expect(texts(lifted)).toContain('I will post “Spike” anomalies about finance@contoso.com in this conversation again');
    expect(executeActions(lifted)).toEqual([]);
    expect(executeActions(noticeCard('en', { kind: 'muted', anomalyKind: 'spike', mailbox: 'a\u0000b@contoso.com', already: false }))).toEqual([]);
  });
});

describe('lookup cards', () => {
  it('re-asks the asker own question with each candidate address', () => {
    const card = answerCard(ambiguousAnswer(['finance@contoso.com', 'finance-emea@contoso.com']), { question: 'who sent as Finance last week' });
    expect(executeActions(card).map((a) => [a.title, (a.data as { question: string }).question])).toEqual([
      ['finance@contoso.com', 'who sent as finance@contoso.com last week'],
      ['finance-emea@contoso.com', 'who sent as finance-emea@contoso.com last week'],
    ]);
  });

  it('falls back to the parser canonical question, and counts candidates beyond ten', () => {
    const card = answerCard(ambiguousAnswer(Array.from({ length: 14 }, (_, i) => `finance${i}@contoso.com`), 'ja'));
    const actions = executeActions(card);
    expect(actions).toHaveLength(10);
    expect((actions[0].data as { question: string }).question).toBe('今週 finance0@contoso.com として送信したのは誰');
    expect(texts(card)).toContain('ほかに 4 件あります');
  });

  it('offers near matches: questions for addresses, explain for event ids', () => {
    const address = answerCard(notFoundAnswer('address', ['finance@contoso.com']), { question: 'who sent as finanse yesterday' });
    expect(executeActions(address)[0].data).toEqual({ verb: 'ask', lang: 'en', question: 'who sent as finance@contoso.com yesterday' });
    const event = answerCard(notFoundAnswer('event', ['evt-1'], 'en', 'evt-l'));
    expect(executeActions(event)[0]).toMatchObject({ verb: 'explain', data: { verb: 'explain', eventId: 'evt-1' } });
    expect(texts(event)).toContain('No audit event has the id “evt-l”.');
  });
});

describe('status cards', () => {
  it('refuses politely, naming who can grant access, and nothing else', () => {
    expect(texts(refusalCard('en'))).toContain('The administrator who runs SendAs Watch in your organisation can add you to that list.');
    expect(texts(refusalCard('en', { contact: 'it-admins@contoso.com' }))).toContain('Ask it-admins@contoso.com to add you to that list.');
  });

  it('shows the correlation id and neutral words on an error', () => {
    const card = errorCard('ja', 'req_42');
    expect(texts(card)).toContain('req\\_42');
    expect(texts(card)).toContain('問題が発生しました');
  });

  it('reports what is fetched and for how long', () => {
    const input = { what: 'Send As events, 1–7 May', startedAt: new Date('2025-05-07T10:00:00Z'), now: new Date('2025-05-07T11:03:25Z'), timeZone: 'Asia/Tokyo' };
    expect(texts(progressCard('en', input))).toContain('1 h 3 min 25 s');
    expect(texts(progressCard('en', input))).toContain('7 May 2025 19:00 (Asia/Tokyo)');
    expect(texts(progressCard('ja', input))).toContain('1時間3分25秒');
  });

  it('wraps a card as an attachment', () => {
    const card = refusalCard('en');
    expect(cardAttachment(card)).toEqual({ contentType: 'application/vnd.microsoft.card.adaptive', content: card });
  });
});
