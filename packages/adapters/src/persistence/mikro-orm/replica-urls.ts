import { parseDatabaseUrl } from './database-url.js';

/** One read replica as MikroORM's `replicas` option takes it. */
export interface ReplicaConnectionOptions {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly dbName: string;
}

/**
 * `XZ_DATABASE_REPLICAS`: comma-separated `mariadb://user:pass@host:port[/db]` URLs of read replicas of the
 * primary in `XZ_DATABASE_URL` (the database name defaults to the primary's). Replicas need a MariaDB or
 * MySQL primary (SQLite has none), and the read-your-own-writes guarantee needs MariaDB's GTIDs, which the
 * server checks when it opens the database. Throws a message naming the variable and the faulty entry.
 */
export function parseReplicaUrls(list: string, primaryUrl: string): ReplicaConnectionOptions[] {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) return [];
  const primary = parseDatabaseUrl(primaryUrl);
  if (primary.dialect !== 'mysql') {
    throw new Error('XZ_DATABASE_REPLICAS needs a MariaDB XZ_DATABASE_URL (mariadb://…): SQLite has no read replicas');
  }
  return entries.map((entry, i) => {
    const redacted = entry.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(
        `XZ_DATABASE_REPLICAS: entry ${i + 1} ("${redacted}") is not a URL (expected mariadb://user:pass@host:port)`,
      );
    }
    const scheme = url.protocol.replace(/:$/, '');
    if (scheme !== 'mariadb' && scheme !== 'mysql') {
      throw new Error(`XZ_DATABASE_REPLICAS: entry ${i + 1} ("${redacted}") must start with mariadb:// (or mysql://)`);
    }
    if (!url.hostname) throw new Error(`XZ_DATABASE_REPLICAS: entry ${i + 1} ("${redacted}") names no host`);
    if (url.search || url.hash) {
      throw new Error(`XZ_DATABASE_REPLICAS: entry ${i + 1} ("${redacted}") may not carry ?options or #fragments`);
    }
    const port = url.port ? Number(url.port) : 3306;
    const dbName = decodeURIComponent(url.pathname.replace(/^\//, '')) || primary.dbName;
    return {
      name: `replica-${i + 1}`,
      host: url.hostname,
      port,
      user: url.username ? decodeURIComponent(url.username) : primary.user,
      password: url.username ? decodeURIComponent(url.password) : primary.password,
      dbName,
    };
  });
}
