import { Readable } from 'node:stream';
import { loadExport } from '../../src/sources/file';
import { SqliteStore } from '../../src/store/sqlite/store';

function record(id: string, time: string): string {
  return JSON.stringify({
    CreationTime: time,
    Id: id,
    Operation: 'SendAs',
    RecordType: 2,
    ResultStatus: 'Succeeded',
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    UserId: 'alex@contoso.com',
    MailboxOwnerUPN: 'finance@contoso.com',
    SendAsUserSmtp: 'finance@contoso.com',
    ClientInfoString: 'Client=OWA;Action=ViaProxy',
  });
}

describe('an export file as a source', () => {
  it('is a snapshot no earlier than its newest record: settled up to 74 h before that record, provisional after', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const lines = [record('6e1d2a8c-3b4f-4c5d-9e8f-0a1b2c3d4e51', '2026-11-01T00:00:00'), record('6e1d2a8c-3b4f-4c5d-9e8f-0a1b2c3d4e52', '2026-11-10T12:00:00')];
      const tally = await loadExport(Readable.from([`${lines.join('\n')}\n`]), store, 'file:audit.jsonl');
      expect(tally).toMatchObject({ inserted: 2, rejected: 0 });
      expect(await store.coverage({ from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).toEqual([
        { from: '2026-11-01T00:00:00.000Z', to: '2026-11-07T10:00:00.000Z', level: 'settled', checkedAt: '2026-11-10T12:00:00.000Z' },
        { from: '2026-11-07T10:00:00.000Z', to: '2026-11-10T12:00:00.001Z', level: 'provisional', checkedAt: '2026-11-10T12:00:00.000Z' },
      ]);
    } finally {
      await store.close();
    }
  });
});
