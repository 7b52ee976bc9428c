import { TestAdapter } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { Authorizer } from '../../src/bot/auth';
import { SendAsWatchBot } from '../../src/bot/bot';
import { Responder } from '../../src/bot/respond';
import { createLogger } from '../../src/runtime/logger';
import { SqliteStore } from '../../src/store/sqlite/store';
import { cardText } from '../support/activities';
import { classified, event } from '../support/events';

const NOW = new Date('2026-11-18T10:00:00.000Z');
const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const ADMIN = '00000000-0000-4000-8000-00000000a001';
const SCOPE = { verb: 'export', from: '2026-11-01T00:00:00.000Z', to: NOW.toISOString(), sentAs: 'finance@contoso.com', operation: 'SendAs' };
const UPLOAD_INFO = { name: 'x.csv', uploadUrl: 'https://contoso-my.sharepoint.com/up/1', contentUrl: 'https://contoso-my.sharepoint.com/x.csv', uniqueId: 'ABC', fileType: 'csv' };

/** The admin check applies to file consent invokes as to messages: a stranger's accept uploads nothing. */
describe('file consent invokes and the admin check', () => {
  let store: SqliteStore;
  let adapter: TestAdapter;
  const uploads: { url: string; bytes: Buffer }[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.ingest([classified(event({ time: '2026-11-10T09:00:00.000Z', subject: 'Merger plans (confidential)' }))]);
    const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
    const bot = new SendAsWatchBot({
      responder: new Responder({ store, now: () => NOW }),
      authorizer: new Authorizer({ anonymous: false, tenantId: TENANT, admins: [ADMIN] }, logger),
      logger,
      upload: (url, bytes) => {
        uploads.push({ url, bytes });
        return Promise.resolve({ kind: 'uploaded' });
      },
    });
    adapter = new TestAdapter((context) => bot.run(context), { channelId: 'msteams' });
  });
  afterAll(() => store.close());

  async function accept(aadObjectId: string): Promise<Partial<Activity>[]> {
    const before = adapter.activeQueue.length;
    await adapter
      .send({
        type: 'invoke',
        name: 'fileConsent/invoke',
        from: { id: '29:someone', name: 'Someone', aadObjectId },
        conversation: { id: 'a:chat', tenantId: TENANT, isGroup: false, conversationType: 'personal', name: 'chat' },
        channelData: { tenant: { id: TENANT } },
        locale: 'en-US',
        value: { type: 'fileUpload', action: 'accept', context: { export: SCOPE }, uploadInfo: UPLOAD_INFO },
      })
      .startTest();
    return adapter.activeQueue.splice(before);
  }

  it('refuses a non-admin and uploads nothing', async () => {
    const sent = await accept('99999999-0000-4000-8000-000000000bad');
    expect(uploads).toHaveLength(0);
    expect(sent.flatMap((a) => a.attachments ?? []).map((a) => cardText(a.content)).join('\n')).toMatch(/admin/i);
    expect(sent.some((a) => a.type === 'invokeResponse' && (a.value as { status: number }).status === 200)).toBe(true);
  });

  it('lets an admin through: the file is built from the returned scope and uploaded, then shown as a file card', async () => {
    const sent = await accept(ADMIN);
    expect(uploads).toHaveLength(1);
    expect(uploads[0].url).toBe(UPLOAD_INFO.uploadUrl);
    expect(uploads[0].bytes.toString('utf8')).toContain('finance@contoso.com');
    const info = sent.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.info');
    expect(uploads[0].bytes.toString('utf8')).toContain('Merger plans (confidential)');
    // The subject is in the file, for the admin, and nowhere in the logs.
    expect(logLines.some((line) => line.includes('"event":"export-uploaded"'))).toBe(true);
    expect(logLines.join('\n')).not.toContain('Merger plans');
    expect(info).toEqual({ contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: UPLOAD_INFO.contentUrl, name: 'x.csv', content: { uniqueId: 'ABC', fileType: 'csv' } });
  });
});
