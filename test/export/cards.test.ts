import { Responder } from '../../src/bot/respond';
import type { Asker } from '../../src/bot/respond';
import { exportNoticeCard, fileConsentAttachment, parseCardAction } from '../../src/cards';
import { SqliteStore } from '../../src/store/sqlite/store';
import { cardActions, cardText } from '../support/activities';
import { classified, event } from '../support/events';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const EN: Asker = { locale: 'en-US', timeZone: 'UTC' };
const JA: Asker = { locale: 'ja-JP', timeZone: 'Asia/Tokyo' };

describe('the Export button and the export cards', () => {
  let store: SqliteStore;
  let responder: Responder;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.ingest([
      classified(event({ time: '2026-11-16T09:00:00.000Z' })),
      classified(event({ time: '2026-11-17T09:00:00.000Z', subject: '=1+1' })),
      classified(event({ time: '2026-11-17T10:00:00.000Z', operation: 'SendOnBehalf', sentAs: 'ceo@contoso.com', mailbox: 'ceo@contoso.com' })),
    ]);
    responder = new Responder({ store, now: () => NOW });
  });
  afterAll(() => store.close());

  it('sits on an answer card with the answer’s range, mailbox and operation, and the bot reads it back', async () => {
    const reply = await responder.respondToText('who sent on behalf of ceo@contoso.com this week', EN);
    const button = cardActions(reply.cards[0]).find((a) => a.verb === 'export');
    expect((button as { title?: string } | undefined)?.title).toBe('Export CSV');
    expect(button?.data).toEqual({ verb: 'export', lang: 'en', from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), sentAs: 'ceo@contoso.com', operation: 'SendOnBehalf' });
    const parsed = parseCardAction(button?.data);
    expect(parsed.ok && (await responder.respondToAction(parsed.action, EN)).export?.scope).toEqual(button?.data);
  });

  it('is missing when the answer has no events', async () => {
    const reply = await responder.respondToText('who sent as finance@contoso.com last month', EN);
    expect(cardActions(reply.cards[0]).some((a) => a.verb === 'export')).toBe(false);
  });

  it('sits on an events card with its actor and mailbox, in Japanese for a Japanese asker', async () => {
    const reply = await responder.respondToAction(
      { verb: 'drill', actor: 'alex.wilber@contoso.com', sentAs: 'finance@contoso.com', from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString() },
      JA,
    );
    const button = cardActions(reply.cards[0]).find((a) => a.verb === 'export');
    expect((button as { title?: string } | undefined)?.title).toBe('CSV でエクスポート');
    expect(button?.data).toEqual({ verb: 'export', lang: 'ja', from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), actor: 'alex.wilber@contoso.com', sentAs: 'finance@contoso.com' });
  });

  it('an export button without anyone named is refused as malformed (no tenant-wide export from a forged card)', () => {
    expect(parseCardAction({ verb: 'export', from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString() })).toMatchObject({ ok: false });
  });

  it('prepares the file and a consent card whose description counts the events', async () => {
    const prepared = await responder.prepareExport({ verb: 'export', from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), sentAs: 'finance@contoso.com', operation: 'SendAs' }, JA);
    expect(prepared.kind).toBe('file');
    if (prepared.kind !== 'file') return;
    expect(prepared.file.rows).toBe(2);
    expect(prepared.consent.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(prepared.consent.content.sizeInBytes).toBe(prepared.file.bytes.length);
    expect(prepared.consent.content.description).toMatch(/^finance@contoso\.com の Send As 監査イベント 2 件（.+）の CSV ファイルです。/);
    expect(prepared.file.bytes.toString('utf8')).toContain(",'=1+1,");
  });

  it('says there is nothing to export for an empty range instead of offering an empty file', async () => {
    const prepared = await responder.prepareExport({ verb: 'export', from: '2026-10-01T00:00:00.000Z', to: '2026-10-02T00:00:00.000Z', sentAs: 'finance@contoso.com' }, EN);
    expect(prepared.kind).toBe('empty');
    expect(prepared.kind === 'empty' && cardText(prepared.card)).toMatch(/Nothing to export/);
  });

  it('words the group chat redirect in both languages, quoting the question to ask', () => {
    expect(cardText(exportNoticeCard('en', { kind: 'personal-only', question: 'export who sent as finance last month' }))).toMatch(/personal chat.*“export who sent as finance last month”/s);
    expect(cardText(exportNoticeCard('ja', { kind: 'personal-only', question: null }))).toMatch(/個人チャット/);
  });

  it('says on the consent card how many events the bound left out, in both languages', () => {
    const request = {
      fileName: 'f.csv',
      sizeInBytes: 1234,
      rows: 10_000,
      total: 12_345,
      capped: true,
      operation: null,
      who: 'alex@contoso.com',
      range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
      timeZone: 'UTC',
      acceptContext: {},
      declineContext: {},
    };
    expect(fileConsentAttachment('en', request).content.description).toMatch(/\(Send As and Send on Behalf\).*newest 10,000 of 12,345: narrow the range/);
    expect(fileConsentAttachment('ja', request).content.description).toMatch(/全 12,345 件のうち新しい 10,000 件/);
  });

  it('words a Japanese question’s consent card in Japanese even from an English-locale client', async () => {
    const reply = await responder.respondToText('今週 finance@contoso.com の送信者をエクスポート', EN);
    expect(reply.export?.language).toBe('ja');
    const prepared = await responder.prepareExport(reply.export!.scope, EN, reply.export!.language);
    expect(prepared.kind === 'file' && prepared.consent.content.description).toMatch(/監査イベント/);
  });

  it('answers first (progress card) when Graph still has to fetch the range, instead of offering a partial file', async () => {
    const withGraph = new Responder({ store, now: () => NOW, graph: { missing: (range) => Promise.resolve([{ from: range.from, to: range.to }]) } });
    const reply = await withGraph.respondToText('export who sent as finance@contoso.com this week', EN);
    expect(reply.export).toBeUndefined();
    expect(reply.pending?.windows).toEqual([{ from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString() }]);
    const fetched = new Responder({ store, now: () => NOW, graph: { missing: () => Promise.resolve([]) } });
    expect((await fetched.respondToText('export who sent as finance@contoso.com this week', EN)).export).toBeDefined();
  });
});
