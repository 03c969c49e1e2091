/**
 * Telling "the database cannot be reached" apart from every other failure, so the API can answer it
 * as an outage (503, try again) and not as a bug (500); and bounding how long a request waits for a
 * connection, so an outage is answered within seconds instead of hanging.
 */

/** The code of the error a request gets when no pooled connection frees up in time. */
export const POOL_ACQUIRE_TIMEOUT = 'POOL_ACQUIRE_TIMEOUT';

/** How long opening a connection (TCP and the MariaDB handshake) may take before it fails. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
/** How long a query waits for a pooled connection, opening one included (the pool itself waits forever). */
export const DEFAULT_ACQUIRE_TIMEOUT_MS = 5000;

/** Socket and mysql2 client codes meaning the server is gone, refused us, or stopped answering. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  POOL_ACQUIRE_TIMEOUT,
]);

/**
 * Server and client error numbers of the same kind: too many connections (1040), server shutting down
 * (1053), connection killed (1927), can't connect (2002, 2003), server gone or lost (2006, 2013, 2055).
 */
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013, 2055]);

/**
 * True when the error (or one it wraps, through `cause`) says the database server cannot be reached or
 * dropped the connection: refused, reset, timed out, shut down, or no pooled connection in time. MikroORM
 * copies the driver's `code`, `errno` and `fatal` onto its own exceptions, so both shapes are seen here.
 * mysql2 marks every error that ends a connection `fatal` (a query on a closed connection included).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { code, errno, fatal } = e as { code?: unknown; errno?: unknown; fatal?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof errno === 'number' && UNAVAILABLE_ERRNOS.has(errno)) return true;
    if (fatal === true) return true;
  }
  return false;
}

type ConnectionCallback = (error: Error | null, connection?: { release(): void }) => void;

/** The mysql2 pool as kysely drives it: callback style. */
export interface CallbackPool {
  getConnection(callback: ConnectionCallback): void;
}

/**
 * mysql2's pool lets a query wait for a connection without limit. This gives every wait a deadline:
 * past it the query fails with `POOL_ACQUIRE_TIMEOUT`, and a connection that frees up for it later
 * goes straight back to the pool. Kysely calls `pool.getConnection` on the very object passed here.
 */
export function limitAcquireWait(pool: CallbackPool, timeoutMs: number): void {
  const acquire = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
    let answered = false;
    const timer = setTimeout(() => {
      answered = true;
      const error = new Error(`no database connection within ${timeoutMs} ms`) as Error & { code: string };
      error.code = POOL_ACQUIRE_TIMEOUT;
      callback(error);
    }, timeoutMs);
    acquire((error, connection) => {
      clearTimeout(timer);
      if (!answered) {
        answered = true;
        callback(error, connection);
      } else {
        connection?.release();
      }
    });
  };
}
