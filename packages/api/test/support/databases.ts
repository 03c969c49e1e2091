import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPersistence } from '@xianzhi/adapters';

export type DatabaseKind = 'sqlite' | 'mariadb';

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly url: string;
  /** A scratch folder for the data dir (secret file, front-end builds…). */
  readonly dir: string;
  drop(): Promise<void>;
}

/**
 * The MariaDB server the test script started. Missing or unreachable fails the run: the MariaDB
 * suite is part of the contract, never silently skipped.
 */
export function mariadbServerUrl(): string {
  const url = process.env['XZ_TEST_MARIADB_URL'];
  if (!url) throw new Error('XZ_TEST_MARIADB_URL is not set: run the tests with ./xz test, which starts MariaDB');
  return url.replace(/\/+$/, '');
}

export async function testDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'xz-api-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (kind === 'sqlite') {
    return { kind, dir, url: `sqlite:${join(dir, 'xianzhi.sqlite')}`, drop: async () => removeDir() };
  }
  const server = mariadbServerUrl();
  const name = `xz_api_test_${randomBytes(5).toString('hex')}`;
  const admin = await openPersistence({ url: `${server}/mysql` });
  try {
    if (!(await admin.ping())) throw new Error(`MariaDB at ${server.replace(/:[^:@/]*@/, ':***@')} is unreachable`);
  } finally {
    await admin.close();
  }
  return {
    kind,
    dir,
    url: `${server}/${name}`,
    drop: async () => {
      const p = await openPersistence({ url: `${server}/mysql` });
      try {
        await p.raw(`drop database if exists \`${name}\``);
      } finally {
        await p.close();
        removeDir();
      }
    },
  };
}
