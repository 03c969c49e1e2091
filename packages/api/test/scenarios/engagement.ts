import { beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, expectError, itemBody, publishAs } from '../support/http.js';
import type { Stack } from '../support/stack.js';

export function engagementScenarios(get: () => Stack): void {
  let cats: Record<string, string>;
  beforeAll(async () => {
    cats = await categoryIds(get().app);
  });

  describe('favorites', () => {
    it('add and remove are idempotent and keep the count right', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '收藏测试 机械键盘' }));
      const fav = (method: 'PUT' | 'DELETE', handle: 'bob' | 'carol') =>
        call(s.app, { method, url: `/v1/listings/${d.id}/favorite`, headers: s.auth(handle) });
      expect((await fav('PUT', 'bob')).body).toEqual({ favorited: true, favoriteCount: 1 });
      expect((await fav('PUT', 'bob')).body).toEqual({ favorited: true, favoriteCount: 1 });
      // Unverified students may favorite: it is private, and how price-drop alerts reach them.
      expect((await fav('PUT', 'carol')).body).toEqual({ favorited: true, favoriteCount: 2 });
      expect((await fav('DELETE', 'bob')).body).toEqual({ favorited: false, favoriteCount: 1 });
      expect((await fav('DELETE', 'bob')).body).toEqual({ favorited: false, favoriteCount: 1 });

      const detail = await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}`, headers: s.auth('carol') });
      expect(detail.body).toMatchObject({ favoritedByMe: true, favoriteCount: 1 });
      const mine = await call(s.app, { method: 'GET', url: '/v1/me/favorites', headers: s.auth('carol') });
      expect(mine.body.items[0]).toMatchObject({ id: d.id, favoriteCount: 1 });
      expect(mine.body.nextCursor).toBeNull();
    });

    it('favorites need a caller, a visible listing, and an open one', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '已售的收藏目标' }));
      expectError(await call(s.app, { method: 'PUT', url: `/v1/listings/${d.id}/favorite` }), 401, 'UNAUTHENTICATED');
      expectError(
        await call(s.app, { method: 'PUT', url: '/v1/listings/nope/favorite', headers: s.auth('bob') }),
        404,
        'LISTING_NOT_FOUND',
      );
      await call(s.app, {
        method: 'POST',
        url: `/v1/listings/${d.id}/status`,
        headers: s.auth('alice'),
        payload: { status: 'sold' },
      });
      expectError(
        await call(s.app, { method: 'PUT', url: `/v1/listings/${d.id}/favorite`, headers: s.auth('bob') }),
        409,
        'LISTING_NOT_OPEN',
      );
    });

    it('我的收藏 pages newest first with a cursor', async () => {
      const s = get();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const d = await publishAs(s, 'bob', itemBody(cats, { title: `收藏分页 ${i}` }));
        s.clock.advance(1000);
        await call(s.app, { method: 'PUT', url: `/v1/listings/${d.id}/favorite`, headers: s.auth('dave') });
        ids.push(d.id);
      }
      const first = await call(s.app, { method: 'GET', url: '/v1/me/favorites?limit=2', headers: s.auth('dave') });
      expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
      const second = await call(s.app, {
        method: 'GET',
        url: `/v1/me/favorites?limit=2&cursor=${first.body.nextCursor}`,
        headers: s.auth('dave'),
      });
      expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
      expect(second.body.nextCursor).toBeNull();
      expectError(await call(s.app, { method: 'GET', url: '/v1/me/favorites', headers: {} }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('comments and replies', () => {
    it('verified students comment, the owner replies, threads come back in order', async () => {
      const s = get();
      const d = await publishAs(
        s,
        'alice',
        itemBody(cats, { title: '留言测试 吉他', categoryId: cats['sports-instrument'] }),
      );
      const url = `/v1/listings/${d.id}/comments`;
      const top = await call(s.app, {
        method: 'POST',
        url,
        headers: s.auth('bob'),
        payload: { body: '  还在吗？可以小刀吗  ' },
      });
      expect(top.status).toBe(201);
      expect(top.body).toMatchObject({
        body: '还在吗？可以小刀吗',
        deleted: false,
        canDelete: true,
        replyTo: null,
        author: { id: s.users.bob.id, nickname: s.users.bob.nickname, avatarUrl: null },
      });
      s.clock.advance(1000);
      const reply = await call(s.app, {
        method: 'POST',
        url,
        headers: s.auth('alice'),
        payload: { body: '在的，最低 1200', replyToCommentId: top.body.id },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.replyTo).toEqual({
        commentId: top.body.id,
        user: { id: s.users.bob.id, nickname: s.users.bob.nickname },
      });
      s.clock.advance(1000);
      const replyToReply = await call(s.app, {
        method: 'POST',
        url,
        headers: s.auth('bob'),
        payload: { body: '1100 行吗', replyToCommentId: reply.body.id },
      });
      expect(replyToReply.body.replyTo.user.id).toBe(s.users.alice.id);

      const asDave = await call(s.app, { method: 'GET', url, headers: s.auth('dave') });
      expect(asDave.body.items).toHaveLength(1);
      const thread = asDave.body.items[0];
      expect(thread).toMatchObject({ id: top.body.id, body: '还在吗？可以小刀吗', canDelete: false });
      expect(thread).not.toHaveProperty('replyTo');
      expect(thread.replies.map((r: { body: string }) => r.body)).toEqual(['在的，最低 1200', '1100 行吗']);
      expect((await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}` })).body.commentCount).toBe(3);

      const events = (await s.persistence.outbox.unpublished(10_000)).filter(
        (e) => (e.payload as { listingId?: string }).listingId === d.id,
      );
      expect(events.filter((e) => e.type.startsWith('Comment')).map((e) => e.type)).toEqual([
        'CommentPosted',
        'CommentReplied',
        'CommentReplied',
      ]);
    });

    it('who may speak and who may delete', async () => {
      const s = get();
      const d = await publishAs(s, 'alice', itemBody(cats, { title: '删除权限测试 桌游' }));
      const url = `/v1/listings/${d.id}/comments`;
      expectError(
        await call(s.app, { method: 'POST', url, headers: s.auth('carol'), payload: { body: '我没认证' } }),
        403,
        'NOT_VERIFIED',
      );
      expectError(await call(s.app, { method: 'POST', url, payload: { body: '匿名' } }), 401, 'UNAUTHENTICATED');
      expect(
        expectError(
          await call(s.app, { method: 'POST', url, headers: s.auth('bob'), payload: { body: '   ' } }),
          400,
          'VALIDATION_FAILED',
        ),
      ).toEqual([expect.objectContaining({ field: 'body' })]);
      expectError(
        await call(s.app, {
          method: 'POST',
          url,
          headers: s.auth('bob'),
          payload: { body: '回复不存在的', replyToCommentId: 'nope' },
        }),
        404,
        'COMMENT_NOT_FOUND',
      );

      const bobs = (await call(s.app, { method: 'POST', url, headers: s.auth('bob'), payload: { body: '鲍勃的留言' } }))
        .body;
      const daves = (
        await call(s.app, { method: 'POST', url, headers: s.auth('dave'), payload: { body: '大卫的留言' } })
      ).body;
      await call(s.app, {
        method: 'POST',
        url,
        headers: s.auth('dave'),
        payload: { body: '大卫回复鲍勃', replyToCommentId: bobs.id },
      });

      expectError(
        await call(s.app, { method: 'DELETE', url: `/v1/comments/${bobs.id}`, headers: s.auth('dave') }),
        403,
        'NOT_COMMENT_MODERATOR',
      );
      const byAuthor = await s.app.inject({
        method: 'DELETE',
        url: `/v1/comments/${daves.id}`,
        headers: s.auth('dave'),
      });
      expect(byAuthor.statusCode).toBe(204);
      expect(byAuthor.body).toBe('');
      const byOwner = await s.app.inject({
        method: 'DELETE',
        url: `/v1/comments/${bobs.id}`,
        headers: s.auth('alice'),
      });
      expect(byOwner.statusCode).toBe(204);
      expectError(
        await call(s.app, { method: 'DELETE', url: `/v1/comments/${bobs.id}`, headers: s.auth('alice') }),
        404,
        'COMMENT_NOT_FOUND',
      );

      const list = await call(s.app, { method: 'GET', url, headers: s.auth('bob') });
      // Bob's deleted comment stays as a placeholder because it has a live reply; Dave's is gone.
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ id: bobs.id, deleted: true, body: null, canDelete: false });
      expect(list.body.items[0].replies).toHaveLength(1);
      expect((await call(s.app, { method: 'GET', url: `/v1/listings/${d.id}` })).body.commentCount).toBe(1);
    });
  });
}
