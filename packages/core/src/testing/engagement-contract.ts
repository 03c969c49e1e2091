import { describe, expect, it } from 'vitest';
import { Comment } from '../engagement/comment.js';
import type { CommentRepository, FavoriteRepository } from '../engagement/ports.js';
import type { ListingRepository } from '../listings/ports.js';
import { aListing } from './builders.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');
const HOUR = 3600_000;

/**
 * Contract cases for FavoriteRepository and CommentRepository; part of persistenceContract.
 * Users 'user-owner' and 'user-buyer' exist.
 */
export function engagementContract(
  adapterName: string,
  ports: () => { listings: ListingRepository; favorites: FavoriteRepository; comments: CommentRepository },
): void {
  describe(`${adapterName}: FavoriteRepository`, () => {
    it('adds and removes idempotently', async () => {
      await ports().listings.save(aListing({ id: 'F1' }));
      expect(await ports().favorites.add('user-buyer', 'F1', T0)).toBe(true);
      expect(await ports().favorites.add('user-buyer', 'F1', T0)).toBe(false);
      expect(await ports().favorites.favoritedAmong('user-buyer', ['F1', 'F2'])).toEqual(new Set(['F1']));
      expect(await ports().favorites.remove('user-buyer', 'F1')).toBe(true);
      expect(await ports().favorites.remove('user-buyer', 'F1')).toBe(false);
    });

    it('lists a user’s favorites newest first with paging', async () => {
      for (let i = 0; i < 5; i++) {
        await ports().listings.save(aListing({ id: `F${i}` }));
        await ports().favorites.add('user-buyer', `F${i}`, new Date(T0.getTime() + (i % 3) * HOUR));
      }
      const all = await ports().favorites.byUser('user-buyer', null, 10);
      expect(all.map((f) => f.listingId)).toEqual(['F2', 'F4', 'F1', 'F3', 'F0']);
      const next = await ports().favorites.byUser('user-buyer', all[1]!, 2);
      expect(next.map((f) => f.listingId)).toEqual(['F1', 'F3']);
      expect(await ports().favorites.byUser('user-owner', null, 10)).toEqual([]);
    });
  });

  describe(`${adapterName}: CommentRepository`, () => {
    it('stores comments and replies, oldest first, deleted ones included', async () => {
      await ports().listings.save(aListing({ id: 'C-L' }));
      const top = Comment.post({ id: 'c1', listingId: 'C-L', authorId: 'user-buyer', body: '还在吗？', now: T0 });
      const reply = Comment.post({
        id: 'c2',
        listingId: 'C-L',
        authorId: 'user-owner',
        body: '在的',
        now: new Date(T0.getTime() + 1000),
        replyTo: top,
      });
      await ports().comments.save(top);
      await ports().comments.save(reply);
      top.delete('user-buyer', new Date(T0.getTime() + 2000));
      await ports().comments.save(top);
      const all = await ports().comments.forListing('C-L');
      expect(all.map((c) => c.id)).toEqual(['c1', 'c2']);
      expect(all[0]!.deleted).toBe(true);
      expect(all[1]).toMatchObject({
        parentId: 'c1',
        replyToCommentId: 'c1',
        replyToUserId: 'user-buyer',
        body: '在的',
      });
      expect((await ports().comments.byId('c2'))!.createdAt).toEqual(new Date(T0.getTime() + 1000));
    });
  });
}
