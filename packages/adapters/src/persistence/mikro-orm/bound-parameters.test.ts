import { aCampus, aUser } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openPersistence, type Persistence } from './open.js';
import { mariadbTestDatabase, sqliteTestDatabase, type TestDatabase } from './test-databases.js';

// MikroORM renders parameters into the SQL text; SQLite stops reading that text at a NUL byte.
const NUL = 'a\u0000b';

describe.each(['sqlite', 'mariadb'] as const)('query parameters on %s', (kind) => {
  let db: TestDatabase;
  let p: Persistence;
  beforeAll(async () => {
    db = kind === 'sqlite' ? sqliteTestDatabase() : await mariadbTestDatabase('bound');
    await migrateDatabase({ url: db.url });
    p = await openPersistence({ url: db.url });
  });
  afterAll(async () => {
    await p?.close();
    await db?.drop();
  });

  it('a text value holding a NUL is bound: it round-trips through a repository and finds nothing else', async () => {
    const campus = aCampus({ id: 'nul-campus', name: `校区${NUL}`, areas: [{ id: NUL, name: `区${NUL}` }] });
    await p.campuses.save(campus);
    const back = await p.campuses.byId('nul-campus');
    expect(back?.name).toBe(`校区${NUL}`);
    expect(back?.areas).toEqual([{ id: NUL, name: `区${NUL}` }]);
    await p.users.save(aUser({ id: 'nul-user', campusId: 'nul-campus', nickname: NUL }));
    expect((await p.users.byId('nul-user'))?.nickname).toBe(NUL);
    expect(await p.users.byId(`nul-user\u0000' or '1'='1`)).toBeNull();
    expect(await p.campuses.byId(NUL)).toBeNull();
    expect((await p.users.byIds(['nul-user', NUL])).map((u) => u.id)).toEqual(['nul-user']);
  });

  it('raw statements bind their values too, and quotes stay data', async () => {
    const rows = (await p.raw('select ? as v, ? as w, ? as n', [NUL, "it's", 7])) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ v: NUL, w: "it's" });
    expect(Number(rows[0]!['n'])).toBe(7);
  });
});
