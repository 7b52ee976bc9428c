import { acceptableUploadUrl, uploadToSession } from '../../src/export/upload';
import { FakeOneDriveUpload } from '../fakes/onedrive-upload';

describe('uploadToSession against a fake OneDrive upload session', () => {
  let onedrive: FakeOneDriveUpload;
  const fast = { backoffMs: () => 1 };
  beforeAll(async () => {
    onedrive = await new FakeOneDriveUpload().start();
  });
  afterAll(() => onedrive.stop());

  it('puts the whole file in one fragment and the session completes it', async () => {
    const session = onedrive.openSession('a.csv');
    const bytes = Buffer.from('\uFEFFtime_utc\r\n2026-11-10T09:00:00.000Z\r\n', 'utf8');
    expect(await uploadToSession(session.uploadUrl, bytes, fast)).toEqual({ kind: 'uploaded' });
    expect(onedrive.file(session.id)).toEqual(bytes);
    const [put] = onedrive.puts.filter((p) => p.sessionId === session.id);
    expect(put.headers['content-range']).toBe(`bytes 0-${bytes.length - 1}/${bytes.length}`);
    expect(put.headers['content-length']).toBe(String(bytes.length));
  });

  it('gives up after the retries when the session keeps answering 5xx', async () => {
    const session = onedrive.openSession('b.csv');
    for (let i = 0; i < 3; i += 1) onedrive.inject({ status: 500 });
    expect(await uploadToSession(session.uploadUrl, Buffer.from('x'), { ...fast, retries: 2 })).toEqual({ kind: 'failed', status: 500, detail: 'HTTP 500' });
    expect(onedrive.puts.filter((p) => p.sessionId === session.id)).toHaveLength(3);
    expect(onedrive.file(session.id)).toBeNull();
  });

  it('does not retry what a retry cannot fix (400), and reports an expired session as such', async () => {
    const session = onedrive.openSession('c.csv');
    onedrive.inject({ status: 400 });
    expect(await uploadToSession(session.uploadUrl, Buffer.from('x'), fast)).toMatchObject({ kind: 'failed', status: 400 });
    expect(onedrive.puts.filter((p) => p.sessionId === session.id)).toHaveLength(1);
    onedrive.expire(session.id);
    expect(await uploadToSession(session.uploadUrl, Buffer.from('x'), fast)).toEqual({ kind: 'expired', status: 404 });
  });

  it('writes only to https, or to http on this machine', async () => {
    expect(acceptableUploadUrl('https://contoso-my.sharepoint.com/up/1')).toBe(true);
    expect(acceptableUploadUrl('http://127.0.0.1:8080/up/1')).toBe(true);
    expect(acceptableUploadUrl('http://169.254.169.254/latest/meta-data')).toBe(false);
    expect(acceptableUploadUrl('file:///etc/passwd')).toBe(false);
    expect(acceptableUploadUrl('not a url')).toBe(false);
    expect(await uploadToSession('http://10.0.0.1/up', Buffer.from('x'), fast)).toMatchObject({ kind: 'failed', status: null });
  });
});
