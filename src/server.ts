import 'dotenv/config';
import { startApp } from './app';
import type { Config } from './config';
import { configOrThrow, redactedConfig } from './config';
import { describeError } from './errors';
import { createLogger, terminalDestination } from './runtime/logger';

/** `node dist/server.js`: the configuration from the environment, then the app until a signal stops it. */
async function main(): Promise<void> {
  const bootLogger = createLogger('info');
  let loaded: { config: Config; warnings: readonly string[] };
  try {
    loaded = configOrThrow(process.env);
  } catch (error) {
    bootLogger.fatal({ event: 'config-invalid' }, describeError(error));
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(2);
  }
  const logger = createLogger(loaded.config.logLevel, terminalDestination(process.stdout));
  for (const warning of loaded.warnings) logger.warn({ event: 'config-warning' }, warning);
  logger.info({ config: redactedConfig(loaded.config) }, 'configuration loaded');
  const app = await startApp(loaded.config, logger);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`sendas-watch failed to start: ${describeError(error)}\n`);
  process.exit(1);
});
