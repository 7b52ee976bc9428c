import { loadConfig } from '../../src/config';

const CREDENTIALS = { AZURE_TENANT_ID: '4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', AZURE_CLIENT_ID: '0d9f0a61-7c52-4b8f-9a1e-2b3c4d5e6f70', AZURE_CLIENT_SECRET: 's' };

describe('EXCHANGE_ADMIN_API configuration', () => {
  it('is off by default, on the public cloud host', () => {
    const result = loadConfig({});
    expect(result.ok && result.config.exchangeAdmin).toEqual({ enabled: false, baseUrl: 'https://outlook.office365.com', tenant: '' });
  });

  it('turns on with the Graph credentials, naming their tenant, on any audit source', () => {
    const result = loadConfig({ ...CREDENTIALS, EXCHANGE_ADMIN_API: 'on', EXCHANGE_ADMIN_BASE_URL: 'https://outlook.office365.us/' });
    expect(result.ok && result.config.exchangeAdmin).toEqual({ enabled: true, baseUrl: 'https://outlook.office365.us', tenant: CREDENTIALS.AZURE_TENANT_ID });
  });

  it('says what is missing when it is on without credentials, and refuses values it does not know', () => {
    const result = loadConfig({ EXCHANGE_ADMIN_API: 'on' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toMatch(/EXCHANGE_ADMIN_API=on needs the same credentials as Graph/);
    expect(!result.ok && result.errors.join('\n')).toMatch(/EXCHANGE_ADMIN_API=on needs the tenant id/);
    expect(loadConfig({ EXCHANGE_ADMIN_API: 'yes' }).ok).toBe(false);
    expect(loadConfig({ EXCHANGE_ADMIN_BASE_URL: 'outlook.office365.com' }).ok).toBe(false);
  });
});
