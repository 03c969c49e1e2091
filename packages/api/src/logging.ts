import pino, { type Logger } from 'pino';
import type { AppConfig } from './config.js';

/** Secrets never reach a log line, whichever object they ride in on. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'password',
  'secret',
  'token',
  'jwtSecret',
  '*.password',
  '*.secret',
  '*.token',
  '*.jwtSecret',
  '*.*.password',
  '*.*.secret',
  '*.*.token',
  '*.*.jwtSecret',
];

export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'xianzhi-api' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Client addresses are personal data and are not needed to follow a request: the id is.
      req: (req: { method?: string; url?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: req.url,
        userAgent: req.headers?.['user-agent'],
      }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
