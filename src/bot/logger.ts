import pino from 'pino';
import type { LogLevel } from '../config';

export type Logger = pino.Logger;

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
