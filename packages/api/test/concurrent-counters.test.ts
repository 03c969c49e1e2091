import { User, UlidGenerator } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { startStack, type Stack } from './support/stack.js';

/**
 * Many students at once on one listing, on MariaDB: first views (which count a view), comments and
 * favorites all update the listing's counters. A comment or favorite locks the row for its foreign key
 * and then updates it, so a view counted at the same moment can deadlock with it; whichever side MariaDB
 * picks as the victim must run again, not answer 500 (the load benchmark met this on a detail page).
 */
describe('concurrent views, comments and favorites of one listing (MariaDB)', () => {
  let s: Stack;
  const students: { authorization: string }[] = [];

  beforeAll(async () => {
    s = await startStack('mariadb');
    const ids = new UlidGenerator();
    for (let i = 0; i < 24; i++) {
      const user = User.register({
        id: ids.next(),
        qqOpenId: `OPENID-RACE-${i}`,
        nickname: `同学${i}`,
        avatarUrl: null,
        campusId: 'demo',
        now: new Date(),
      });
      user.markVerified(new Date());
      await s.persistence.users.save(user);
      students.push({ authorization: `Bearer ${(await s.tokens.issue(user.id)).token}` });
    }
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('answers every request and keeps every counter equal to its rows', async () => {
    const cats = await categoryIds(s.app);
    const listings = [];
    for (let i = 0; i < 3; i++)
      listings.push(await publishAs(s, 'alice', itemBody(cats, { title: `并发测试 台灯 ${i}` })));
    const statuses: number[] = [];
    for (const listing of listings) {
      const replies = await Promise.all(
        students.flatMap((headers) => [
          call(s.app, { method: 'GET', url: `/v1/listings/${listing.id}`, headers }),
          call(s.app, {
            method: 'POST',
            url: `/v1/listings/${listing.id}/comments`,
            headers,
            payload: { body: '还在吗' },
          }),
          call(s.app, { method: 'PUT', url: `/v1/listings/${listing.id}/favorite`, headers }),
        ]),
      );
      statuses.push(...replies.map((r) => r.status));
    }
    expect(statuses.filter((st) => st >= 300)).toEqual([]);
    const counters = (await s.persistence.raw(
      `select l.view_count as v, l.comment_count as c, l.favorite_count as f,
              (select count(*) from listing_comment x where x.listing_id = l.id and x.deleted_at is null) as comments,
              (select count(*) from favorite x where x.listing_id = l.id) as favorites
         from listing l where l.owner_id = ?`,
      [s.users.alice.id],
    )) as Record<string, number | string>[];
    expect(counters.map((r) => Object.values(r).map(Number))).toEqual(
      listings.map(() => [students.length, students.length, students.length, students.length, students.length]),
    );
  }, 60_000);
});
