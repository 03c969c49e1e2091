import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersistencePorts } from '../persistence.js';
import { aCampus, aCategoryTree, aUser, TEST_CAMPUS_ID } from './builders.js';
import { directoryContract } from './directory-contract.js';
import { engagementContract } from './engagement-contract.js';
import { identityContract } from './identity-contract.js';
import { listingContract } from './listing-contract.js';
import { outboxContract } from './outbox-contract.js';
import { searchHitsContract } from './search-hits-contract.js';
import { photoContract } from './photo-contract.js';
import { unitOfWorkContract, type UnitOfWorkContractOptions } from './unit-of-work-contract.js';

/** The ports each suite below is run against (the set itself is core's, in ../persistence.ts). */
export type { PersistencePorts };

export type PersistenceFactory = () => Promise<PersistencePorts & { dispose(): Promise<void> }>;

const T0 = new Date('2026-09-01T02:00:00.000Z');

/**
 * One contract suite per port, run by every adapter family (in-memory, SQLite, MariaDB). A case that
 * the in-memory adapter passes and a SQL adapter fails is a bug in the adapter, or in this suite.
 */
export function persistenceContract(
  adapterName: string,
  factory: PersistenceFactory,
  options: UnitOfWorkContractOptions = {},
): void {
  let ports: PersistencePorts & { dispose(): Promise<void> };
  const tree = () => aCategoryTree();
  const owner = aUser({ id: 'user-owner', nickname: '卖家' });
  const buyer = aUser({ id: 'user-buyer', nickname: '买家' });

  beforeEach(async () => {
    ports = await factory();
    await ports.campuses.save(aCampus());
    await ports.campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
    for (const c of tree().all) await ports.categories.save(c);
    for (const c of aCategoryTree('other-campus').all) await ports.categories.save(c);
    await ports.users.save(owner);
    await ports.users.save(buyer);
  });
  afterEach(async () => {
    await ports.dispose();
  });

  describe(`${adapterName}: Category, Campus and User repositories`, () => {
    it('stores the category tree per campus', async () => {
      const demo = await ports.categories.forCampus(TEST_CAMPUS_ID);
      expect(demo.map((c) => c.code).sort()).toEqual(
        tree()
          .all.map((c) => c.code)
          .sort(),
      );
      const misc = (await ports.categories.byId('demo-misc'))!;
      expect(misc.enabled).toBe(false);
      expect(misc.parentId).toBe('demo-other');
      misc.enabled = true;
      misc.name = '杂项';
      await ports.categories.save(misc);
      expect((await ports.categories.byId('demo-misc'))!.name).toBe('杂项');
      expect((await ports.categories.byId('demo-misc'))!.enabled).toBe(true);
    });

    it('stores campuses with their trade areas', async () => {
      const campus = (await ports.campuses.byId(TEST_CAMPUS_ID))!;
      expect(campus.areas.map((a) => a.name)).toEqual(['东区宿舍', '图书馆', '南门']);
      expect(campus.hasArea('library')).toBe(true);
      expect((await ports.campuses.list()).map((c) => c.id)).toEqual(['demo', 'other-campus']);
    });

    it('finds users by id and by QQ openid, and keeps verification and status', async () => {
      const u = aUser({ id: 'user-x', qqOpenId: 'OPENID-X', verified: false });
      await ports.users.save(u);
      expect((await ports.users.byOpenId('OPENID-X'))!.id).toBe('user-x');
      const loaded = (await ports.users.byId('user-x'))!;
      expect(loaded.verified).toBe(false);
      loaded.markVerified(T0);
      loaded.status = 'banned';
      await ports.users.save(loaded);
      const again = (await ports.users.byId('user-x'))!;
      expect(again.verifiedAt).toEqual(T0);
      expect(again.banned).toBe(true);
      expect((await ports.users.byIds(['user-x', 'user-owner', 'ghost'])).map((x) => x.id).sort()).toEqual([
        'user-owner',
        'user-x',
      ]);
    });

    it('refuses a second user with the same QQ openid', async () => {
      await expect(ports.users.save(aUser({ id: 'dup', qqOpenId: owner.qqOpenId }))).rejects.toThrow();
    });
  });

  listingContract(adapterName, () => ports);
  searchHitsContract(adapterName, () => ports);
  outboxContract(adapterName, () => ports);
  engagementContract(adapterName, () => ports);
  identityContract(adapterName, () => ports);
  directoryContract(adapterName, () => ports);
  photoContract(adapterName, () => ports);
  unitOfWorkContract(adapterName, () => ports, options);
}
