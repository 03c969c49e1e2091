import { AdminAccount, Campus, User } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { makeAnnouncements } from './support/announcements.js';
import { multipartFile, phoneJpeg } from './support/photos.js';
import { DEMO_ADMIN_PASSWORD, SCENARIO_BOOK_LIMITS, startStack, TEST_HASHER, type Stack } from './support/stack.js';

/**
 * Every route × every kind of caller, with the status each must get, on the embedded stack. The
 * table must name every route the app serves: a new route without a row fails here.
 *
 * verified = the owner of the target listing (alice); anotherOwner = a verified student who owns
 * other things but not the target (bob); banned = a banned student's still-unexpired token;
 * otherCampusAdmin = a campus admin of another campus; admin = the demo campus's admin.
 */
const ROLES = ['anonymous', 'unverified', 'verified', 'banned', 'anotherOwner', 'otherCampusAdmin', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Expect = Record<Role, number>;

interface Fixture {
  listingId: string;
  commentId: string;
  categoryId: string;
  targetUserId: string;
  refreshToken: string;
  /** An open review case on the target listing (dave reported it). */
  caseId: string;
}

interface Row {
  readonly route: string;
  readonly request: (f: Fixture) => { url: string; payload?: object; headers?: Record<string, string> };
  readonly expect: Expect;
}

/** The usual shapes: the same status for everyone who may, and the refusals by kind. */
const everyone = (ok: number): Expect => ({
  anonymous: ok,
  unverified: ok,
  verified: ok,
  banned: 403,
  anotherOwner: ok,
  otherCampusAdmin: ok,
  admin: ok,
});
const students = (ok: number): Expect => ({
  anonymous: 401,
  unverified: ok,
  verified: ok,
  banned: 403,
  anotherOwner: ok,
  otherCampusAdmin: 401,
  admin: 401,
});
const verifiedStudents = (ok: number): Expect => ({ ...students(ok), unverified: 403 });
const ownerOnly = (ok: number): Expect => ({ ...students(403), verified: ok });
const admins = (ok: number): Expect => ({
  anonymous: 401,
  unverified: 403,
  verified: 403,
  banned: 403,
  anotherOwner: 403,
  otherCampusAdmin: ok,
  admin: ok,
});
const campusAdmins = (ok: number): Expect => ({ ...admins(ok), otherCampusAdmin: 403 });

let categories: Record<string, string>;
let photo: { id: string; jpeg: Buffer };
/** A demo-campus block entry made before the rows run: other campuses' admins may not lift it, the demo admin may (last role). */
let blockedTermId: string;
/** Demo-campus announcements made before the rows run, and a photo the demo admin uploaded (for new banners). */
let announcement: { bannerId: string; noticeId: string; adminPhotoId: string };
/** dave's feedback, made before the rows run: the reply row answers it, the close row then closes it (the demo admin, last role). */
let feedbackId: string;
const ROWS: Row[] = [
  { route: 'GET /v1/catalog', request: () => ({ url: '/v1/catalog' }), expect: everyone(200) },
  { route: 'GET /v1/categories', request: () => ({ url: '/v1/categories' }), expect: everyone(200) },
  { route: 'GET /v1/listings', request: () => ({ url: '/v1/listings' }), expect: everyone(200) },
  { route: 'GET /v1/search', request: () => ({ url: '/v1/search?q=%E5%8F%B0%E7%81%AF' }), expect: everyone(200) },
  { route: 'GET /v1/search/hot', request: () => ({ url: '/v1/search/hot' }), expect: everyone(200) },
  // Without a campusId an admin reads their own campus's list; naming another campus is refused.
  {
    route: 'GET /v1/admin/search/blocked-terms',
    request: () => ({ url: '/v1/admin/search/blocked-terms' }),
    expect: admins(200),
  },
  {
    route: 'GET /v1/admin/search/blocked-terms#demo',
    request: () => ({ url: '/v1/admin/search/blocked-terms?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/search/blocked-terms',
    request: () => ({
      url: '/v1/admin/search/blocked-terms',
      payload: { campusId: 'demo', term: `词${Math.random().toString(36).slice(2, 8)}` },
    }),
    expect: campusAdmins(201),
  },
  {
    route: 'DELETE /v1/admin/search/blocked-terms/:id',
    request: () => ({ url: `/v1/admin/search/blocked-terms/${blockedTermId}` }),
    expect: campusAdmins(200),
  },
  // Without a campusId an admin sees their own campus; naming another is refused to campus admins.
  { route: 'GET /v1/admin/stats', request: () => ({ url: '/v1/admin/stats' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/stats#demo',
    request: () => ({ url: '/v1/admin/stats?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/search/suggest',
    request: () => ({ url: '/v1/search/suggest?q=%E5%8F%B0' }),
    expect: everyone(200),
  },
  { route: 'GET /v1/listings/:id', request: (f) => ({ url: `/v1/listings/${f.listingId}` }), expect: everyone(200) },
  {
    route: 'GET /v1/listings/:id/similar',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/similar` }),
    expect: everyone(200),
  },
  { route: 'GET /v1/recommendations', request: () => ({ url: '/v1/recommendations' }), expect: everyone(200) },
  {
    route: 'POST /v1/listings',
    request: () => ({ url: '/v1/listings', payload: itemBody(categories) }),
    expect: verifiedStudents(201),
  },
  {
    route: 'PATCH /v1/listings/:id',
    request: (f) => ({ url: `/v1/listings/${f.listingId}`, payload: { version: 1, title: '改过的标题 台灯' } }),
    expect: ownerOnly(200),
  },
  {
    route: 'POST /v1/listings/:id/status',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/status`, payload: { status: 'reserved' } }),
    expect: ownerOnly(200),
  },
  // The owner may renew, but not on the day of publishing: 429 is the rule answering, not access.
  {
    route: 'POST /v1/listings/:id/renew',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/renew` }),
    expect: ownerOnly(429),
  },
  {
    route: 'POST /v1/listings/:id/withdraw',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/withdraw` }),
    expect: ownerOnly(200),
  },
  // The fixture's listing is on sale: relisting it is the rule answering (409), once access is granted.
  {
    route: 'POST /v1/listings/:id/relist',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/relist` }),
    expect: ownerOnly(409),
  },
  {
    route: 'POST /v1/admin/listings/:id/remove',
    request: (f) => ({ url: `/v1/admin/listings/${f.listingId}/remove`, payload: { reason: '违规' } }),
    expect: campusAdmins(200),
  },
  {
    route: 'PUT /v1/listings/:id/favorite',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/favorite` }),
    expect: students(200),
  },
  {
    route: 'DELETE /v1/listings/:id/favorite',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/favorite` }),
    expect: students(200),
  },
  {
    route: 'GET /v1/listings/:id/comments',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/comments` }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/listings/:id/comments',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/comments`, payload: { body: '还在吗？' } }),
    expect: verifiedStudents(201),
  },
  // The comment is dave's, on alice's listing: alice moderates her listing, admins of its campus too.
  {
    route: 'DELETE /v1/comments/:id',
    request: (f) => ({ url: `/v1/comments/${f.commentId}` }),
    expect: { ...ownerOnly(204), admin: 204, otherCampusAdmin: 403 },
  },
  // Seller pages are public; the rows before them may have banned dave, but each fixture unbans him.
  { route: 'GET /v1/users/:id', request: (f) => ({ url: `/v1/users/${f.targetUserId}` }), expect: everyone(200) },
  {
    route: 'GET /v1/users/:id/listings',
    request: (f) => ({ url: `/v1/users/${f.targetUserId}/listings` }),
    expect: everyone(200),
  },
  { route: 'GET /v1/me', request: () => ({ url: '/v1/me' }), expect: students(200) },
  { route: 'PATCH /v1/me', request: () => ({ url: '/v1/me', payload: { nickname: '新昵称' } }), expect: students(200) },
  { route: 'GET /v1/me/listings', request: () => ({ url: '/v1/me/listings' }), expect: students(200) },
  { route: 'GET /v1/me/favorites', request: () => ({ url: '/v1/me/favorites' }), expect: students(200) },
  // Notifications are personal: any signed-in, unbanned student reads and manages their own (404 for an id that is not theirs).
  { route: 'GET /v1/me/notifications', request: () => ({ url: '/v1/me/notifications' }), expect: students(200) },
  {
    route: 'GET /v1/me/notifications/unread-count',
    request: () => ({ url: '/v1/me/notifications/unread-count' }),
    expect: students(200),
  },
  {
    route: 'POST /v1/me/notifications/:id/read',
    request: () => ({ url: '/v1/me/notifications/01NOTMINE0000000000000000/read' }),
    expect: students(404),
  },
  {
    route: 'POST /v1/me/notifications/read-all',
    request: () => ({ url: '/v1/me/notifications/read-all' }),
    expect: students(200),
  },
  {
    route: 'GET /v1/me/notification-settings',
    request: () => ({ url: '/v1/me/notification-settings' }),
    expect: students(200),
  },
  {
    route: 'PUT /v1/me/notification-settings',
    request: () => ({ url: '/v1/me/notification-settings', payload: { muted: ['price_drop'] } }),
    expect: students(200),
  },
  {
    route: 'POST /v1/me/notification-consents',
    request: () => ({ url: '/v1/me/notification-consents', payload: { templateIds: ['demo-comment'] } }),
    expect: students(200),
  },
  // Dead letters: admins list their campus's; retrying one that is not dead is the rule answering 404.
  { route: 'GET /v1/admin/dead-letters', request: () => ({ url: '/v1/admin/dead-letters' }), expect: admins(200) },
  {
    route: 'POST /v1/admin/dead-letters/:id/retry',
    request: () => ({ url: '/v1/admin/dead-letters/01NOTDEAD0000000000000000/retry' }),
    expect: admins(404),
  },
  {
    route: 'POST /v1/admin/categories',
    request: () => ({
      url: '/v1/admin/categories',
      payload: { campusId: 'demo', code: `c-${Math.random().toString(36).slice(2, 10)}`, name: '新分类' },
    }),
    expect: campusAdmins(201),
  },
  // Without a campusId a campus admin adds to their own campus: the north admin may, into north.
  {
    route: 'POST /v1/admin/categories#own',
    request: () => ({
      url: '/v1/admin/categories',
      payload: { code: `o-${Math.random().toString(36).slice(2, 10)}`, name: '本校分类' },
    }),
    expect: admins(201),
  },
  {
    route: 'PATCH /v1/admin/categories/:id',
    request: (f) => ({ url: `/v1/admin/categories/${f.categoryId}`, payload: { name: '改名' } }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/dev/login',
    request: () => ({ url: '/v1/dev/login', payload: { user: 'dave' } }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/auth/qq-login',
    request: () => ({ url: '/v1/auth/qq-login', payload: { code: 'demo:dave' } }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/auth/refresh',
    request: (f) => ({ url: '/v1/auth/refresh', payload: { refreshToken: f.refreshToken } }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/auth/logout',
    request: (f) => ({ url: '/v1/auth/logout', payload: { refreshToken: f.refreshToken } }),
    expect: everyone(204),
  },
  {
    route: 'POST /v1/admin/auth/login',
    request: () => ({ url: '/v1/admin/auth/login', payload: { username: 'admin', password: DEMO_ADMIN_PASSWORD } }),
    expect: everyone(200),
  },
  { route: 'GET /v1/admin/me', request: () => ({ url: '/v1/admin/me' }), expect: admins(200) },
  {
    route: 'POST /v1/admin/users/:id/ban',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}/ban`, payload: { reason: '违规' } }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/users/:id/unban',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}/unban`, payload: { reason: '申诉' } }),
    expect: campusAdmins(200),
  },
  { route: 'GET /v1/admin/audit-log', request: () => ({ url: '/v1/admin/audit-log' }), expect: admins(200) },
  // The back office's students and listings: without a campusId an admin reads their own campus (all for a super
  // admin); naming another campus, or opening one of its students or listings, is refused to campus admins.
  { route: 'GET /v1/admin/users', request: () => ({ url: '/v1/admin/users' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/users#demo',
    request: () => ({ url: '/v1/admin/users?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/admin/users/:id',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}` }),
    expect: campusAdmins(200),
  },
  { route: 'GET /v1/admin/listings', request: () => ({ url: '/v1/admin/listings' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/listings#demo',
    request: () => ({ url: '/v1/admin/listings?campusId=demo&status=removed' }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/admin/listings/:id',
    request: (f) => ({ url: `/v1/admin/listings/${f.listingId}` }),
    expect: campusAdmins(200),
  },
  // The fixture's listing is live, not removed: the demo admin gets past every check but the last (409).
  {
    route: 'POST /v1/admin/listings/:id/restore',
    request: (f) => ({ url: `/v1/admin/listings/${f.listingId}/restore`, payload: { reason: '误删' } }),
    expect: campusAdmins(409),
  },
  { route: 'GET /v1/reports/reasons', request: () => ({ url: '/v1/reports/reasons' }), expect: everyone(200) },
  // Verified students other than the owner report; the owner's own listing is refused (403 CANNOT_REPORT_OWN).
  {
    route: 'POST /v1/reports',
    request: (f) => ({ url: '/v1/reports', payload: { targetType: 'listing', targetId: f.listingId, reason: 'fake' } }),
    expect: { ...verifiedStudents(201), verified: 403 },
  },
  {
    route: 'GET /v1/admin/moderation/cases',
    request: () => ({ url: '/v1/admin/moderation/cases' }),
    expect: admins(200),
  },
  {
    route: 'POST /v1/admin/moderation/cases/:id/resolve',
    request: (f) => ({ url: `/v1/admin/moderation/cases/${f.caseId}/resolve`, payload: { decision: 'restore' } }),
    expect: campusAdmins(200),
  },
  // Before campus verification below: that row verifies the unverified student.
  {
    route: 'POST /v1/photos',
    request: () => ({ url: '/v1/photos', ...multipartFile(photo.jpeg, 'IMG_0001.jpg') }),
    expect: { ...verifiedStudents(201), otherCampusAdmin: 201, admin: 201 },
  },
  { route: 'GET /v1/campuses/:id/login', request: () => ({ url: '/v1/campuses/demo/login' }), expect: everyone(200) },
  // A fresh number each time, so no row is refused for a number an earlier role verified with.
  {
    route: 'POST /v1/me/campus-verification',
    request: () => ({
      url: '/v1/me/campus-verification',
      payload: {
        method: 'password',
        username: `20${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        password: 'demo',
      },
    }),
    expect: students(200),
  },
  // dave holds no student-number binding: 404 is the rule answering once access is granted.
  {
    route: 'POST /v1/admin/verifications/:userId/release',
    request: (f) => ({ url: `/v1/admin/verifications/${f.targetUserId}/release`, payload: { reason: '换号' } }),
    expect: campusAdmins(404),
  },
  { route: 'GET /v1/client-config', request: () => ({ url: '/v1/client-config' }), expect: everyone(200) },
  { route: 'GET /v1/campuses', request: () => ({ url: '/v1/campuses' }), expect: everyone(200) },
  { route: 'POST /v1/dev/admin-login', request: () => ({ url: '/v1/dev/admin-login' }), expect: everyone(200) },
  // Announcements: live lists for everyone; admins manage their own campus's (the demo admin deletes last).
  { route: 'GET /v1/banners', request: () => ({ url: '/v1/banners?campusId=demo' }), expect: everyone(200) },
  { route: 'GET /v1/admin/banners', request: () => ({ url: '/v1/admin/banners' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/banners#demo',
    request: () => ({ url: '/v1/admin/banners?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/banners',
    request: () => ({
      url: '/v1/admin/banners',
      payload: { campusId: 'demo', title: '矩阵轮播', photoId: announcement.adminPhotoId, target: { kind: 'none' } },
    }),
    expect: campusAdmins(201),
  },
  {
    route: 'PATCH /v1/admin/banners/:id',
    request: () => ({ url: `/v1/admin/banners/${announcement.bannerId}`, payload: { position: 5 } }),
    expect: campusAdmins(200),
  },
  {
    route: 'DELETE /v1/admin/banners/:id',
    request: () => ({ url: `/v1/admin/banners/${announcement.bannerId}` }),
    expect: campusAdmins(204),
  },
  { route: 'GET /v1/notices', request: () => ({ url: '/v1/notices?campusId=demo' }), expect: everyone(200) },
  {
    route: 'GET /v1/notices/:id',
    request: () => ({ url: `/v1/notices/${announcement.noticeId}` }),
    expect: everyone(200),
  },
  { route: 'GET /v1/admin/notices', request: () => ({ url: '/v1/admin/notices' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/notices#demo',
    request: () => ({ url: '/v1/admin/notices?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/notices',
    request: () => ({ url: '/v1/admin/notices', payload: { campusId: 'demo', title: '矩阵通知', body: '正文' } }),
    expect: campusAdmins(201),
  },
  {
    route: 'PATCH /v1/admin/notices/:id',
    request: () => ({ url: `/v1/admin/notices/${announcement.noticeId}`, payload: { pinned: true } }),
    expect: campusAdmins(200),
  },
  {
    route: 'DELETE /v1/admin/notices/:id',
    request: () => ({ url: `/v1/admin/notices/${announcement.noticeId}` }),
    expect: campusAdmins(204),
  },
  // 意见反馈: any signed-in student who is not banned writes and reads their own; admins of the campus answer.
  {
    route: 'POST /v1/feedback',
    request: () => ({ url: '/v1/feedback', payload: { text: '首页能加个夜间模式吗？' } }),
    expect: students(201),
  },
  { route: 'GET /v1/me/feedback', request: () => ({ url: '/v1/me/feedback' }), expect: students(200) },
  { route: 'GET /v1/admin/feedback', request: () => ({ url: '/v1/admin/feedback' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/feedback#demo',
    request: () => ({ url: '/v1/admin/feedback?campusId=demo&state=open' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/feedback/:id/reply',
    request: () => ({ url: `/v1/admin/feedback/${feedbackId}/reply`, payload: { text: '收到，谢谢反馈' } }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/feedback/:id/close',
    request: () => ({ url: `/v1/admin/feedback/${feedbackId}/close`, payload: {} }),
    expect: campusAdmins(200),
  },
  // Outside /v1: no caller identification at all.
  {
    route: 'GET /media/photos/:id/:variant',
    request: () => ({ url: `/media/photos/${photo.id}/thumb` }),
    expect: { ...everyone(200), banned: 200 },
  },
  { route: 'GET /healthz', request: () => ({ url: '/healthz' }), expect: { ...everyone(200), banned: 200 } },
  { route: 'GET /readyz', request: () => ({ url: '/readyz' }), expect: { ...everyone(200), banned: 200 } },
];

describe('access rules: every route × every kind of caller', () => {
  let s: Stack;
  const headers: Record<Role, Record<string, string>> = {} as never;

  beforeAll(async () => {
    // Every route × seven callers, with fixtures published for each: far more than one student's hour.
    s = await startStack('sqlite', { env: SCENARIO_BOOK_LIMITS });
    categories = await categoryIds(s.app);
    await s.persistence.campuses.save(Campus.create({ id: 'north', name: '北方大学', areas: [] }));
    const northAdmin = AdminAccount.create({
      id: '01NORTHADMIN00000000000000',
      username: 'north-admin',
      passwordHash: await TEST_HASHER.hash('north-admin-pw'),
      role: 'campus_admin',
      campusId: 'north',
      now: new Date(),
    });
    await s.persistence.admins.save(northAdmin);
    const mallory = User.register({
      id: '01MALLORY00000000000000000',
      qqOpenId: 'OPENID-MALLORY',
      nickname: '被封禁',
      avatarUrl: null,
      campusId: 'demo',
      now: new Date(),
    });
    mallory.markVerified(new Date());
    mallory.status = 'banned';
    await s.persistence.users.save(mallory);
    headers.anonymous = {};
    headers.unverified = s.auth('carol');
    headers.verified = s.auth('alice');
    headers.banned = { authorization: `Bearer ${(await s.tokens.issue(mallory.id)).token}` };
    headers.anotherOwner = s.auth('bob');
    headers.otherCampusAdmin = { authorization: `Bearer ${(await s.tokens.issueAdmin(northAdmin.id)).token}` };
    headers.admin = s.auth('admin');
    const jpeg = await phoneJpeg(320, 240);
    const uploaded = multipartFile(jpeg, 'matrix.jpg');
    const res = await call(s.app, {
      method: 'POST',
      url: '/v1/photos',
      headers: { ...s.auth('alice'), ...uploaded.headers },
      payload: uploaded.payload,
    });
    photo = { id: res.body.id, jpeg };
    blockedTermId = (
      await call(s.app, {
        method: 'POST',
        url: '/v1/admin/search/blocked-terms',
        headers: s.auth('admin'),
        payload: { term: '矩阵屏蔽词' },
      })
    ).body.id;
    announcement = await makeAnnouncements(s);
    feedbackId = (
      await call(s.app, {
        method: 'POST',
        url: '/v1/feedback',
        headers: s.auth('dave'),
        payload: { text: '矩阵测试的反馈' },
      })
    ).body.id;
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  async function fixture(): Promise<Fixture> {
    const dave = (await s.persistence.users.byId(s.users.dave.id))!;
    if (dave.banned) {
      dave.status = 'active';
      await s.persistence.users.save(dave);
    }
    const listing = await publishAs(s, 'alice', itemBody(categories, { title: '矩阵测试 台灯' }));
    const comment = await call(s.app, {
      method: 'POST',
      url: `/v1/listings/${listing.id}/comments`,
      headers: s.auth('dave'),
      payload: { body: '我想要' },
    });
    const session = await call(s.app, { method: 'POST', url: '/v1/dev/login', payload: { user: 'dave' } });
    await call(s.app, {
      method: 'POST',
      url: '/v1/reports',
      headers: s.auth('dave'),
      payload: { targetType: 'listing', targetId: listing.id, reason: 'fake' },
    });
    const reported = await s.persistence.moderationCases.openFor('listing', listing.id);
    return {
      listingId: listing.id,
      commentId: comment.body.id,
      categoryId: categories['digital-phone']!,
      targetUserId: s.users.dave.id,
      refreshToken: session.body.refreshToken,
      caseId: reported?.id ?? 'no-case',
    };
  }

  it('has a row for every route the app serves, and no row for a route it does not', () => {
    const served = s.app.routeTable.filter((r) => !r.hidden).map((r) => `${r.method} ${r.url}`);
    // A route may have extra rows for variants (`#own`); every route needs at least its plain row.
    const routes = ROWS.map((r) => r.route).filter((r) => !r.includes('#'));
    expect(new Set(routes).size).toBe(routes.length);
    expect([...served].sort()).toEqual(routes.sort());
  });

  it.each(ROWS)('$route', async (row) => {
    const got = {} as Record<Role, number>;
    for (const role of ROLES) {
      const f = await fixture();
      const { url, payload, headers: extra } = row.request(f);
      const res = await s.app.inject({
        method: row.route.split(' ')[0] as 'GET',
        url,
        headers: { ...headers[role], ...extra },
        ...(payload ? { payload } : {}),
        remoteAddress: `10.77.${ROLES.indexOf(role)}.${ROWS.indexOf(row)}`,
      });
      got[role] = res.statusCode;
    }
    expect(got).toEqual(row.expect);
  });
});
