import { loadConfig } from '../../src/config';

const GRAPH = { AUDIT_SOURCE: 'graph', AZURE_TENANT_ID: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', AZURE_CLIENT_ID: '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70', AZURE_CLIENT_SECRET: 'secret' };

describe('GRAPH_ADMIN_RECORDS', () => {
  it('is on unless set: admin records come in the SendAs query, at no extra submission', () => {
    const result = loadConfig(GRAPH);
    expect(result.ok && result.config.graph.adminRecords).toBe(true);
    const blank = loadConfig({ ...GRAPH, GRAPH_ADMIN_RECORDS: ' ' });
    expect(blank.ok && blank.config.graph.adminRecords).toBe(true);
  });

  it('off turns it off; anything else is refused by name', () => {
    const off = loadConfig({ ...GRAPH, GRAPH_ADMIN_RECORDS: 'off' });
    expect(off.ok && off.config.graph.adminRecords).toBe(false);
    const bad = loadConfig({ ...GRAPH, GRAPH_ADMIN_RECORDS: 'yes' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual([expect.stringMatching(/^GRAPH_ADMIN_RECORDS: must be on or off/)]);
  });
});
