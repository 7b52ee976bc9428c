import { z } from 'zod';
import type { GraphCredentialSettings } from './audit/graph';
import { credentialSettingsFromEnv, DEFAULT_GRAPH_BASE_URL } from './audit/graph';
import { DEFAULT_EXCHANGE_ADMIN_BASE_URL } from './exchange/client';
import { SendAsWatchError } from './errors';
import type { Severity } from './detect/anomaly';
import { DEFAULT_MANAGEMENT_BASE_URL } from './audit/management/wire';

/**
 * The live feed of new records: Graph's own incremental queries, or the Office 365 Management
 * Activity API (minutes instead of hours; Graph then stays for backfill and re-sweeps).
 */
export type AuditFeed =
  | { readonly kind: 'graph' }
  | {
      readonly kind: 'management-activity';
      /** AZURE_TENANT_ID: the tenant whose Audit.Exchange content is read. */
      readonly tenantId: string;
      /** MANAGEMENT_BASE_URL, default https://manage.office.com (GCC, GCC High and DoD have their own). */
      readonly baseUrl: string;
      /** MANAGEMENT_PUBLISHER_ID: the PublisherIdentifier sent on every call, default the tenant id. */
      readonly publisherId: string;
      /** MANAGEMENT_FEED_INTERVAL_SECONDS, default 60: time between content listings. */
      readonly intervalSeconds: number;
    };
import type { LogLevel } from './runtime/logger';

/** Where audit data comes from: the built-in demo tenant, an export file, or Microsoft Graph. */
export type AuditSource = { readonly kind: 'demo' } | { readonly kind: 'file'; readonly path: string } | { readonly kind: 'graph' };

export type BotType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
export type { LogLevel };

/**
 * Every setting SendAs Watch reads, parsed once from the environment (and an optional .env file) by
 * `loadConfig`. Each field names its variable.
 */
export interface Config {
  /** PORT, default 3978. */
  readonly port: number;
  /** Where the server listens: 127.0.0.1 when anonymous (no BOT_ID), else BIND_HOST or 0.0.0.0. */
  readonly host: string;
  /** BOT_ID: the Azure Bot's app id; empty runs the bot anonymously for local use. */
  readonly botId: string;
  /** BOT_PASSWORD: the app's client secret (not needed for UserAssignedMSI). */
  readonly botPassword: string;
  /** BOT_TYPE, default SingleTenant. */
  readonly botType: BotType;
  /** BOT_TENANT_ID: the tenant whose admins may use the bot; required for SingleTenant and MSI. */
  readonly botTenantId: string;
  /** STORE_PATH, default ./data/sendas.db. */
  readonly storePath: string;
  /** STORE_URL: a postgres:// URL for several replicas on one database; when set, STORE_PATH is not used. */
  readonly storeUrl: string | null;
  /** LEADER_CHECK_SECONDS, default 5: how often replicas on PostgreSQL try for, or confirm, the leadership. */
  readonly leaderCheckSeconds: number;
  /** AUDIT_SOURCE: demo (default), file:PATH or graph. */
  readonly auditSource: AuditSource;
  /** RIGHTS_EXPORTS: inventory exports and admin-record files loaded at start, in order (mailbox export first). */
  readonly rightsExports: readonly string[];
  /** SENDAS_ADMINS: Entra object ids or UPNs, comma- or space-separated, lower-cased. */
  readonly admins: readonly string[];
  /** LOG_LEVEL, default info. */
  readonly logLevel: LogLevel;
  /** DEMO_USERS / DEMO_DAYS / DEMO_SEED: the size and seed of the demo tenant. */
  readonly demo: { readonly users: number; readonly days: number; readonly seed: string };
  /** MAX_BODY_BYTES: the largest request body /api/messages accepts, default 256 KiB. */
  readonly maxBodyBytes: number;
  /** Bounds on what the HTTP server holds at once (src/bot/http.ts). */
  readonly http: HttpLimitsConfig;
  /** Microsoft Graph: used when AUDIT_SOURCE=graph. */
  readonly graph: GraphConfig;
  /** AUDIT_FEED: graph (default) or management-activity. */
  readonly feed: AuditFeed;
  /** Proactive anomaly cards to subscribed conversations. */
  readonly notify: NotifyConfig;
  /** The Exchange Online Admin API, for mailbox audit settings. */
  readonly exchangeAdmin: ExchangeAdminConfig;
}

export interface ExchangeAdminConfig {
  /** EXCHANGE_ADMIN_API=on: read mailbox audit settings with the Graph credentials (AZURE_*). */
  readonly enabled: boolean;
  /** EXCHANGE_ADMIN_BASE_URL, default https://outlook.office365.com (sovereign clouds have their own). */
  readonly baseUrl: string;
  /** The tenant the calls name: AZURE_TENANT_ID, else BOT_TENANT_ID. */
  readonly tenant: string;
}

export interface HttpLimitsConfig {
  /** HTTP_MAX_CONNECTIONS, default 1024: open connections, all callers together; more are closed at once. */
  readonly maxConnections: number;
  /** HTTP_MAX_CONNECTIONS_PER_ADDRESS, default 256: open connections from one address. */
  readonly maxConnectionsPerAddress: number;
  /**
   * MAX_TURNS_IN_FLIGHT, default 16: turns running at once; beyond it /api/messages answers 503 with
   * Retry-After. Turns share one event loop, so this also bounds how long /healthz can wait behind them.
   */
  readonly maxTurnsInFlight: number;
}

export interface NotifyConfig {
  /** SENDAS_NOTIFY_EVERY_MINUTES, default 5: how often the detectors run. */
  readonly everyMinutes: number;
  /** SENDAS_NOTIFY_WINDOW_HOURS, default 48: how far back each run looks (runs overlap; each anomaly is sent once). */
  readonly windowHours: number;
  /** SENDAS_NOTIFY_CATCH_UP_HOURS, default 48: a new subscriber also gets anomalies this recent; 0 for only new ones. */
  readonly catchUpHours: number;
  /** SENDAS_NOTIFY_MIN_SEVERITY, default low: info, low, medium or high; lower ones are only shown when asked. */
  readonly minSeverity: Severity;
  /** SENDAS_WATCHLIST: mailboxes whose every delegate send is an anomaly, comma- or space-separated, lower-cased. */
  readonly watchlist: readonly string[];
  /** SENDAS_REVIEW_DAY, default 1: the day of the month (1-28, UTC) the access review goes out; null (`off`) for never. */
  readonly reviewDay: number | null;
  /** SENDAS_REVIEW_KEEP_DAYS, default 90: a right kept in a review is not asked about again for this many days. */
  readonly reviewKeepDays: number;
}

export interface GraphConfig {
  /** From AZURE_TENANT_ID / AZURE_CLIENT_ID / AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, or managed identity. */
  readonly credential: GraphCredentialSettings | null;
  /** GRAPH_BASE_URL, default https://graph.microsoft.com/v1.0 (a 404 falls back to beta once). */
  readonly baseUrl: string;
  /** BACKFILL_DAYS, default 30: history ingested on first start. */
  readonly backfillDays: number;
  /** GRAPH_QUERY_BUDGET, default 150: query submissions allowed in any 24 hours (the tenant has about 200). */
  readonly submissionBudget: number;
  /** GRAPH_INGEST_INTERVAL_MINUTES, default 30: time between incremental runs. */
  readonly intervalMinutes: number;
  /**
   * GRAPH_ADMIN_RECORDS, default on: each window's one query asks for the admin records that grant and
   * remove rights beside the SendAs records (no extra submission; more records to page through). Off
   * asks for SendAs records alone, and rights are then known only from loaded exports.
   */
  readonly adminRecords: boolean;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());
const positiveInt = (fallback: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(max, `must be at most ${max}`).default(fallback));

const EnvSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(0, 'must be a TCP port (0 picks a free one)').max(65535, 'must be a TCP port (0-65535)').default(3978)),
  BIND_HOST: optionalText,
  BOT_ID: optionalText,
  BOT_PASSWORD: optionalText,
  BOT_TYPE: z.preprocess(blankToUndefined, z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant')),
  BOT_TENANT_ID: optionalText,
  STORE_PATH: z.preprocess(blankToUndefined, z.string().default('./data/sendas.db')),
  STORE_URL: z.preprocess(blankToUndefined, z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/i, 'must be a postgres:// or postgresql:// URL').optional()),
  LEADER_CHECK_SECONDS: positiveInt(5, 300),
  AUDIT_SOURCE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .default('demo')
      .refine((v) => v === 'demo' || v === 'graph' || /^file:.+/.test(v), 'must be demo, graph or file:PATH'),
  ),
  RIGHTS_EXPORTS: optionalText,
  SENDAS_ADMINS: optionalText,
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  DEMO_USERS: positiveInt(200, 20000),
  DEMO_DAYS: positiveInt(60, 3650),
  DEMO_SEED: z.preprocess(blankToUndefined, z.string().default('42')),
  MAX_BODY_BYTES: positiveInt(256 * 1024, 64 * 1024 * 1024),
  HTTP_MAX_CONNECTIONS: positiveInt(1024, 100_000),
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: positiveInt(256, 100_000),
  MAX_TURNS_IN_FLIGHT: positiveInt(16, 10_000),
  GRAPH_BASE_URL: z.preprocess(
    blankToUndefined,
    z.string().default(DEFAULT_GRAPH_BASE_URL).refine((v) => /^https?:\/\/[^\s/]+/.test(v), 'must be an http(s) URL such as https://graph.microsoft.com/v1.0'),
  ),
  BACKFILL_DAYS: positiveInt(30, 365),
  GRAPH_QUERY_BUDGET: positiveInt(150, 1000),
  GRAPH_INGEST_INTERVAL_MINUTES: positiveInt(30, 24 * 60),
  GRAPH_ADMIN_RECORDS: z.preprocess(blankToUndefined, z.enum(['on', 'off'], 'must be on or off').default('on')),
  AUDIT_FEED: z.preprocess(blankToUndefined, z.enum(['graph', 'management-activity'], 'must be graph or management-activity').default('graph')),
  MANAGEMENT_BASE_URL: z.preprocess(
    blankToUndefined,
    z.string().default(DEFAULT_MANAGEMENT_BASE_URL).refine((v) => /^https?:\/\/[^\s/]+\/?$/.test(v), 'must be an http(s) origin such as https://manage.office.com'),
  ),
  MANAGEMENT_PUBLISHER_ID: optionalText,
  MANAGEMENT_FEED_INTERVAL_SECONDS: positiveInt(60, 3600),
  SENDAS_NOTIFY_EVERY_MINUTES: positiveInt(5, 24 * 60),
  SENDAS_NOTIFY_WINDOW_HOURS: positiveInt(48, 30 * 24),
  SENDAS_NOTIFY_CATCH_UP_HOURS: z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').max(30 * 24, 'must be at most 720').default(48)),
  SENDAS_NOTIFY_MIN_SEVERITY: z.preprocess(blankToUndefined, z.enum(['info', 'low', 'medium', 'high']).default('low')),
  SENDAS_WATCHLIST: optionalText,
  SENDAS_REVIEW_DAY: z.preprocess(
    blankToUndefined,
    z
      .union([z.literal('off'), z.coerce.number().int('must be a whole number').min(1, 'must be 1-28 or off').max(28, 'must be 1-28 (every month has it) or off')], 'must be 1-28 or off')
      .default(1),
  ),
  SENDAS_REVIEW_KEEP_DAYS: positiveInt(90, 3650),
  EXCHANGE_ADMIN_API: z.preprocess(blankToUndefined, z.enum(['on', 'off']).default('off')),
  EXCHANGE_ADMIN_BASE_URL: z.preprocess(
    blankToUndefined,
    z.string().default(DEFAULT_EXCHANGE_ADMIN_BASE_URL).refine((v) => /^https?:\/\/[^\s/]+/.test(v), 'must be an http(s) URL such as https://outlook.office365.com'),
  ),
});

function auditSourceOf(value: string): AuditSource {
  if (value === 'demo') return { kind: 'demo' };
  if (value === 'graph') return { kind: 'graph' };
  return { kind: 'file', path: value.slice('file:'.length) };
}

/**
 * Parses, normalises and validates the environment in one pass, returning every problem at once
 * (changesets-style), so a misconfigured deployment is fixed in one round.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const e = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  const botId = e.BOT_ID ?? '';
  if (botId !== '') {
    if (!GUID.test(botId)) errors.push('BOT_ID: must be the Azure Bot app id (a GUID)');
    if (e.BOT_TYPE !== 'UserAssignedMSI' && e.BOT_PASSWORD === undefined) errors.push(`BOT_PASSWORD: required when BOT_ID is set and BOT_TYPE is ${e.BOT_TYPE}`);
    if (e.BOT_TYPE !== 'MultiTenant' && e.BOT_TENANT_ID === undefined) errors.push(`BOT_TENANT_ID: required for BOT_TYPE ${e.BOT_TYPE}`);
  }
  if (e.BOT_TENANT_ID !== undefined && !GUID.test(e.BOT_TENANT_ID)) errors.push('BOT_TENANT_ID: must be the tenant id (a GUID)');
  const admins = (e.SENDAS_ADMINS ?? '').split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  if (botId !== '' && admins.length === 0) warnings.push('SENDAS_ADMINS is empty: nobody will be allowed to query audit data.');
  if (botId === '' && e.BOT_PASSWORD !== undefined) warnings.push('BOT_PASSWORD is set but BOT_ID is empty: running anonymously and ignoring it.');
  const credential = credentialSettingsFromEnv(env);
  const watchlist = (e.SENDAS_WATCHLIST ?? '').split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  for (const address of watchlist) if (!/^[^@\s]+@[^@\s]+$/.test(address)) errors.push(`SENDAS_WATCHLIST: "${address.slice(0, 80)}" is not a mailbox address`);
  if (e.AUDIT_SOURCE === 'graph') {
    errors.push(...credential.errors);
    if (credential.settings === null && credential.errors.length === 0) {
      errors.push('AUDIT_SOURCE=graph needs credentials: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), or a managed identity');
    }
  }
  const tenantId = env.AZURE_TENANT_ID?.trim() ?? '';
  if (e.AUDIT_FEED === 'management-activity') {
    if (e.AUDIT_SOURCE !== 'graph') errors.push('AUDIT_FEED=management-activity needs AUDIT_SOURCE=graph: Graph backfills history and re-sweeps what the feed could not read');
    if (!GUID.test(tenantId)) errors.push('AUDIT_FEED=management-activity needs AZURE_TENANT_ID (a GUID): the tenant whose audit content is read');
    if (e.MANAGEMENT_PUBLISHER_ID !== undefined && !GUID.test(e.MANAGEMENT_PUBLISHER_ID)) errors.push('MANAGEMENT_PUBLISHER_ID: must be a tenant id (a GUID)');
  }
  const exchangeTenant = credential.settings !== null && 'tenantId' in credential.settings ? credential.settings.tenantId : e.BOT_TENANT_ID ?? '';
  if (e.EXCHANGE_ADMIN_API === 'on') {
    if (e.AUDIT_SOURCE !== 'graph') errors.push(...credential.errors);
    if (credential.settings === null && credential.errors.length === 0) errors.push('EXCHANGE_ADMIN_API=on needs the same credentials as Graph (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or a certificate, or a managed identity)');
    if (exchangeTenant === '') errors.push('EXCHANGE_ADMIN_API=on needs the tenant id: AZURE_TENANT_ID or BOT_TENANT_ID');
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    warnings,
    config: {
      port: e.PORT,
      host: botId === '' ? '127.0.0.1' : e.BIND_HOST ?? '0.0.0.0',
      botId,
      botPassword: botId === '' ? '' : e.BOT_PASSWORD ?? '',
      botType: e.BOT_TYPE,
      botTenantId: e.BOT_TENANT_ID ?? '',
      storePath: e.STORE_PATH,
      storeUrl: e.STORE_URL ?? null,
      leaderCheckSeconds: e.LEADER_CHECK_SECONDS,
      auditSource: auditSourceOf(e.AUDIT_SOURCE),
      rightsExports: (e.RIGHTS_EXPORTS ?? '').split(',').map((p) => p.trim()).filter((p) => p !== ''),
      admins,
      logLevel: e.LOG_LEVEL,
      demo: { users: e.DEMO_USERS, days: e.DEMO_DAYS, seed: e.DEMO_SEED },
      maxBodyBytes: e.MAX_BODY_BYTES,
      http: { maxConnections: e.HTTP_MAX_CONNECTIONS, maxConnectionsPerAddress: e.HTTP_MAX_CONNECTIONS_PER_ADDRESS, maxTurnsInFlight: e.MAX_TURNS_IN_FLIGHT },
      graph: {
        credential: credential.settings,
        baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''),
        backfillDays: e.BACKFILL_DAYS,
        submissionBudget: e.GRAPH_QUERY_BUDGET,
        intervalMinutes: e.GRAPH_INGEST_INTERVAL_MINUTES,
        adminRecords: e.GRAPH_ADMIN_RECORDS === 'on',
      },
      feed:
        e.AUDIT_FEED === 'graph'
          ? { kind: 'graph' }
          : {
              kind: 'management-activity',
              tenantId,
              baseUrl: e.MANAGEMENT_BASE_URL.replace(/\/+$/, ''),
              publisherId: e.MANAGEMENT_PUBLISHER_ID ?? tenantId,
              intervalSeconds: e.MANAGEMENT_FEED_INTERVAL_SECONDS,
            },
      notify: {
        everyMinutes: e.SENDAS_NOTIFY_EVERY_MINUTES,
        windowHours: e.SENDAS_NOTIFY_WINDOW_HOURS,
        catchUpHours: e.SENDAS_NOTIFY_CATCH_UP_HOURS,
        minSeverity: e.SENDAS_NOTIFY_MIN_SEVERITY,
        watchlist,
        reviewDay: e.SENDAS_REVIEW_DAY === 'off' ? null : e.SENDAS_REVIEW_DAY,
        reviewKeepDays: e.SENDAS_REVIEW_KEEP_DAYS,
      },
      exchangeAdmin: { enabled: e.EXCHANGE_ADMIN_API === 'on', baseUrl: e.EXCHANGE_ADMIN_BASE_URL.replace(/\/+$/, ''), tenant: exchangeTenant },
    },
  };
}

/** The configuration as it is safe to log: secrets replaced by whether they are set. */
export function redactedConfig(config: Config): Record<string, unknown> {
  const credential = config.graph.credential;
  return {
    ...config,
    botPassword: config.botPassword === '' ? '(not set)' : '(set)',
    storeUrl: config.storeUrl?.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/([?&]password=)[^&]*/i, '$1***') ?? null,
    graph: { ...config.graph, credential: credential === null ? '(none)' : credential.kind },
  };
}

export function configOrThrow(env: Readonly<Record<string, string | undefined>>): { config: Config; warnings: readonly string[] } {
  const result = loadConfig(env);
  if (!result.ok) {
    throw new SendAsWatchError('SENDAS_CONFIG_INVALID', `The configuration has problems:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  }
  return { config: result.config, warnings: result.warnings };
}

const DemoEnvSchema = EnvSchema.pick({ DEMO_USERS: true, DEMO_DAYS: true, DEMO_SEED: true });

/**
 * DEMO_USERS / DEMO_DAYS / DEMO_SEED read as `npm start` reads them, alone: the CLI's `ask --demo`
 * answers from the very tenant the bot serves, whatever else the environment holds.
 */
export function demoSettingsFrom(env: Readonly<Record<string, string | undefined>>): Config['demo'] {
  const parsed = DemoEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SendAsWatchError('SENDAS_CONFIG_INVALID', `The configuration has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { users: parsed.data.DEMO_USERS, days: parsed.data.DEMO_DAYS, seed: parsed.data.DEMO_SEED };
}
