import { normalizeRecord } from '../../src/audit/normalize';
import { owaDelegateSend } from '../../src/classify/rules/base-record.cases';
import { findAnomalies } from '../../src/detect/find';
import { SqliteStore } from '../../src/store/sqlite/store';
import { classified } from '../support/events';
import { TEST_BOUNDS } from '../support/read';

const NOW = new Date('2026-11-20T06:00:00.000Z');
const WINDOW = { from: '2026-11-19T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };

function stored(overrides: Record<string, unknown>) {
  const result = normalizeRecord({ ...owaDelegateSend, ...overrides }, TEST_BOUNDS);
  if (result.kind !== 'event') throw new Error(JSON.stringify(result));
  return classified(result.event);
}

describe('a person dressing their send up as connector noise', () => {
  it('is classified a delegate and the watched mailbox still alerts, through the store and the detectors', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const spoof = stored({
        Id: '9a8b7c6d-0000-4000-8000-000000000001',
        CreationTime: '2026-11-19T10:00:00',
        UserId: 'megan.bowen@contoso.com',
        MailboxOwnerUPN: 'finance@contoso.com',
        SendAsUserSmtp: 'finance@contoso.com',
        ClientInfoString: 'Client=WebServices;ConnectorWorkProvider',
      });
      expect(spoof.classification.category).toBe('delegate');
      await store.ingest([spoof]);
      const found = await findAnomalies(store, { window: WINDOW, now: NOW, settings: { watchlist: ['finance@contoso.com'], tenantDomains: ['contoso.com'] } });
      const watched = found.filter((a) => a.kind === 'watched-mailbox');
      expect(watched).toHaveLength(1);
      expect(watched[0]).toMatchObject({ actor: 'megan.bowen@contoso.com', mailbox: 'finance@contoso.com', severity: 'high', evidence: [spoof.event.id] });
      expect(watched[0].facts.categories).toBe('delegate');
    } finally {
      await store.close();
    }
  });

  it('a real connector record on a watched mailbox alerts too: noise is still watched', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const connector = stored({
        Id: '9a8b7c6d-0000-4000-8000-000000000002',
        CreationTime: '2026-11-19T11:00:00',
        UserId: 'lee.gu@contoso.com',
        MailboxOwnerUPN: 'finance@contoso.com',
        SendAsUserSmtp: 'finance@contoso.com',
        ClientInfoString: 'ConnectorWorkProvider',
      });
      expect(connector.classification.category).toBe('connector');
      await store.ingest([connector]);
      const found = await findAnomalies(store, { window: WINDOW, now: NOW, settings: { watchlist: ['finance@contoso.com'] } });
      expect(found.filter((a) => a.kind === 'watched-mailbox').map((a) => a.facts.categories)).toEqual(['connector']);
    } finally {
      await store.close();
    }
  });
});
