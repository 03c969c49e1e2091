import pino, { type Logger } from 'pino';
import { isDatabaseUnavailable } from '@xianzhi/adapters';
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

/** Query parameters whose values are credentials: a CAS ticket, an OAuth code, any token or password. */
const SECRET_QUERY =
  /^(ticket|code|token|access_?token|refresh_?token|id_?token|password|passwd|pwd|secret|session_?key|signature|sig)$/i;

/** A request URL with the values of credential-bearing query parameters replaced, for logging. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed name is logged as it came; only a known name is redacted.
      }
      return eq >= 0 && SECRET_QUERY.test(decoded.trim()) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'xianzhi-api' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Client addresses are personal data and are not needed to follow a request: the id is.
      req: (req: { method?: string; url?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: req.url === undefined ? undefined : redactUrl(req.url),
        userAgent: req.headers?.['user-agent'],
      }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * What to log about a failure: the error with its stack, or for a database outage its reason alone,
 * since every request and retry meanwhile fails the same way and a stack per line tells nobody more.
 */
export function failureFields(err: unknown): { err: unknown } | { reason: { code: unknown; message: unknown } } {
  if (!isDatabaseUnavailable(err)) return { err };
  const { code, message } = err as { code?: unknown; message?: unknown };
  return { reason: { code, message } };
}
