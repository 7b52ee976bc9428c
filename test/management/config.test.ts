import { loadConfig } from '../../src/config';

const TENANT = '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const GRAPH = { AUDIT_SOURCE: 'graph', AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70', AZURE_CLIENT_SECRET: 'secret' };

describe('AUDIT_FEED settings', () => {
  it('defaults to the Graph feed', () => {
    const result = loadConfig(GRAPH);
    expect(result.ok && result.config.feed).toEqual({ kind: 'graph' });
  });

  it('management-activity reads the tenant, the publisher (the tenant by default), the API root and the interval', () => {
    const result = loadConfig({ ...GRAPH, AUDIT_FEED: 'management-activity', MANAGEMENT_BASE_URL: 'https://manage.office365.us/' });
    expect(result.ok && result.config.feed).toEqual({ kind: 'management-activity', tenantId: TENANT, baseUrl: 'https://manage.office365.us', publisherId: TENANT, intervalSeconds: 60 });
  });

  it('refuses, with every reason at once, a feed without Graph, without a tenant id, or with a bad publisher, root or interval', () => {
    const result = loadConfig({ AUDIT_SOURCE: 'demo', AUDIT_FEED: 'management-activity', MANAGEMENT_PUBLISHER_ID: 'contoso' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringContaining('needs AUDIT_SOURCE=graph'),
      expect.stringContaining('needs AZURE_TENANT_ID'),
      expect.stringContaining('MANAGEMENT_PUBLISHER_ID'),
    ]);
    const bad = loadConfig({ ...GRAPH, AUDIT_FEED: 'webhook', MANAGEMENT_BASE_URL: 'manage.office.com', MANAGEMENT_FEED_INTERVAL_SECONDS: '0' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.split(':')[0]).sort()).toEqual(['AUDIT_FEED', 'MANAGEMENT_BASE_URL', 'MANAGEMENT_FEED_INTERVAL_SECONDS']);
  });
});
