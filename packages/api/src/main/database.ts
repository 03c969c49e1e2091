import { rmSync } from 'node:fs';
import { openPersistence, parseDatabaseUrl } from '@xianzhi/adapters';

/**
 * Empties the database by removing it: the SQLite file (with its WAL companions), or the whole
 * MariaDB/MySQL database. Migrations recreate the schema afterwards.
 */
export async function dropDatabase(url: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.dialect === 'sqlite') {
    if (target.file === ':memory:') return;
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(target.file + suffix, { force: true });
    return;
  }
  const server = new URL(url);
  server.pathname = '/mysql';
  const admin = await openPersistence({ url: server.toString() });
  try {
    await admin.raw(`drop database if exists \`${target.dbName.replace(/`/g, '``')}\``);
  } finally {
    await admin.close();
  }
}
