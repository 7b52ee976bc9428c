import pino from 'pino';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** One log method: structured fields first, then the message (pino's order). */
export type LogMethod = (fields: object, message: string) => void;

/** The logger every shell takes; pino's fits, and tests pass a recording one. */
export interface Logger {
  readonly fatal: LogMethod;
  readonly error: LogMethod;
  readonly warn: LogMethod;
  readonly info: LogMethod;
  readonly debug: LogMethod;
}

/** The methods the background workers use, so a test's recording logger can be small. */
export type EventLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** Human-readable lines for a person at a terminal; JSON lines for everything else (log shippers). */
export function terminalDestination(stream: NodeJS.WriteStream): pino.DestinationStream | undefined {
  if (stream.isTTY !== true) return undefined;
  return pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } });
}

/**
 * Structured logs. Secrets, tokens and message subjects are redacted whatever the level: audit data is
 * sensitive, and a log line is easier to leak than a database.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sendas-watch' },
      redact: {
        paths: [
          'botPassword',
          'config.botPassword',
          'password',
          'secret',
          'token',
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          'subject',
          '*.subject',
          'event.subject',
          'text',
          'question',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
