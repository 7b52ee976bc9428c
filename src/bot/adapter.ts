import { CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../config';
import { describeError } from '../errors';
import type { Logger } from '../runtime/logger';
import { createLogger } from '../runtime/logger';
import type { ConnectorRetrySettings } from './connector';
import { BoundedConnectorRetries, DEFAULT_CONNECTOR_RETRY } from './connector';
import { guardSigningKeys, SigningKeysUnavailable } from './metadata';
import { TypingIndicator } from './typing';

/** Where the adapter logs connector give-ups, and how its calls are retried (tests shorten the waits). */
export interface AdapterOptions {
  readonly logger?: Logger;
  readonly connectorRetry?: Partial<ConnectorRetrySettings>;
}

/** What to answer over HTTP for one activity. Bodies never carry internal error text. */
export interface TurnAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly retryAfterSeconds?: number;
}

/** jsonwebtoken's errors: a forged signature or a malformed token, i.e. a caller who is not who it claims. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

const UNAUTHORIZED: TurnAnswer = { status: 401, body: { error: 'Unauthorized' } };

/**
 * Authenticates each request, then runs its turn. Unlike CloudAdapter.process, a caller never sees an
 * exception's text: a token that does not prove who is calling is a 401, signing keys that could never
 * be fetched a 503 with Retry-After, anything else a bare 500 (logged here). With an app id, the
 * activity's serviceUrl must be the one the token vouches for: botbuilder checks this for channel
 * tokens but not for emulator or skill tokens, which carry no serviceUrl claim.
 */
export class GuardedAdapter extends CloudAdapter {
  /** Said once per outage of the signing keys, not once per refused request. */
  private keysOutageLogged = false;

  constructor(
    private readonly authentication: ConfigurationBotFrameworkAuthentication,
    private readonly anonymous: boolean,
    private readonly logger: Logger,
  ) {
    super(authentication);
  }

  async serve(activity: Activity, authorization: string, logic: (context: TurnContext) => Promise<void>): Promise<TurnAnswer> {
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.authentication.authenticateRequest(activity, authorization);
    } catch (error) {
      if (error instanceof SigningKeysUnavailable) {
        if (!this.keysOutageLogged) this.logger.warn({ event: 'signing-keys-unavailable' }, 'the Bot Framework signing keys cannot be fetched: requests are refused with 503 until they can');
        this.keysOutageLogged = true;
        return { status: 503, retryAfterSeconds: error.retryAfterSeconds, body: { error: 'ServiceUnavailable', message: 'the caller cannot be verified right now; try again later' } };
      }
      if (error instanceof AuthenticationError || (error instanceof Error && TOKEN_ERRORS.has(error.name))) {
        this.logger.info({ event: 'unauthenticated', reason: describeError(error) }, 'refused a request that did not prove who sent it');
        return UNAUTHORIZED;
      }
      this.logger.error({ event: 'authentication-failed', err: describeError(error) }, 'authenticating a request failed');
      return { status: 500, body: { error: 'internal error' } };
    }
    this.keysOutageLogged = false;
    if (!this.anonymous) {
      const vouched = authenticated.claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
      if (vouched !== activity.serviceUrl) {
        this.logger.warn({ event: 'unvouched-service-url' }, 'refused an activity whose serviceUrl its token does not vouch for');
        return UNAUTHORIZED;
      }
    }
    const invokeResponse = await this.processActivity(authenticated, activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  }
}

/** The adapter for the configured bot identity; anonymous (no app id) for local use. */
export function createAdapter(config: Config, overrides: Record<string, string> = {}, options: AdapterOptions = {}): GuardedAdapter {
  const settings = {
    MicrosoftAppId: config.botId,
    MicrosoftAppPassword: config.botPassword,
    // Anonymous local mode has no identity to be single-tenant about; botbuilder refuses the combination.
    MicrosoftAppType: config.botId === '' ? 'MultiTenant' : config.botType,
    MicrosoftAppTenantId: config.botTenantId,
  };
  guardSigningKeys();
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const logger = options.logger ?? createLogger('silent');
  const adapter = new GuardedAdapter(new ConfigurationBotFrameworkAuthentication({ ...settings, ...overrides }, credentials), config.botId === '', logger);
  adapter.use(new BoundedConnectorRetries(logger, { ...DEFAULT_CONNECTOR_RETRY, ...options.connectorRetry }));
  // Teams shows "typing…" while a question takes longer than half a second.
  adapter.use(new TypingIndicator(logger, 500, 2000));
  return adapter;
}
