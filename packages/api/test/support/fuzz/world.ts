import { AdminAccount, Campus, User } from '@xianzhi/core';
import sharp from 'sharp';
import { makeAnnouncements, uploadPhoto } from '../announcements.js';
import { makeDeals } from './deals.js';
import { call, categoryIds, isbn13, itemBody, publishAs } from '../http.js';
import { DEMO_ADMIN_PASSWORD, TEST_HASHER, type Stack } from '../stack.js';

/** Who sends a request: every kind of caller the access rules tell apart. */
export const CALLERS = [
  'anonymous',
  'unverified',
  'verified',
  'otherVerified',
  'banned',
  'campusAdmin',
  'superAdmin',
] as const;
export type Caller = (typeof CALLERS)[number];

/** Kinds of real ids the fuzzer puts where an id goes, so deep paths run and not only the 404s. */
export type IdKind =
  | 'listing'
  | 'comment'
  | 'user'
  | 'photo'
  | 'category'
  | 'campus'
  | 'area'
  | 'notice'
  | 'banner'
  | 'feedback'
  | 'savedSearch'
  | 'case'
  | 'notification'
  | 'blockedTerm'
  | 'offer'
  | 'trade'
  | 'rating';

export interface World {
  readonly headers: Record<Caller, Record<string, string>>;
  readonly ids: Record<IdKind, string[]>;
  /** Ids of the students who send requests: kept out of bans so the callers stay who they are. */
  readonly callerUserIds: readonly string[];
  /** Refresh tokens from real sign-ins (each works once). */
  readonly refreshTokens: string[];
  /** The verified caller's photos (a listing's photos are its author's), and one of the demo admin's (banners). */
  readonly ownPhotos: readonly string[];
  readonly adminPhoto: string;
  /** A cursor the feed handed out, to tamper with. */
  readonly cursor: string;
  /** Upload bodies: a small real JPEG, PNG and WebP, and a cut PNG. */
  readonly images: { jpeg: Buffer; png: Buffer; webp: Buffer; cutPng: Buffer };
  readonly adminPassword: string;
}

/**
 * Real things to aim at on a fresh stack, made through the API as students and admins would: listings
 * of every kind with photos, comments and a reply, a report (an open case), a banner, a notice, feedback,
 * a blocked term, a banned student, another campus and a super admin.
 */
export async function buildWorld(s: Stack): Promise<World> {
  const categories = await categoryIds(s.app);
  await s.persistence.campuses.save(Campus.create({ id: 'north', name: '北方大学', areas: [] }));
  const superAdmin = AdminAccount.create({
    id: '01FUZZSUPERADMIN0000000000',
    username: 'fuzz-super',
    passwordHash: await TEST_HASHER.hash('fuzz-super-password'),
    role: 'super_admin',
    campusId: null,
    now: new Date(),
  });
  await s.persistence.admins.save(superAdmin);
  const mallory = User.register({
    id: '01FUZZMALLORY0000000000000',
    qqOpenId: 'OPENID-FUZZ-MALLORY',
    nickname: '被封禁',
    avatarUrl: null,
    campusId: 'demo',
    now: new Date(),
  });
  mallory.markVerified(new Date());
  mallory.status = 'banned';
  await s.persistence.users.save(mallory);

  const photos = [
    await uploadPhoto(s, s.auth('alice'), { r: 200, g: 10, b: 10 }),
    await uploadPhoto(s, s.auth('alice'), { r: 10, g: 200, b: 10 }),
    await uploadPhoto(s, s.auth('bob'), { r: 10, g: 10, b: 200 }),
  ];
  const leafCategories = Object.values(categories);
  const listings = [
    await publishAs(s, 'alice', itemBody(categories, { title: '模糊测试 台灯', photos: [photos[0]] })),
    await publishAs(
      s,
      'alice',
      itemBody(categories, {
        kind: 'book',
        title: '高等数学 第七版',
        categoryId: categories['books-textbook'] ?? leafCategories[0],
        book: { isbn: isbn13('978704039663'), author: '同济大学', publisher: null, course: '高数' },
      }),
    ),
    await publishAs(
      s,
      'alice',
      itemBody(categories, { kind: 'wanted', title: '求购 自行车', price: null, originalPrice: null, condition: null }),
    ),
    await publishAs(s, 'bob', itemBody(categories, { title: '九成新 自行车', photos: [photos[2]] })),
  ].map((l) => l.id);
  // More of alice's, so edits that name a version (1 to 3) still find listings that have not moved past it.
  for (let i = 0; i < 6; i++)
    listings.push((await publishAs(s, 'alice', itemBody(categories, { title: `模糊测试 台灯 ${i}` }))).id);
  const comment = await call(s.app, {
    method: 'POST',
    url: `/v1/listings/${listings[0]}/comments`,
    headers: s.auth('dave'),
    payload: { body: '还在吗？' },
  });
  const moreComments: string[] = [];
  for (const body of ['周末能面交吗', '能便宜点吗']) {
    const c = await call(s.app, {
      method: 'POST',
      url: `/v1/listings/${listings[0]}/comments`,
      headers: s.auth('bob'),
      payload: { body },
    });
    moreComments.push(c.body.id as string);
  }
  const reply = await call(s.app, {
    method: 'POST',
    url: `/v1/listings/${listings[0]}/comments`,
    headers: s.auth('alice'),
    payload: { body: '在的', replyToCommentId: comment.body.id },
  });
  await call(s.app, {
    method: 'POST',
    url: '/v1/reports',
    headers: s.auth('dave'),
    payload: { targetType: 'listing', targetId: listings[3], reason: 'fake' },
  });
  const reported = await s.persistence.moderationCases.openFor('listing', listings[3]!);
  // Three more of alice's for offers and trades (reserved or sold by them, so kept apart from those above).
  const forDeals = [];
  for (let i = 0; i < 3; i++)
    forDeals.push((await publishAs(s, 'alice', itemBody(categories, { title: `模糊测试 交易 ${i}` }))).id);
  const deals = await makeDeals(s, [forDeals[0]!, forDeals[1]!, forDeals[2]!]);
  listings.push(...forDeals);
  const announcements = await makeAnnouncements(s);
  const more = [await makeAnnouncements(s), await makeAnnouncements(s)];
  const feedback = await call(s.app, {
    method: 'POST',
    url: '/v1/feedback',
    headers: s.auth('dave'),
    payload: { text: '模糊测试的反馈' },
  });
  const savedSearch = await call(s.app, {
    method: 'POST',
    url: '/v1/me/saved-searches',
    headers: s.auth('alice'),
    payload: { q: '模糊 自行车', maxPrice: 50_000 },
  });
  const blocked = await call(s.app, {
    method: 'POST',
    url: '/v1/admin/search/blocked-terms',
    headers: s.auth('admin'),
    payload: { term: '模糊屏蔽词' },
  });
  const inbox = await call(s.app, { method: 'GET', url: '/v1/me/notifications', headers: s.auth('alice') });
  const feed = await call(s.app, { method: 'GET', url: '/v1/listings?limit=1' });
  const refreshTokens: string[] = [];
  for (let i = 0; i < 30; i++) {
    const session = await call(s.app, { method: 'POST', url: '/v1/dev/login', payload: { user: 'dave' } });
    refreshTokens.push(session.body.refreshToken as string);
  }

  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 1, g: 2, b: 3 } } })
    .png()
    .toBuffer();
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 9, g: 8, b: 7 } } })
    .jpeg()
    .toBuffer();
  const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 4, g: 5, b: 6 } } })
    .webp()
    .toBuffer();
  const studentToken = async (user: User) => ({ authorization: `Bearer ${(await s.tokens.issue(user.id)).token}` });

  return {
    headers: {
      anonymous: {},
      unverified: s.auth('carol'),
      verified: s.auth('alice'),
      otherVerified: s.auth('bob'),
      banned: await studentToken(mallory),
      campusAdmin: s.auth('admin'),
      superAdmin: { authorization: `Bearer ${(await s.tokens.issueAdmin(superAdmin.id)).token}` },
    },
    ids: {
      listing: listings,
      comment: [comment.body.id as string, reply.body.id as string, ...moreComments],
      user: [s.users.dave.id, mallory.id, s.users.alice.id, s.users.bob.id, s.users.carol.id],
      photo: [...photos, announcements.adminPhotoId],
      category: leafCategories,
      campus: ['demo', 'north'],
      area: ['east-dorm', 'library'],
      notice: [announcements, ...more].map((a) => a.noticeId),
      banner: [announcements, ...more].map((a) => a.bannerId),
      feedback: [feedback.body.id as string],
      savedSearch: [savedSearch.body.id as string],
      case: reported ? [reported.id] : [],
      notification: (inbox.body.items as { id: string }[]).map((n) => n.id),
      blockedTerm: [blocked.body.id as string],
      offer: deals.offers,
      trade: deals.trades,
      rating: deals.ratings,
    },
    callerUserIds: [s.users.alice.id, s.users.bob.id, s.users.carol.id],
    refreshTokens,
    ownPhotos: photos.slice(0, 2),
    adminPhoto: announcements.adminPhotoId,
    cursor: (feed.body.nextCursor as string | null) ?? '',
    images: { jpeg, png, webp, cutPng: png.subarray(0, Math.floor(png.length / 2)) },
    adminPassword: DEMO_ADMIN_PASSWORD,
  };
}

/**
 * Undoes what a valid fuzzed request may have done to the callers themselves (an admin banning alice, carol
 * passing campus verification), so each kind of caller stays what it is for the whole run.
 */
export async function healCallers(s: Stack, world: World): Promise<void> {
  for (const id of world.callerUserIds) {
    const user = await s.persistence.users.byId(id);
    if (!user) continue;
    const unverified = id === s.users.carol.id && user.verified;
    if (user.banned || unverified) {
      user.status = 'active';
      if (unverified) user.verifiedAt = null;
      await s.persistence.users.save(user);
    }
  }
}
