import { aCampus, aCategoryTree, aListing, aUser } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from './open.js';
import { migratedPersistence, mariadbTestDatabase, sqliteTestDatabase, type TestDatabase } from './test-databases.js';
import { isLockConflict } from './unit-of-work.js';

const lockError = (errno: number) => Object.assign(new Error(`driver error ${errno}`), { errno });

describe('isLockConflict', () => {
  it('knows a deadlock (1213) and a lock wait timeout (1205), directly or as a cause', () => {
    expect(isLockConflict(lockError(1213))).toBe(true);
    expect(isLockConflict(lockError(1205))).toBe(true);
    expect(isLockConflict(new Error('wrapped', { cause: lockError(1213) }))).toBe(true);
    expect(isLockConflict(lockError(1062))).toBe(false);
    expect(isLockConflict(new Error('boom'))).toBe(false);
    expect(isLockConflict(null)).toBe(false);
  });
});

describe('MikroOrmUnitOfWork retries', () => {
  let db: TestDatabase;
  let p: Persistence;
  beforeAll(async () => {
    db = sqliteTestDatabase();
    p = await migratedPersistence(db);
  });
  afterAll(async () => {
    await p?.close();
    await db?.drop();
  });

  it('runs a unit at most five times, then lets the lock conflict through', async () => {
    let runs = 0;
    await expect(
      p.uow.run(async () => {
        runs += 1;
        throw lockError(1213);
      }),
    ).rejects.toMatchObject({ errno: 1213 });
    expect(runs).toBe(5);
  });

  it('does not run a unit again for any other error', async () => {
    let runs = 0;
    await expect(
      p.uow.run(async () => {
        runs += 1;
        throw lockError(1062);
      }),
    ).rejects.toThrow('1062');
    expect(runs).toBe(1);
  });

  it('retries only the outermost unit: a nested run lets the conflict through to it', async () => {
    let outer = 0;
    let inner = 0;
    const result = await p.uow.run(async () => {
      outer += 1;
      return p.uow.run(async () => {
        inner += 1;
        if (inner === 1) throw lockError(1205);
        return 'done';
      });
    });
    expect(result).toBe('done');
    expect([outer, inner]).toEqual([2, 2]);
  });
});

describe('MariaDB: a unit of work whose lock wait times out runs again', () => {
  let db: TestDatabase;
  let p: Persistence;
  beforeAll(async () => {
    db = await mariadbTestDatabase('lockwait');
    p = await migratedPersistence(db);
    await p.campuses.save(aCampus());
    for (const c of aCategoryTree().all) await p.categories.save(c);
    await p.users.save(aUser({ id: 'user-owner' }));
    await p.listings.save(aListing({ id: 'W1' }));
  });
  afterAll(async () => {
    // Closed with the pool: the shortened lock wait stays on these connections only.
    await p?.close();
    await db?.drop();
  });

  it('gets the lock on a later run once the holder commits', async () => {
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = p.uow.run(async () => {
      await p.listings.byId('W1', { forUpdate: true });
      holding();
      await new Promise((resolve) => setTimeout(resolve, 1500));
    });
    await held;
    let runs = 0;
    const version = await p.uow.run(async () => {
      runs += 1;
      await p.raw('set session innodb_lock_wait_timeout = 1');
      const l = (await p.listings.byId('W1', { forUpdate: true }))!;
      l.version += 1;
      await p.listings.save(l);
      return l.version;
    });
    await holder;
    expect(version).toBe(2);
    expect(runs).toBeGreaterThan(1);
  });
});
