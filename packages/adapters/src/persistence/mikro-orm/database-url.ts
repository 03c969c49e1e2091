import { resolve } from 'node:path';

export type ParsedDatabaseUrl =
  | { dialect: 'sqlite'; driver: 'sqlite'; file: string }
  | {
      dialect: 'mysql';
      driver: 'mariadb' | 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      dbName: string;
    };

export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (!file) throw new Error('XZ_DATABASE_URL: sqlite URL needs a file path, e.g. sqlite:./data/xianzhi.sqlite');
    return { dialect: 'sqlite', driver: 'sqlite', file: file === ':memory:' ? file : resolve(file) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('XZ_DATABASE_URL is not a valid URL (expected sqlite:…, mariadb://… or mysql://…)');
  }
  const driver = parsed.protocol.replace(/:$/, '');
  if (driver !== 'mariadb' && driver !== 'mysql') {
    throw new Error(`XZ_DATABASE_URL: unsupported database "${driver}" (use sqlite, mariadb or mysql)`);
  }
  const dbName = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!dbName)
    throw new Error('XZ_DATABASE_URL: name the database in the path, e.g. mariadb://user:pass@host:3306/xianzhi');
  return {
    dialect: 'mysql',
    driver,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    dbName,
  };
}

/** The URL with its password masked, for logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
