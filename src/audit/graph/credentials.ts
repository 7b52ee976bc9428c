import type { TokenCredential } from '@azure/identity';
import {
  AzureAuthorityHosts,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from '@azure/identity';

/** Settings that every Entra app-registration credential shares. */
interface AppRegistration {
  readonly tenantId: string;
  readonly clientId: string;
  /** AZURE_AUTHORITY_HOST: https://login.microsoftonline.com unless a national or private cloud. */
  readonly authorityHost?: string;
}

/** How the app proves who it is to Entra ID. */
export type GraphCredentialSettings =
  | (AppRegistration & { readonly kind: 'client-secret'; readonly clientSecret: string })
  | (AppRegistration & {
      readonly kind: 'client-certificate';
      /** A PEM file holding the certificate and its private key. */
      readonly certificatePath: string;
      readonly certificatePassword?: string;
      readonly sendCertificateChain?: boolean;
    })
  | (AppRegistration & { readonly kind: 'workload-identity'; readonly tokenFilePath: string })
  /** System-assigned without a client id, user-assigned with one. */
  | { readonly kind: 'managed-identity'; readonly clientId?: string };

export type CredentialKind = GraphCredentialSettings['kind'];
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['client-secret', 'client-certificate', 'workload-identity', 'managed-identity'];

export interface CredentialChoice {
  /** Null when nothing is configured: Graph is simply off. */
  readonly settings: GraphCredentialSettings | null;
  readonly errors: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

const KNOWN_AUTHORITIES = new Set<string>(Object.values(AzureAuthorityHosts).map((h) => h.replace(/\/+$/, '').toLowerCase()));

/**
 * Picks the credential from environment variables the way Azure tools do (EnvironmentCredential,
 * then workload identity, then managed identity): AZURE_CLIENT_SECRET, else
 * AZURE_CLIENT_CERTIFICATE_PATH (+ AZURE_CLIENT_CERTIFICATE_PASSWORD), else AZURE_FEDERATED_TOKEN_FILE,
 * each with AZURE_TENANT_ID and AZURE_CLIENT_ID; else managed identity when the Azure host announces
 * one (IDENTITY_ENDPOINT or MSI_ENDPOINT), with AZURE_CLIENT_ID naming a user-assigned identity.
 * GRAPH_CREDENTIAL forces a kind (`managed-identity` on a VM, where nothing announces it).
 * Takes the environment as an argument; src/config.ts passes process.env.
 */
export function credentialSettingsFromEnv(env: Env): CredentialChoice {
  const errors: string[] = [];
  const forced = value(env, 'GRAPH_CREDENTIAL');
  if (forced !== undefined && !(CREDENTIAL_KINDS as readonly string[]).includes(forced)) {
    return { settings: null, errors: [`GRAPH_CREDENTIAL must be one of ${CREDENTIAL_KINDS.join(', ')}; found "${forced}"`] };
  }
  const authorityHost = value(env, 'AZURE_AUTHORITY_HOST');
  if (authorityHost !== undefined && !/^https:\/\//i.test(authorityHost)) {
    errors.push(`AZURE_AUTHORITY_HOST must be an https:// address; found "${authorityHost}"`);
  }
  const kind: CredentialKind | null =
    (forced as CredentialKind | undefined) ??
    (value(env, 'AZURE_CLIENT_SECRET') !== undefined
      ? 'client-secret'
      : value(env, 'AZURE_CLIENT_CERTIFICATE_PATH') !== undefined
        ? 'client-certificate'
        : value(env, 'AZURE_FEDERATED_TOKEN_FILE') !== undefined
          ? 'workload-identity'
          : value(env, 'IDENTITY_ENDPOINT') !== undefined || value(env, 'MSI_ENDPOINT') !== undefined
            ? 'managed-identity'
            : null);
  if (kind === null) return { settings: null, errors };

  const clientId = value(env, 'AZURE_CLIENT_ID');
  if (kind === 'managed-identity') {
    return { settings: clientId === undefined ? { kind } : { kind, clientId }, errors };
  }
  const tenantId = value(env, 'AZURE_TENANT_ID');
  const secretName = { 'client-secret': 'AZURE_CLIENT_SECRET', 'client-certificate': 'AZURE_CLIENT_CERTIFICATE_PATH', 'workload-identity': 'AZURE_FEDERATED_TOKEN_FILE' }[kind];
  const secret = value(env, secretName);
  const missing = [['AZURE_TENANT_ID', tenantId], ['AZURE_CLIENT_ID', clientId], [secretName, secret]].filter(([, v]) => v === undefined).map(([n]) => n);
  if (tenantId === undefined || clientId === undefined || secret === undefined) {
    return { settings: null, errors: [...errors, `Graph credential (${kind}) is incomplete: set ${missing.join(', ')}`] };
  }
  const app = authorityHost === undefined ? { tenantId, clientId } : { tenantId, clientId, authorityHost };
  switch (kind) {
    case 'client-secret':
      return { settings: { ...app, kind, clientSecret: secret }, errors };
    case 'client-certificate': {
      const password = value(env, 'AZURE_CLIENT_CERTIFICATE_PASSWORD');
      const chain = value(env, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN');
      return {
        settings: {
          ...app,
          kind,
          certificatePath: secret,
          ...(password === undefined ? {} : { certificatePassword: password }),
          ...(chain === undefined ? {} : { sendCertificateChain: chain === '1' || chain.toLowerCase() === 'true' }),
        },
        errors,
      };
    }
    case 'workload-identity':
      return { settings: { ...app, kind, tokenFilePath: secret }, errors };
    default:
      return kind satisfies never;
  }
}

/**
 * Instance discovery asks the public cloud about the authority; a private authority (Azure Stack,
 * a test double) has no entry there, so discovery is off for hosts outside the known clouds.
 */
function authorityOptions(authorityHost: string | undefined): { authorityHost?: string; disableInstanceDiscovery?: boolean } {
  if (authorityHost === undefined) return {};
  const known = KNOWN_AUTHORITIES.has(authorityHost.replace(/\/+$/, '').toLowerCase());
  return known ? { authorityHost } : { authorityHost, disableInstanceDiscovery: true };
}

/** The @azure/identity credential for the settings; it caches tokens and renews them before expiry. */
export function createGraphCredential(settings: GraphCredentialSettings): TokenCredential {
  switch (settings.kind) {
    case 'client-secret':
      return new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, authorityOptions(settings.authorityHost));
    case 'client-certificate':
      return new ClientCertificateCredential(
        settings.tenantId,
        settings.clientId,
        settings.certificatePassword === undefined
          ? { certificatePath: settings.certificatePath }
          : { certificatePath: settings.certificatePath, certificatePassword: settings.certificatePassword },
        { ...authorityOptions(settings.authorityHost), sendCertificateChain: settings.sendCertificateChain ?? false },
      );
    case 'workload-identity':
      return new WorkloadIdentityCredential({
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        tokenFilePath: settings.tokenFilePath,
        ...authorityOptions(settings.authorityHost),
      });
    case 'managed-identity':
      return settings.clientId === undefined ? new ManagedIdentityCredential() : new ManagedIdentityCredential({ clientId: settings.clientId });
    default:
      return settings satisfies never;
  }
}

/** For logs and the health card: which credential, never the secret. */
export function describeCredential(settings: GraphCredentialSettings): string {
  switch (settings.kind) {
    case 'client-secret':
      return `client secret for app ${settings.clientId} in tenant ${settings.tenantId}`;
    case 'client-certificate':
      return `client certificate ${settings.certificatePath} for app ${settings.clientId} in tenant ${settings.tenantId}`;
    case 'workload-identity':
      return `workload identity for app ${settings.clientId} in tenant ${settings.tenantId}`;
    case 'managed-identity':
      return settings.clientId === undefined ? 'system-assigned managed identity' : `user-assigned managed identity ${settings.clientId}`;
    default:
      return settings satisfies never;
  }
}
