import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../identity/actor.js';
import { coreKit, itemInput, type CoreKit } from '../testing/kit.js';

let k: CoreKit;
let listingId: string;
beforeEach(async () => {
  k = await coreKit();
  const r = await k.publish.execute({ actor: k.actors.alice, kind: 'item', content: itemInput() });
  if (!r.ok) throw new Error(r.error.code);
  listingId = r.value.id;
});
const stored = async () => (await k.ports.listings.byId(listingId))!;
const eventTypes = async () => (await k.ports.outbox.unpublished(100)).map((e) => e.type);

describe('favorites', () => {
  it('adds and removes idempotently, keeping the count right', async () => {
    expect(await k.setFavorite.execute({ actor: k.actors.bob, listingId, favorited: true })).toEqual({
      ok: true,
      value: { favorited: true, favoriteCount: 1 },
    });
    expect(await k.setFavorite.execute({ actor: k.actors.bob, listingId, favorited: true })).toEqual({
      ok: true,
      value: { favorited: true, favoriteCount: 1 },
    });
    await k.setFavorite.execute({ actor: k.actors.carol, listingId, favorited: true });
    expect((await stored()).favoriteCount).toBe(2);
    expect(await k.setFavorite.execute({ actor: k.actors.bob, listingId, favorited: false })).toEqual({
      ok: true,
      value: { favorited: false, favoriteCount: 1 },
    });
    expect(await k.setFavorite.execute({ actor: k.actors.bob, listingId, favorited: false })).toEqual({
      ok: true,
      value: { favorited: false, favoriteCount: 1 },
    });
    expect((await eventTypes()).filter((t) => t.startsWith('ListingFav') || t.startsWith('ListingUnfav'))).toEqual([
      'ListingFavorited',
      'ListingFavorited',
      'ListingUnfavorited',
    ]);
  });

  it('refuses anonymous and banned users, and listings that are gone or closed', async () => {
    const code = async (actor: Parameters<CoreKit['setFavorite']['execute']>[0]['actor'], id = listingId) => {
      const r = await k.setFavorite.execute({ actor, listingId: id, favorited: true });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code(k.anonymous)).toBe('UNAUTHENTICATED');
    expect(await code(k.actors.mallory)).toBe('USER_BANNED');
    expect(await code(k.actors.bob, 'nope')).toBe('LISTING_NOT_FOUND');
    await k.changeStatus.execute({ actor: k.actors.alice, listingId, status: 'sold' });
    expect(await code(k.actors.bob)).toBe('LISTING_NOT_OPEN');
  });

  it('lists my favorites newest first, drops withdrawn ones, and marks whether I favorited', async () => {
    const second = await k.publish.execute({
      actor: k.actors.alice,
      kind: 'item',
      content: itemInput({ title: '第二件' }),
    });
    if (!second.ok) throw new Error('setup');
    await k.setFavorite.execute({ actor: k.actors.bob, listingId, favorited: true });
    k.clock.advance(1000);
    await k.setFavorite.execute({ actor: k.actors.bob, listingId: second.value.id, favorited: true });
    const page = await k.myFavorites.execute({ actor: k.actors.bob, limit: 1 });
    if (!page.ok) throw new Error(page.error.code);
    expect(page.value.items.map((v) => v.listing.title)).toEqual(['第二件']);
    expect(page.value.items[0]!.favoritedByMe).toBe(true);
    const next = await k.myFavorites.execute({ actor: k.actors.bob, cursor: page.value.nextCursor! });
    expect(next.ok && next.value.items.map((v) => v.listing.id)).toEqual([listingId]);
    await k.withdraw.execute({ actor: k.actors.alice, listingId: second.value.id });
    const after = await k.myFavorites.execute({ actor: k.actors.bob });
    expect(after.ok && after.value.items.map((v) => v.listing.id)).toEqual([listingId]);
  });
});

describe('comments', () => {
  it('lets verified students comment and reply, one level deep, naming whom a reply answers', async () => {
    const top = await k.postComment.execute({ actor: k.actors.bob, listingId, body: '  还在吗？能便宜点吗  ' });
    if (!top.ok) throw new Error(top.error.code);
    expect(top.value.body).toBe('还在吗？能便宜点吗');
    const reply = await k.postComment.execute({
      actor: k.actors.alice,
      listingId,
      body: '在的，最低 2300',
      replyToCommentId: top.value.id,
    });
    if (!reply.ok) throw new Error(reply.error.code);
    const replyToReply = await k.postComment.execute({
      actor: k.actors.bob,
      listingId,
      body: '好的成交',
      replyToCommentId: reply.value.id,
    });
    if (!replyToReply.ok) throw new Error(replyToReply.error.code);
    expect(replyToReply.value).toMatchObject({
      parentId: top.value.id,
      replyToCommentId: reply.value.id,
      replyToUserId: 'alice',
    });

    const threads = await k.listComments.execute({ actor: k.actors.bob, listingId });
    if (!threads.ok) throw new Error('list');
    expect(threads.value).toHaveLength(1);
    expect(threads.value[0]!.replies.map((r) => [r.author.nickname, r.replyTo?.user.nickname, r.body])).toEqual([
      ['爱丽丝', '鲍勃', '在的，最低 2300'],
      ['鲍勃', '爱丽丝', '好的成交'],
    ]);
    expect((await stored()).commentCount).toBe(3);
    const events = await k.ports.outbox.unpublished(100);
    expect(events.filter((e) => e.type === 'CommentPosted').map((e) => e.payload)).toEqual([
      expect.objectContaining({ listingOwnerId: 'alice', authorId: 'bob' }),
    ]);
    expect(
      events
        .filter((e) => e.type === 'CommentReplied')
        .map((e) => 'repliedToUserId' in e.payload && e.payload.repliedToUserId),
    ).toEqual(['bob', 'alice']);
  });

  it("shows a commenter's QQ openid for 加好友 only to verified viewers other than the commenter", async () => {
    const posted = await k.postComment.execute({ actor: k.actors.bob, listingId, body: '还在吗' });
    if (!posted.ok) throw new Error(posted.error.code);
    const openIdSeenBy = async (actor: Actor) => {
      const r = await k.listComments.execute({ actor, listingId });
      if (!r.ok) throw new Error(r.error.code);
      return r.value[0]!.comment.author.qqOpenId ?? null;
    };
    expect(await openIdSeenBy(k.actors.alice)).toBe('OPENID-BOB');
    expect(await openIdSeenBy(k.actors.bob)).toBeNull();
    expect(await openIdSeenBy({ kind: 'anonymous' })).toBeNull();
    expect(await openIdSeenBy(k.actors.carol)).toBeNull(); // not verified
    expect(await openIdSeenBy(k.actors.mallory)).toBeNull(); // banned
  });

  it('refuses unverified, banned and anonymous commenters, empty and overlong text, and foreign reply targets', async () => {
    const code = async (input: Partial<Parameters<CoreKit['postComment']['execute']>[0]>) => {
      const r = await k.postComment.execute({ actor: k.actors.bob, listingId, body: '你好', ...input });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code({ actor: k.actors.carol })).toBe('NOT_VERIFIED');
    expect(await code({ actor: k.actors.mallory })).toBe('USER_BANNED');
    expect(await code({ actor: k.anonymous })).toBe('UNAUTHENTICATED');
    expect(await code({ body: '   ' })).toBe('VALIDATION_FAILED');
    expect(await code({ body: '字'.repeat(501) })).toBe('VALIDATION_FAILED');
    expect(await code({ replyToCommentId: 'nope' })).toBe('COMMENT_NOT_FOUND');
    expect(await code({ listingId: 'nope' })).toBe('LISTING_NOT_FOUND');
    expect((await stored()).commentCount).toBe(0);
  });

  it('lets the author, the listing owner or an admin delete, and nobody else', async () => {
    const c = await k.postComment.execute({ actor: k.actors.bob, listingId, body: '留言一' });
    const d = await k.postComment.execute({ actor: k.actors.bob, listingId, body: '留言二' });
    const e = await k.postComment.execute({ actor: k.actors.bob, listingId, body: '留言三' });
    if (!c.ok || !d.ok || !e.ok) throw new Error('setup');
    const dave = k.as((await k.ports.users.byId('carol'))!);
    const refused = await k.deleteComment.execute({ actor: dave, commentId: c.value.id });
    expect(!refused.ok && refused.error.code).toBe('NOT_COMMENT_MODERATOR');
    expect((await k.deleteComment.execute({ actor: k.actors.bob, commentId: c.value.id })).ok).toBe(true);
    expect((await k.deleteComment.execute({ actor: k.actors.alice, commentId: d.value.id })).ok).toBe(true);
    const elsewhere = await k.deleteComment.execute({ actor: k.actors.otherCampusAdmin, commentId: e.value.id });
    expect(!elsewhere.ok && elsewhere.error.code).toBe('NOT_COMMENT_MODERATOR');
    expect((await k.deleteComment.execute({ actor: k.actors.admin, commentId: e.value.id })).ok).toBe(true);
    const twice = await k.deleteComment.execute({ actor: k.actors.bob, commentId: c.value.id });
    expect(!twice.ok && twice.error.code).toBe('COMMENT_NOT_FOUND');
    expect((await stored()).commentCount).toBe(0);
    const threads = await k.listComments.execute({ actor: k.anonymous, listingId });
    expect(threads.ok && threads.value).toEqual([]);
  });

  it('keeps a deleted comment as a placeholder while it has replies', async () => {
    const top = await k.postComment.execute({ actor: k.actors.bob, listingId, body: '问一下' });
    if (!top.ok) throw new Error('setup');
    await k.postComment.execute({ actor: k.actors.alice, listingId, body: '请说', replyToCommentId: top.value.id });
    await k.deleteComment.execute({ actor: k.actors.bob, commentId: top.value.id });
    const threads = await k.listComments.execute({ actor: k.actors.bob, listingId });
    if (!threads.ok) throw new Error('list');
    expect(threads.value[0]!.comment).toMatchObject({ deleted: true, body: null, canDelete: false });
    expect(threads.value[0]!.replies.map((r) => r.body)).toEqual(['请说']);
    expect(threads.value[0]!.replies[0]!.canDelete).toBe(false);
    const asOwner = await k.listComments.execute({ actor: k.actors.alice, listingId });
    expect(asOwner.ok && asOwner.value[0]!.replies[0]!.canDelete).toBe(true);
  });
});

describe('catalog', () => {
  it('seeds the default tree idempotently and shows only enabled categories to students', async () => {
    const fresh = await coreKit();
    const first = await fresh.seedCategories.execute('demo');
    // The kit's small tree already holds 7 of the default codes; the other 29 of 36 are added.
    expect(first.created).toBe(29);
    expect((await fresh.ports.categories.forCampus('demo')).length).toBe(36);
    expect((await fresh.seedCategories.execute('demo')).created).toBe(0);
    const catalog = await k.getCatalog.execute({ campusId: 'demo' });
    if (!catalog.ok) throw new Error('catalog');
    expect(catalog.value.tree.map((n) => [n.category.name, n.children.map((c) => c.name)])).toEqual([
      ['旧书', ['教材']],
      ['电子产品', ['手机', '电脑']],
      ['其他', []],
    ]);
    const missing = await k.getCatalog.execute({ campusId: 'nowhere' });
    expect(!missing.ok && missing.error.code).toBe('CAMPUS_NOT_FOUND');
  });

  it('lets admins add, rename and disable categories, and no one else', async () => {
    const denied = await k.createCategory.execute({
      actor: k.actors.alice,
      campusId: 'demo',
      parentId: null,
      code: 'pets',
      name: '宠物用品',
    });
    expect(!denied.ok && denied.error.code).toBe('ADMIN_ONLY');
    const created = await k.createCategory.execute({
      actor: k.actors.admin,
      campusId: 'demo',
      parentId: 'demo-digital',
      code: 'digital-tablet',
      name: '平板',
    });
    expect(created.ok && created.value.sortOrder).toBe(30);
    const dup = await k.createCategory.execute({
      actor: k.actors.admin,
      campusId: 'demo',
      parentId: null,
      code: 'digital-tablet',
      name: '重复',
    });
    expect(!dup.ok && dup.error.code).toBe('CATEGORY_CODE_TAKEN');
    const third = await k.createCategory.execute({
      actor: k.actors.admin,
      campusId: 'demo',
      parentId: 'demo-phones',
      code: 'deep',
      name: '三级',
    });
    expect(!third.ok && third.error.code).toBe('VALIDATION_FAILED');
    const disabled = await k.updateCategory.execute({
      actor: k.actors.admin,
      categoryId: 'demo-phones',
      enabled: false,
    });
    expect(disabled.ok && disabled.value.enabled).toBe(false);
    const publish = await k.publish.execute({ actor: k.actors.alice, kind: 'item', content: itemInput() });
    expect(!publish.ok && publish.error.code).toBe('CATEGORY_NOT_SELECTABLE');
    expect((await k.ports.auditLog.list({ limit: 10 })).map((e) => e.action)).toEqual([
      'category.update',
      'category.create',
    ]);
  });

  it('keeps a campus admin to their own campus tree', async () => {
    const create = await k.createCategory.execute({
      actor: k.actors.otherCampusAdmin,
      campusId: 'demo',
      parentId: null,
      code: 'pets',
      name: '宠物用品',
    });
    expect(!create.ok && create.error.code).toBe('ADMIN_SCOPE');
    const update = await k.updateCategory.execute({
      actor: k.actors.otherCampusAdmin,
      categoryId: 'demo-phones',
      name: '手机数码',
    });
    expect(!update.ok && update.error.code).toBe('ADMIN_SCOPE');
    expect(
      (await k.updateCategory.execute({ actor: k.actors.superAdmin, categoryId: 'demo-phones', name: '手机数码' })).ok,
    ).toBe(true);
    const student = await k.updateCategory.execute({
      actor: k.actors.studentAdmin,
      categoryId: 'demo-phones',
      name: '手机',
    });
    expect(!student.ok && student.error.code).toBe('ADMIN_ONLY');
  });
});

describe('profile', () => {
  it('returns my profile and lets me change my nickname within limits', async () => {
    const me = await k.myProfile.execute({ actor: k.actors.carol });
    expect(me.ok && me.value.verified).toBe(false);
    const anon = await k.myProfile.execute({ actor: k.anonymous });
    expect(!anon.ok && anon.error.code).toBe('UNAUTHENTICATED');
    const renamed = await k.updateProfile.execute({ actor: k.actors.carol, nickname: '  小  卡  ' });
    expect(renamed.ok && renamed.value.nickname).toBe('小 卡');
    const tooLong = await k.updateProfile.execute({
      actor: k.actors.carol,
      nickname: '长'.repeat(21),
      avatarUrl: 'https://example.com/a.png',
    });
    expect(
      !tooLong.ok && tooLong.error.code === 'VALIDATION_FAILED' && tooLong.error.problems.map((p) => p.field),
    ).toEqual(['nickname', 'avatarUrl']);
    expect((await k.ports.users.byId('carol'))!.nickname).toBe('小 卡');
  });
});

describe('avatar', () => {
  const photo = (id: string, ownerId: string) => ({
    id,
    ownerId,
    contentHash: `hash-${id}`,
    mime: 'image/webp' as const,
    width: 100,
    height: 100,
    byteSize: 1000,
    variants: { thumb: 't', medium: 'm', large: 'l' },
    createdAt: k.clock.now(),
    attachedAt: null,
  });
  const CAROLS = '01CCCCCCCCCCCCCCCCCCCCCCCC';
  const BOBS = '01BBBBBBBBBBBBBBBBBBBBBBBB';

  it("takes only the caller's own uploaded photo, by id or by our /media URL, and keeps it from the cleanup", async () => {
    await k.ports.photos.save(photo(CAROLS, 'carol'));
    await k.ports.photos.save(photo(BOBS, 'bob'));
    const field = async (avatarUrl: string) => {
      const r = await k.updateProfile.execute({ actor: k.actors.carol, avatarUrl });
      return r.ok ? r.value.avatarUrl : r.error.code === 'VALIDATION_FAILED' && r.error.problems.map((p) => p.field);
    };
    expect(await field('https://tracker.example.com/pixel.png')).toEqual(['avatarUrl']);
    expect(await field(BOBS)).toEqual(['avatarUrl']);
    expect(await field(`/media/photos/${BOBS}/thumb`)).toEqual(['avatarUrl']);
    expect(await field('/media/photos/01DDDDDDDDDDDDDDDDDDDDDDDD/thumb')).toEqual(['avatarUrl']);
    expect(await field(`/media/photos/${CAROLS}/original`)).toEqual(['avatarUrl']);
    expect(await field(CAROLS)).toBe(`/media/photos/${CAROLS}/thumb`);
    expect(await field(`/media/photos/${CAROLS}/medium`)).toBe(`/media/photos/${CAROLS}/medium`);
    expect((await k.ports.photos.byId(CAROLS))!.attachedAt).not.toBeNull();
    const cleared = await k.updateProfile.execute({ actor: k.actors.carol, avatarUrl: null });
    expect(cleared.ok && cleared.value.avatarUrl).toBeNull();
  });
});
