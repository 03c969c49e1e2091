import { AdminAccount, Campus, User } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinRows } from './support/access/bulletin.js';
import { listingsRows } from './support/access/listings.js';
import { ROLES, type Fixture, type Role, type Row } from './support/access/matrix.js';
import { moderationRows } from './support/access/moderation.js';
import { notificationsRows } from './support/access/notifications.js';
import { peopleRows } from './support/access/people.js';
import { savedSearchRows } from './support/access/saved-searches.js';
import { searchRows } from './support/access/search.js';
import { dealFixture, tradesRows } from './support/access/trades.js';
import { makeAnnouncements } from './support/announcements.js';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { openApiDocument, operationsOf, routePath } from './support/openapi.js';
import { multipartFile, phoneJpeg } from './support/photos.js';
import { SCENARIO_BOOK_LIMITS, startStack, TEST_HASHER, type Stack } from './support/stack.js';

/**
 * Every route of the OpenAPI document × every kind of caller (support/access/matrix.ts), with the status
 * each must get, on the embedded stack. The rows, by area, must name exactly the documented routes: a
 * route added without rows fails here, and so does a row for a route the document does not have.
 */
const ROWS: Row[] = [
  ...listingsRows,
  ...searchRows,
  ...moderationRows,
  ...notificationsRows,
  ...bulletinRows,
  ...peopleRows,
  ...tradesRows,
  ...savedSearchRows,
];

describe('access rules: every route × every kind of caller', () => {
  let s: Stack;
  const headers: Record<Role, Record<string, string>> = {} as never;
  let setup: Pick<Fixture, 'categories' | 'photo' | 'blockedTermId' | 'announcement' | 'feedbackId'>;

  beforeAll(async () => {
    // Every route × seven callers, with fixtures published for each: far more than one student's hour.
    s = await startStack('sqlite', { env: SCENARIO_BOOK_LIMITS });
    const categories = await categoryIds(s.app);
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
    const blocked = await call(s.app, {
      method: 'POST',
      url: '/v1/admin/search/blocked-terms',
      headers: s.auth('admin'),
      payload: { term: '矩阵屏蔽词' },
    });
    const feedback = await call(s.app, {
      method: 'POST',
      url: '/v1/feedback',
      headers: s.auth('dave'),
      payload: { text: '矩阵测试的反馈' },
    });
    setup = {
      categories,
      photo: { id: res.body.id, jpeg },
      blockedTermId: blocked.body.id,
      announcement: await makeAnnouncements(s),
      feedbackId: feedback.body.id,
    };
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  /**
   * Fresh targets for one role, and the callers as they were: rows may ban dave or verify carol (the
   * unverified caller), and the next row must find them as the matrix describes them, whatever the order.
   */
  async function fixture(needs?: Row['needs']): Promise<Fixture> {
    const dave = (await s.persistence.users.byId(s.users.dave.id))!;
    if (dave.banned) {
      dave.status = 'active';
      await s.persistence.users.save(dave);
    }
    const carol = (await s.persistence.users.byId(s.users.carol.id))!;
    if (carol.verified) {
      carol.verifiedAt = null;
      await s.persistence.users.save(carol);
    }
    const listing = await publishAs(s, 'alice', itemBody(setup.categories, { title: '矩阵测试 台灯' }));
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
    const deal =
      needs === 'deal' ? await dealFixture(s, { listingId: listing.id, categories: setup.categories }) : undefined;
    // alice keeps one saved search, and bob none: the POST row saves anew for each role, never the 21st.
    for (const who of [s.users.alice.id, s.users.bob.id])
      for (const saved of await s.persistence.savedSearches.byUser(who))
        await s.persistence.savedSearches.remove(who, saved.id);
    const saved = await call(s.app, {
      method: 'POST',
      url: '/v1/me/saved-searches',
      headers: s.auth('alice'),
      payload: { q: '矩阵 台灯' },
    });
    return {
      ...(deal && { deal }),
      ...setup,
      listingId: listing.id,
      commentId: comment.body.id,
      categoryId: setup.categories['digital-phone']!,
      targetUserId: s.users.dave.id,
      refreshToken: session.body.refreshToken,
      caseId: reported?.id ?? 'no-case',
      savedSearchId: saved.body.id,
    };
  }

  it('has a row for every route of the OpenAPI document, and no row for a route it does not document', () => {
    const documented = operationsOf(openApiDocument(s.app)).map((o) => `${o.method} ${routePath(o.path)}`);
    // A route may have extra rows for variants (`#own`); every route needs at least its plain row.
    const routes = ROWS.map((r) => r.route).filter((r) => !r.includes('#'));
    expect(new Set(routes).size).toBe(routes.length);
    expect([...routes].sort()).toEqual([...documented].sort());
    for (const row of ROWS) expect(documented).toContain(row.route.split('#')[0]);
    // The document is made from the routes: every route the app serves (but the front ends' pages) is in it.
    const served = s.app.routeTable.filter((r) => !r.hidden).map((r) => `${r.method} ${r.url}`);
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it.each(ROWS)('$route', async (row) => {
    const got = {} as Record<Role, number>;
    for (const role of ROLES) {
      const f = await fixture(row.needs);
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
