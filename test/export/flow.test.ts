import { parse } from 'csv-parse/sync';
import type { App } from '../../src/app';
import { startApp } from '../../src/app';
import { createLogger } from '../../src/runtime/logger';
import type { Config } from '../../src/config';
import { loadConfig } from '../../src/config';
import { FakeConnector } from '../fakes/connector';
import type { ConnectorCall } from '../fakes/connector';
import { FakeOneDriveUpload } from '../fakes/onedrive-upload';
import { cardActions, cardText, postActivity, teamsMessage } from '../support/activities';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

interface Attachment {
  contentType: string;
  name?: string;
  contentUrl?: string;
  content: Record<string, unknown>;
}

function testConfig(): Config {
  const result = loadConfig({ PORT: '0', STORE_PATH: ':memory:', DEMO_USERS: '200', DEMO_DAYS: '30', LOG_LEVEL: 'silent' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

function attachmentsOf(call: ConnectorCall | undefined): Attachment[] {
  return (call?.body?.attachments as Attachment[] | undefined) ?? [];
}

/**
 * The whole export flow over real HTTP: the app in this process, a fake Bot Connector for its replies
 * and a fake OneDrive upload session for the file, on the demo tenant.
 */
describe('export as a file through Teams file consent', () => {
  let connector: FakeConnector;
  let onedrive: FakeOneDriveUpload;
  let app: App;

  beforeAll(async () => {
    connector = await new FakeConnector().start();
    onedrive = await new FakeOneDriveUpload().start();
    app = await startApp(testConfig(), createLogger('silent'), { now: () => NOW });
  });
  afterAll(async () => {
    await app.close();
    await connector.stop();
    await onedrive.stop();
  });

  /** The bot's messages (not its typing indicators). */
  const messages = (): ConnectorCall[] => connector.activities().filter((c) => c.body?.type !== 'typing');

  /** Posts an activity and waits for the bot's next message. */
  async function exchange(activity: Record<string, unknown>): Promise<{ status: number; body: string; call: ConnectorCall }> {
    const before = messages().length;
    const response = await postActivity(app.url, activity);
    await connector.waitFor(() => messages().length > before);
    return { ...response, call: messages().at(-1)! };
  }

  function consentInvoke(action: 'accept' | 'decline', context: unknown, uploadInfo?: unknown, options: Partial<Parameters<typeof teamsMessage>[0]> = {}): Record<string, unknown> {
    const base = teamsMessage({ serviceUrl: connector.url, ...options });
    return { ...base, type: 'invoke', name: 'fileConsent/invoke', text: undefined, value: { type: 'fileUpload', action, context, ...(uploadInfo === undefined ? {} : { uploadInfo }) } };
  }

  async function askForConsent(text: string, options: Partial<Parameters<typeof teamsMessage>[0]> = {}): Promise<Attachment> {
    const { status, call } = await exchange(teamsMessage({ serviceUrl: connector.url, text, ...options }));
    expect(status).toBe(200);
    const consent = attachmentsOf(call).find((a) => a.contentType === CONSENT);
    expect(consent).toBeDefined();
    return consent!;
  }

  it('offers the CSV with a file consent card naming the file, its size and what is in it', async () => {
    const consent = await askForConsent('export who sent as finance@contoso.com this week');
    expect(consent.name).toBe('sendas-finance@contoso.com-2026-11-16-to-2026-11-18.csv');
    expect(consent.content.sizeInBytes).toEqual(expect.any(Number));
    expect(consent.content.sizeInBytes as number).toBeGreaterThan(100);
    expect(String(consent.content.description)).toMatch(/^\d+ audit events? \(Send As\) for finance@contoso\.com, .+ as a CSV file/);
    expect(consent.content.acceptContext).toEqual({
      export: { verb: 'export', from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), sentAs: 'finance@contoso.com', operation: 'SendAs' },
    });
    expect(consent.content.declineContext).toEqual({ fileName: consent.name });
  });

  it('on accept PUTs the bytes into the upload session with a Content-Range, then posts a file info card and answers the invoke 200', async () => {
    const consent = await askForConsent('export who sent as finance@contoso.com this week');
    const session = onedrive.openSession(consent.name!);
    const { status, call } = await exchange(consentInvoke('accept', consent.content.acceptContext, session.uploadInfo));
    expect(status).toBe(200);

    const file = onedrive.file(session.id);
    expect(file).not.toBeNull();
    const put = onedrive.puts.filter((p) => p.sessionId === session.id);
    expect(put).toHaveLength(1);
    expect(put[0].headers['content-range']).toBe(`bytes 0-${file!.length - 1}/${file!.length}`);
    expect(put[0].headers.authorization).toBeUndefined();
    // Nothing changed in the store between the offer and the accept: the same bytes.
    expect(file!.length).toBe(consent.content.sizeInBytes);

    const text = file!.toString('utf8');
    expect(text.startsWith('\uFEFFtime_utc,operation,category,actor,mailbox,sent_as,client,client_ip,subject,recipients,reasons,event_id\r\n')).toBe(true);
    const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.sent_as).toBe('finance@contoso.com');
      expect(row.operation).toBe('SendAs');
      expect(Date.parse(row.time_utc)).toBeGreaterThanOrEqual(Date.parse('2026-11-16T00:00:00.000Z'));
      expect(Date.parse(row.time_utc)).toBeLessThan(NOW.getTime());
      expect(row.event_id).not.toBe('');
    }

    const info = attachmentsOf(call).find((a) => a.contentType === FILE_INFO);
    expect(info).toEqual({ contentType: FILE_INFO, contentUrl: session.contentUrl, name: session.name, content: { uniqueId: session.uniqueId, fileType: 'csv' } });
    expect(String(call.body?.text)).toContain(`${rows.length} event`);
  });

  it('retries a 503 from the upload session and still delivers the whole file', async () => {
    const consent = await askForConsent('export who sent as finance@contoso.com this week');
    const session = onedrive.openSession(consent.name!);
    onedrive.inject({ status: 503, headers: { 'Retry-After': '1' } });
    const { status, call } = await exchange(consentInvoke('accept', consent.content.acceptContext, session.uploadInfo));
    expect(status).toBe(200);
    expect(onedrive.puts.filter((p) => p.sessionId === session.id).map((p) => p.status)).toEqual([503, 201]);
    expect(onedrive.file(session.id)?.length).toBe(consent.content.sizeInBytes);
    expect(attachmentsOf(call).some((a) => a.contentType === FILE_INFO)).toBe(true);
  });

  it('says the upload link expired when the session answers 404, and sends no file card', async () => {
    const consent = await askForConsent('export who sent as finance@contoso.com this week');
    const session = onedrive.openSession(consent.name!);
    onedrive.expire(session.id);
    const { status, call } = await exchange(consentInvoke('accept', consent.content.acceptContext, session.uploadInfo));
    expect(status).toBe(200);
    expect(attachmentsOf(call).some((a) => a.contentType === FILE_INFO)).toBe(false);
    expect(cardText(attachmentsOf(call)[0]?.content)).toMatch(/expired/);
    expect(onedrive.file(session.id)).toBeNull();
  });

  it('says so on decline and uploads nothing', async () => {
    const consent = await askForConsent('export who sent as finance@contoso.com this week');
    const putsBefore = onedrive.puts.length;
    const { status, call } = await exchange(consentInvoke('decline', consent.content.declineContext));
    expect(status).toBe(200);
    expect(cardText(attachmentsOf(call)[0]?.content)).toMatch(/Export cancelled/);
    expect(onedrive.puts.length).toBe(putsBefore);
  });

  it('offers the same file from the Export button on an answer card (Action.Execute)', async () => {
    const { call } = await exchange(teamsMessage({ serviceUrl: connector.url, text: 'who sent as finance@contoso.com this week' }));
    const answer = attachmentsOf(call)[0]?.content;
    const button = cardActions(answer).find((a) => a.verb === 'export');
    expect(button?.data).toEqual({ verb: 'export', lang: 'en', from: '2026-11-16T00:00:00.000Z', to: NOW.toISOString(), sentAs: 'finance@contoso.com', operation: 'SendAs' });
    const invoke = {
      ...teamsMessage({ serviceUrl: connector.url }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'export', data: button!.data } },
    };
    const { status, call: offer } = await exchange(invoke);
    expect(status).toBe(200);
    expect(attachmentsOf(offer).find((a) => a.contentType === CONSENT)?.content.acceptContext).toEqual({ export: button!.data });
  });

  it('understands the Japanese forms and words the consent card in Japanese', async () => {
    const consent = await askForConsent('先月 finance の送信者をCSVで', { locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
    expect(consent.name).toBe('sendas-finance@contoso.com-2026-10-01-to-2026-10-31.csv');
    expect(String(consent.content.description)).toMatch(/finance@contoso\.com の Send As 監査イベント [\d,]+ 件/);
    const second = await askForConsent('先月 finance の送信者をエクスポート', { locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
    expect(second.content.acceptContext).toEqual(consent.content.acceptContext);
  });

  it('in a group chat or channel asks the admin to continue in a personal chat, and offers no file', async () => {
    for (const conversationType of ['groupChat', 'channel'] as const) {
      const { call } = await exchange(
        teamsMessage({ serviceUrl: connector.url, text: 'export who sent as finance@contoso.com this week', conversationType, conversationId: `19:${conversationType}@thread.v2` }),
      );
      const attachments = attachmentsOf(call);
      expect(attachments.some((a) => a.contentType === CONSENT)).toBe(false);
      expect(cardText(attachments[0]?.content)).toMatch(/personal chat/);
      expect(cardText(attachments[0]?.content)).toContain('export who sent as finance@contoso.com this week');
    }
  });

  it('refuses a consent whose context was altered, without uploading', async () => {
    const session = onedrive.openSession('forged.csv');
    const { status, call } = await exchange(consentInvoke('accept', { export: { verb: 'export', from: 'yesterday', to: 'now' } }, session.uploadInfo));
    expect(status).toBe(200);
    expect(cardText(attachmentsOf(call)[0]?.content)).toMatch(/upload failed/i);
    expect(onedrive.puts.filter((p) => p.sessionId === session.id)).toHaveLength(0);
  });
});
