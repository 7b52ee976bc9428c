import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { credentialSettingsFromEnv, describeCredential } from '../../src/audit/graph';
import { FakeClock } from '../fakes/clock';
import { demoGraphRecords } from '../fakes/demo-records';
import type { FakeGraph } from '../fakes/graph';
import { startFakeGraph } from '../fakes/graph';
import { runIdentityChild } from './identity/run-child';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '1b7c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET = 'fake-secret-value~not-real';

describe('choosing the credential from the environment, as Azure tools do', () => {
  const base = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT };

  test('a client secret wins', () => {
    expect(credentialSettingsFromEnv({ ...base, AZURE_CLIENT_SECRET: SECRET, AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' })).toEqual({
      settings: { kind: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET },
      errors: [],
    });
  });

  test('then a certificate, with its password and chain flag', () => {
    const choice = credentialSettingsFromEnv({ ...base, AZURE_CLIENT_CERTIFICATE_PATH: '/etc/app.pem', AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw', AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: 'true' });
    expect(choice.settings).toEqual({ kind: 'client-certificate', tenantId: TENANT, clientId: CLIENT, certificatePath: '/etc/app.pem', certificatePassword: 'pw', sendCertificateChain: true });
  });

  test('then workload identity, then managed identity when the Azure host announces one', () => {
    expect(credentialSettingsFromEnv({ ...base, AZURE_FEDERATED_TOKEN_FILE: '/var/run/token' }).settings).toEqual({ kind: 'workload-identity', tenantId: TENANT, clientId: CLIENT, tokenFilePath: '/var/run/token' });
    expect(credentialSettingsFromEnv({ IDENTITY_ENDPOINT: 'http://169.254.129.2:8081/msi/token' }).settings).toEqual({ kind: 'managed-identity' });
    expect(credentialSettingsFromEnv({ MSI_ENDPOINT: 'http://localhost:50342/oauth2/token', AZURE_CLIENT_ID: CLIENT }).settings).toEqual({ kind: 'managed-identity', clientId: CLIENT });
    expect(credentialSettingsFromEnv({ GRAPH_CREDENTIAL: 'managed-identity' }).settings).toEqual({ kind: 'managed-identity' });
  });

  test('nothing configured: Graph is off, which is not an error', () => {
    expect(credentialSettingsFromEnv({})).toEqual({ settings: null, errors: [] });
  });

  test('half a configuration names what is missing', () => {
    expect(credentialSettingsFromEnv({ AZURE_CLIENT_SECRET: SECRET, AZURE_CLIENT_ID: '  ' })).toEqual({
      settings: null,
      errors: ['Graph credential (client-secret) is incomplete: set AZURE_TENANT_ID, AZURE_CLIENT_ID'],
    });
    expect(credentialSettingsFromEnv({ GRAPH_CREDENTIAL: 'password' }).errors[0]).toMatch(/GRAPH_CREDENTIAL must be one of client-secret, client-certificate, workload-identity, managed-identity/);
    expect(credentialSettingsFromEnv({ ...base, AZURE_CLIENT_SECRET: SECRET, AZURE_AUTHORITY_HOST: 'http://login.example.com' }).errors).toEqual([
      'AZURE_AUTHORITY_HOST must be an https:// address; found "http://login.example.com"',
    ]);
  });

  test('the description for logs never carries the secret', () => {
    const { settings } = credentialSettingsFromEnv({ ...base, AZURE_CLIENT_SECRET: SECRET });
    expect(settings).not.toBeNull();
    if (settings !== null) expect(describeCredential(settings)).not.toContain(SECRET);
  });
});

describe('real @azure/identity credentials against the fake Entra (child process trusting its certificate)', () => {
  const NOW = '2026-09-04T06:00:00.000Z';
  const clock = new FakeClock(NOW);
  let fake: FakeGraph;
  let dir: string;
  let certificatePath: string;

  beforeAll(async () => {
    const app = await generate([{ name: 'commonName', value: 'sendas-watch' }], { algorithm: 'sha256', keySize: 2048 });
    dir = mkdtempSync(join(tmpdir(), 'sendas-app-cert-'));
    certificatePath = join(dir, 'app.pem');
    writeFileSync(certificatePath, `${app.private}\n${app.cert}`);
    fake = await startFakeGraph({
      records: demoGraphRecords({ end: '2026-09-04T00:00:00Z', days: 2, users: 120 }),
      now: () => clock.now(),
      identity: { tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, clientCertificatePem: app.cert, managedIdentityHeader: 'fake-identity-header', tokenLifetimeSeconds: 120 },
    });
  });

  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const trusting = (): Record<string, string> => ({ NODE_EXTRA_CA_CERTS: fake.caCertPath ?? '' });

  test('client secret: OpenID metadata, then the token endpoint; the token opens Graph and is renewed for every page', async () => {
    const before = fake.tokenRequests.length;
    const window = { from: '2026-09-02T00:00:00.000Z', to: '2026-09-03T00:00:00.000Z' };
    const out = await runIdentityChild(
      {
        credential: { kind: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, authorityHost: fake.authorityHost },
        tokenCalls: 1,
        graph: { baseUrl: fake.baseUrl, window, now: NOW, pageSize: 20 },
      },
      trusting(),
    );
    expect(out.error).toBeUndefined();
    expect(out.failures).toEqual([]);
    expect([...(out.ids ?? [])].sort()).toEqual(fake.idsIn(window.from, window.to).sort());

    const seen = fake.tokenRequests.slice(before);
    expect(seen[0].kind).toBe('openid-configuration');
    const tokenPosts = seen.filter((t) => t.kind === 'token');
    expect(tokenPosts[0].params).toMatchObject({ grant_type: 'client_credentials', client_id: CLIENT, client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' });
    // A 120 s token is inside MSAL's 5-minute renewal margin: each Graph call got a fresh one.
    const pages = fake.requests.filter((r) => r.route === 'records' && r.authorization !== null);
    const issued = new Set(tokenPosts.map((t) => `Bearer ${String(t.token)}`));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => issued.has(String(p.authorization)))).toBe(true);
    expect(new Set(pages.map((p) => p.authorization)).size).toBe(pages.length);
  });

  test('client certificate: a client assertion signed by the certificate key', async () => {
    const before = fake.tokenRequests.length;
    const out = await runIdentityChild({ credential: { kind: 'client-certificate', tenantId: TENANT, clientId: CLIENT, certificatePath, authorityHost: fake.authorityHost }, tokenCalls: 1 }, trusting());
    expect(out.error).toBeUndefined();
    const post = fake.tokenRequests.slice(before).find((t) => t.kind === 'token');
    expect(post?.status).toBe(200);
    expect(post?.params.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(post?.params.client_secret).toBeUndefined();
    expect(out.tokens).toEqual([post?.token]);
  });

  test('a wrong secret is refused by Entra and surfaces as an error naming AADSTS7000215', async () => {
    const out = await runIdentityChild({ credential: { kind: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: 'wrong', authorityHost: fake.authorityHost }, tokenCalls: 1 }, trusting());
    expect(out.error).toMatch(/AADSTS7000215/);
  });

  test('managed identity (App Service): the identity endpoint and header from the host environment', async () => {
    const before = fake.tokenRequests.length;
    const out = await runIdentityChild({ credential: { kind: 'managed-identity' }, tokenCalls: 1 }, { IDENTITY_ENDPOINT: fake.managedIdentityEndpoint, IDENTITY_HEADER: 'fake-identity-header' });
    expect(out.error).toBeUndefined();
    const call = fake.tokenRequests.slice(before).find((t) => t.kind === 'managed-identity');
    expect(call?.params).toMatchObject({ resource: 'https://graph.microsoft.com' });
    expect(out.tokens).toEqual([call?.token]);
  });

  test('control: without the certificate trusted, the credential cannot reach the fake Entra', async () => {
    const before = fake.tokenRequests.length;
    const out = await runIdentityChild({ credential: { kind: 'client-secret', tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET, authorityHost: fake.authorityHost }, tokenCalls: 1 }, {});
    // MSAL cannot fetch the OpenID metadata: the TLS handshake fails before any request reaches the fake.
    expect(out.error).toMatch(/endpoints_resolution_error/);
    expect(fake.tokenRequests.slice(before)).toEqual([]);
  });
});
