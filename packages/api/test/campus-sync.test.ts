import { migrateDatabase, openPersistence, type Persistence } from '@xianzhi/adapters';
import { DEFAULT_CATEGORY_TREE } from '@xianzhi/core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { syncConfiguredCampuses } from '../src/main/campuses.js';
import { testDatabase, type TestDatabase } from './support/databases.js';
import { TEST_SECRET } from './support/stack.js';

/**
 * `systemctl start xianzhi.target` starts every API process at once; on a new database each of them finds the
 * configured campuses missing and creates them with their category tree. They must end with one campus and one
 * tree, and all of them must start.
 */
describe('API processes starting together on a new database', () => {
  let db: TestDatabase;
  const processes: Persistence[] = [];
  beforeAll(async () => {
    db = await testDatabase('mariadb');
    await migrateDatabase({ url: db.url });
    for (let i = 0; i < 3; i++) processes.push(await openPersistence({ url: db.url }));
  });
  afterAll(async () => {
    for (const p of processes) await p.close();
    await db?.drop();
  });

  it('create each configured campus and its category tree once, none of them failing', async () => {
    const config = loadConfig({
      XZ_DATA_DIR: db.dir,
      XZ_JWT_SECRET: TEST_SECRET,
      XZ_CAMPUSES: JSON.stringify(
        ['north', 'south', 'east'].map((id) => ({ id, name: `${id} 大学`, auth: { kind: 'demo' } })),
      ),
    });
    const silent = pino({ level: 'silent' });
    await Promise.all(processes.map((p) => syncConfiguredCampuses(config, p, silent)));

    const treeSize = DEFAULT_CATEGORY_TREE.reduce((n, root) => n + 1 + root.children.length, 0);
    for (const campusId of ['north', 'south', 'east']) {
      expect(await processes[0]!.campuses.byId(campusId)).toMatchObject({ id: campusId, name: `${campusId} 大学` });
      const codes = (await processes[0]!.categories.forCampus(campusId)).map((c) => c.code);
      expect(codes, campusId).toHaveLength(treeSize);
      expect(new Set(codes).size).toBe(treeSize);
    }
  });
});
