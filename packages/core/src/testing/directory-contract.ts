import { describe, expect, it } from 'vitest';
import type { PersistencePorts } from '../persistence.js';
import { aListing, aUser } from './builders.js';

const at = (minutes: number) => new Date(Date.parse('2026-09-01T02:00:00.000Z') + minutes * 60_000);

/** Contract cases for the back office's user and listing directories; part of persistenceContract. */
export function directoryContract(adapterName: string, ports: () => PersistencePorts): void {
  describe(`${adapterName}: UserDirectory`, () => {
    it('finds students by campus, nickname part or exact id, verification and ban, newest first with a cursor', async () => {
      const p = ports();
      await p.users.save(aUser({ id: 'dir-a', nickname: 'Alice_100%', now: at(1) }));
      await p.users.save(aUser({ id: 'dir-b', nickname: '小明', now: at(2), verified: false }));
      await p.users.save(aUser({ id: 'dir-c', nickname: '小红', now: at(3), banned: true }));
      await p.users.save(aUser({ id: 'dir-d', nickname: '小明', now: at(3), campusId: 'other-campus' }));
      const anywhere = async (q: Partial<Parameters<typeof p.userDirectory.search>[0]>) =>
        (await p.userDirectory.search({ before: null, limit: 10, ...q })).map((u) => u.id);
      const ids = (q: Partial<Parameters<typeof p.userDirectory.search>[0]>) => anywhere({ campusId: 'demo', ...q });
      // The contract's own users (user-owner, user-buyer) are older than these.
      expect((await ids({})).slice(0, 3)).toEqual(['dir-c', 'dir-b', 'dir-a']);
      expect(await anywhere({ nicknameOrId: '小明' })).toEqual(['dir-d', 'dir-b']);
      expect(await ids({ nicknameOrId: 'alice' })).toEqual(['dir-a']);
      expect(await ids({ nicknameOrId: '100%' })).toEqual(['dir-a']);
      expect(await ids({ nicknameOrId: '_1' })).toEqual(['dir-a']);
      expect(await ids({ nicknameOrId: '%' })).toEqual(['dir-a']);
      expect(await ids({ nicknameOrId: 'dir-b' })).toEqual(['dir-b']);
      expect(await ids({ nicknameOrId: 'dir-' })).toEqual([]);
      expect(await ids({ verified: false })).toEqual(['dir-b']);
      expect(await ids({ banned: true })).toEqual(['dir-c']);
      expect((await ids({ banned: false, verified: true })).slice(0, 1)).toEqual(['dir-a']);
      const c = (await p.users.byId('dir-c'))!;
      expect(await ids({ before: { createdAt: c.createdAt, id: c.id }, limit: 2 })).toEqual(['dir-b', 'dir-a']);
    });
  });

  describe(`${adapterName}: ListingDirectory`, () => {
    it('lists every status by campus, status, kind and title part, newest first with a cursor', async () => {
      const p = ports();
      await p.listings.save(aListing({ id: 'dl-1', title: 'iPhone 13', now: at(1) }));
      await p.listings.save(aListing({ id: 'dl-2', title: '高数课本', kind: 'book', status: 'removed', now: at(2) }));
      await p.listings.save(aListing({ id: 'dl-3', title: '旧 IPHONE 壳', status: 'sold', now: at(3) }));
      await p.listings.save(aListing({ id: 'dl-4', title: 'iPhone', campusId: 'other-campus', now: at(4) }));
      const anywhere = async (q: Partial<Parameters<typeof p.listingDirectory.search>[0]>) =>
        (await p.listingDirectory.search({ before: null, limit: 10, ...q })).map((l) => l.id);
      const ids = (q: Partial<Parameters<typeof p.listingDirectory.search>[0]>) => anywhere({ campusId: 'demo', ...q });
      expect(await ids({})).toEqual(['dl-3', 'dl-2', 'dl-1']);
      expect(await anywhere({})).toEqual(['dl-4', 'dl-3', 'dl-2', 'dl-1']);
      expect(await ids({ status: 'removed' })).toEqual(['dl-2']);
      expect(await ids({ kind: 'book' })).toEqual(['dl-2']);
      expect(await ids({ titleContains: 'iphone' })).toEqual(['dl-3', 'dl-1']);
      expect(await ids({ titleContains: '%' })).toEqual([]);
      expect(await ids({ before: { createdAt: at(3), id: 'dl-3' }, limit: 1 })).toEqual(['dl-2']);
      const [full] = await p.listingDirectory.search({ before: null, limit: 1, status: 'removed' });
      expect(full!.statusHistory).toEqual([
        { from: null, to: 'active', at: at(2).toISOString(), by: 'user-owner', reason: null },
      ]);
    });

    it('counts listings per owner and views per day, leaving contact reveals out', async () => {
      const p = ports();
      await p.listings.save(aListing({ id: 'dv-1', ownerId: 'user-owner' }));
      await p.listings.save(aListing({ id: 'dv-2', ownerId: 'user-owner', status: 'withdrawn' }));
      await p.listings.save(aListing({ id: 'dv-3', ownerId: 'user-buyer' }));
      const counts = await p.listingDirectory.countByOwner(['user-owner', 'user-buyer', 'ghost']);
      expect(Object.fromEntries(counts)).toEqual({ 'user-owner': 2, 'user-buyer': 1 });
      expect((await p.listingDirectory.countByOwner([])).size).toBe(0);
      await p.viewLog.recordView('dv-1', 'u:a', '2026-09-01');
      await p.viewLog.recordView('dv-1', 'a:b', '2026-09-01');
      await p.viewLog.recordView('dv-1', 'c:a', '2026-09-01');
      await p.viewLog.recordView('dv-1', 'u:a', '2026-09-03');
      await p.viewLog.recordView('dv-1', 'u:a', '2026-08-01');
      await p.viewLog.recordView('dv-3', 'u:a', '2026-09-01');
      expect(await p.listingDirectory.viewsPerDay('dv-1', '2026-08-15')).toEqual([
        { day: '2026-09-01', count: 2 },
        { day: '2026-09-03', count: 1 },
      ]);
    });
  });
}
