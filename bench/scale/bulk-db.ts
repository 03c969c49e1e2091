/**
 * A thin bulk-loading connection for the benchmarks: the raw driver (better-sqlite3 or mysql2), no ORM,
 * so millions of rows go in as multi-row INSERTs inside transactions.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDatabaseUrl } from '../../packages/adapters/src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
// better-sqlite3 is a dependency of the adapters' SQLite driver, not of the root package.
const adaptersRequire = createRequire(
  realpathSync(resolve(here, '../../packages/adapters/node_modules/@mikro-orm/sqlite/package.json')),
);

export type Dialect = 'sqlite' | 'mysql';
export type Row = readonly unknown[];

export interface BulkDb {
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<void>;
  /** Inserts rows in multi-row statements of at most `perStatement` rows, in one transaction. */
  insert(table: string, columns: readonly string[], rows: readonly Row[], perStatement?: number): Promise<void>;
  close(): Promise<void>;
}

interface SqliteDatabase {
  prepare(sql: string): { run(...p: unknown[]): unknown; all(...p: unknown[]): unknown[] };
  pragma(s: string): unknown;
  exec(sql: string): void;
  close(): void;
}

export async function openBulk(url: string): Promise<BulkDb> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') {
    const Database = adaptersRequire('better-sqlite3') as new (file: string) => SqliteDatabase;
    const db = new Database(target.file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('busy_timeout = 5000');
    const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
    const prepared = (sql: string) => {
      let s = statements.get(sql);
      if (!s) statements.set(sql, (s = db.prepare(sql)));
      return s;
    };
    const toSqlite = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' ? (v ? 1 : 0) : v);
    return {
      dialect: 'sqlite',
      async query<T>(sql: string, params: readonly unknown[] = []) {
        return prepared(sql).all(...params.map(toSqlite)) as T[];
      },
      async run(sql, params = []) {
        if (params.length === 0 && !/^\s*(select|insert|update|delete)/i.test(sql)) db.exec(sql);
        else prepared(sql).run(...params.map(toSqlite));
      },
      async insert(table, columns, rows, perStatement = 500) {
        if (rows.length === 0) return;
        db.exec('begin');
        try {
          for (let i = 0; i < rows.length; i += perStatement) {
            const chunk = rows.slice(i, i + perStatement);
            const sql = `insert into ${table} (${columns.join(', ')}) values ${chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;
            prepared(sql).run(...chunk.flat().map(toSqlite));
          }
          db.exec('commit');
        } catch (e) {
          db.exec('rollback');
          throw e;
        }
      },
      async close() {
        db.close();
      },
    };
  }
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.dbName,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    timezone: 'Z',
  });
  return {
    dialect: 'mysql',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const [rows] = await conn.query(sql, params as unknown[]);
      return rows as T[];
    },
    async run(sql, params = []) {
      await conn.query(sql, params as unknown[]);
    },
    async insert(table, columns, rows, perStatement = 1000) {
      if (rows.length === 0) return;
      await conn.beginTransaction();
      try {
        for (let i = 0; i < rows.length; i += perStatement) {
          const chunk = rows.slice(i, i + perStatement);
          // `values ?` with nested arrays: mysql2 escapes client-side, one round trip per chunk.
          await conn.query(`insert into ${table} (${columns.join(', ')}) values ?`, [chunk]);
        }
        await conn.commit();
      } catch (e) {
        await conn.rollback();
        throw e;
      }
    },
    async close() {
      await conn.end();
    },
  };
}

/** Creates (or empties) the server database a mariadb:// URL names; deletes a SQLite file. */
export async function resetDatabase(url: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') {
    const { rmSync } = await import('node:fs');
    for (const suffix of ['', '-wal', '-shm']) rmSync(target.file + suffix, { force: true });
    return;
  }
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
  });
  try {
    await conn.query(`drop database if exists \`${target.dbName}\``);
  } finally {
    await conn.end();
  }
}

/** Bytes the database takes on disk (SQLite file + WAL; InnoDB data + index length). */
export async function databaseSize(db: BulkDb, url: string): Promise<number> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') {
    const { statSync, existsSync } = await import('node:fs');
    return ['', '-wal'].reduce((sum, s) => sum + (existsSync(target.file + s) ? statSync(target.file + s).size : 0), 0);
  }
  const rows = await db.query<{ bytes: number | string }>(
    'select coalesce(sum(data_length + index_length), 0) as bytes from information_schema.tables where table_schema = ?',
    [target.dbName],
  );
  return Number(rows[0]?.bytes ?? 0);
}

/** Command-line arguments without the `--` that `pnpm run x -- …` passes through. */
export function cliArgs(): string[] {
  const args = process.argv.slice(2);
  return args[0] === '--' ? args.slice(1) : args;
}
