import { describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '../identity/actor.js';
import { ListingViews } from '../listings/views.js';
import { aCampus, aCategoryTree, aListing, aUser, TestClock, TEST_CAMPUS_ID } from '../testing/builders.js';
import { inMemoryPersistence } from '../testing/in-memory.js';
import {
  InMemoryInteractionSource,
  InMemoryRecommendationCandidates,
  InMemorySignalStore,
} from '../testing/in-memory-recommendations.js';
import { InMemoryOutboxLog, InMemoryProjectionCheckpoints } from '../testing/in-memory-search.js';
import { ProfileReader } from './profile.js';
import { BlendedRecommender, SameCategoryRecommender } from './rankers.js';
import { titleTokens } from './similarity.js';
import { UpdateRecommendationSignals } from './update-signals.js';
import { RecommendForYou, SimilarListings } from './use-cases.js';

const T = new Date('2026-09-01T02:00:00.000Z');
const DAY = '2026-09-01';

async function world() {
  const p = inMemoryPersistence();
  const clock = new TestClock(new Date('2026-09-02T02:00:00.000Z'));
  const tree = aCategoryTree();
  await p.campuses.save(aCampus());
  for (const c of tree.all) await p.categories.save(c);
  for (const id of ['user-owner', 'stu-a', 'stu-b']) await p.users.save(aUser({ id, qqOpenId: `OPENID-${id}` }));
  const interactions = new InMemoryInteractionSource(p.store);
  const signals = new InMemorySignalStore(p.store);
  const views = new ListingViews(p.categories, p.users, p.favorites);
  const candidates = new InMemoryRecommendationCandidates(p.store);
  const ours = new BlendedRecommender(candidates, signals);
  const feed = new RecommendForYou({
    recommender: ours,
    profiles: new ProfileReader(interactions, candidates),
    interactions,
    listings: p.listings,
    views,
    clock,
  });
  const similar = new SimilarListings({ recommender: ours, candidates, listings: p.listings, views, clock });
  const job = new UpdateRecommendationSignals({
    interactions,
    log: new InMemoryOutboxLog(p.store),
    checkpoints: new InMemoryProjectionCheckpoints(),
    signals,
    listings: p.listings,
    uow: p.uow,
    clock,
  });
  const user = (id: string): Actor => ({
    kind: 'user',
    userId: id,
    campusId: TEST_CAMPUS_ID,
    role: 'student',
    verified: true,
    banned: false,
  });
  return { p, clock, tree, feed, similar, job, user, ours };
}

async function all(
  fetch: (cursor?: string) => Promise<{ items: { listing: { id: string } }[]; nextCursor: string | null }>,
) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await fetch(cursor);
    ids.push(...page.items.map((v) => v.listing.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return ids;
}

describe('recommendations', () => {
  it('tokenises titles into Chinese bigrams and Latin words', () => {
    expect([...titleTokens('二手iPad Air 2')].sort()).toEqual(['2', 'air', 'ipad', '二手'].sort());
    expect([...titleTokens('书')]).toEqual(['书']);
  });

  it('gives anonymous callers and students without history what the campus likes, never dead listings', async () => {
    const w = await world();
    await w.p.listings.save(aListing({ id: 'hot', title: '自行车', now: T }));
    await w.p.listings.save(aListing({ id: 'cold', title: '台灯', now: T }));
    await w.p.listings.save(aListing({ id: 'sold', title: '自行车', status: 'sold', now: T }));
    for (const u of ['stu-a', 'stu-b']) await w.p.viewLog.recordView('hot', `u:${u}`, DAY);
    await w.p.viewLog.recordView('sold', 'u:stu-a', DAY);
    await w.job.execute();
    const anon = await w.feed.execute({ actor: anonymous, campusId: TEST_CAMPUS_ID });
    expect(anon.ok && anon.value.mode).toBe('popular');
    expect(anon.ok && anon.value.items.map((v) => v.listing.id)).toEqual(['hot', 'cold']);
    const fresh = await w.feed.execute({ actor: w.user('user-owner'), campusId: TEST_CAMPUS_ID });
    expect(fresh.ok && fresh.value.mode).toBe('popular');
    // The owner's own listings are never recommended to them.
    expect(fresh.ok && fresh.value.items).toEqual([]);
  });

  it('personal feed: never own or already seen listings; pages stay stable when the student opens one in between', async () => {
    const w = await world();
    for (let i = 0; i < 30; i++) {
      const cat = i % 3 === 0 ? w.tree.computers : w.tree.phones;
      await w.p.listings.save(
        aListing({
          id: `l-${String(i).padStart(2, '0')}`,
          title: `${cat.name} 型号${i}`,
          categoryId: cat.id,
          price: 10_000 + i * 1000,
          now: T,
        }),
      );
    }
    await w.p.listings.save(aListing({ id: 'l-mine', title: '手机 型号1', ownerId: 'stu-a', now: T }));
    await w.p.viewLog.recordView('l-01', 'u:stu-a', DAY);
    await w.p.viewLog.recordView('l-02', 'u:stu-a', DAY);
    await w.p.viewLog.recordView('l-01', 'u:stu-b', DAY);
    await w.p.viewLog.recordView('l-03', 'u:stu-b', DAY);
    await w.job.execute();

    const first = await w.feed.execute({ actor: w.user('stu-a'), campusId: TEST_CAMPUS_ID, limit: 7 });
    if (!first.ok) throw new Error('expected a page');
    expect(first.value.mode).toBe('personal');
    // Co-viewed by a student with the same taste: first.
    expect(first.value.items[0]!.listing.id).toBe('l-03');
    // Opening a recommended listing between two pages changes neither the ranking nor the pages.
    await w.p.viewLog.recordView(first.value.items[1]!.listing.id, 'u:stu-a', '2026-09-02');
    const rest = await all((cursor) =>
      w.feed
        .execute({
          actor: w.user('stu-a'),
          campusId: TEST_CAMPUS_ID,
          limit: 7,
          cursor: cursor ?? first.value.nextCursor!,
        })
        .then((r) => (r.ok ? r.value : { items: [], nextCursor: null })),
    );
    const ids = [...first.value.items.map((v) => v.listing.id), ...rest];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('l-mine');
    expect(ids).not.toContain('l-01');
    expect(ids).not.toContain('l-02');
    expect(ids).toHaveLength(28);
  });

  it('pages through similar items without repeats; a bad cursor and a hidden listing are refused', async () => {
    const w = await world();
    for (let i = 0; i < 12; i++)
      await w.p.listings.save(aListing({ id: `s-${String(i).padStart(2, '0')}`, title: `小米手机 ${i}`, now: T }));
    await w.p.listings.save(aListing({ id: 's-gone', status: 'removed', now: T }));
    await w.p.listings.save(
      aListing({ id: 's-hidden', title: '小米手机 藏起来的', ownerId: 'stu-a', status: 'hidden', now: T }),
    );
    const ids = await all((cursor) =>
      w.similar
        .execute({ actor: anonymous, listingId: 's-00', limit: 5, ...(cursor && { cursor }) })
        .then((r) => (r.ok ? r.value : { items: [], nextCursor: null })),
    );
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
    expect(ids).not.toContain('s-00');
    const bad = await w.similar.execute({ actor: anonymous, listingId: 's-00', cursor: 'not-a-cursor' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_CURSOR');
    const gone = await w.similar.execute({ actor: anonymous, listingId: 's-gone' });
    expect(!gone.ok && gone.error.code).toBe('LISTING_NOT_FOUND');
    const hiddenOne = await w.similar.execute({ actor: anonymous, listingId: 's-hidden' });
    expect(!hiddenOne.ok && hiddenOne.error.code).toBe('LISTING_NOT_FOUND');
    // Its owner still sees what is like it; hidden and removed listings are never among the results.
    const mine = await w.similar.execute({ actor: w.user('stu-a'), listingId: 's-hidden', limit: 50 });
    expect(mine.ok && mine.value.items.map((v) => v.listing.id).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `s-${String(i).padStart(2, '0')}`),
    );
    const missing = await w.similar.execute({ actor: anonymous, listingId: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('LISTING_NOT_FOUND');
  });

  it('the baseline only recommends from the categories of recently viewed listings', async () => {
    const w = await world();
    await w.p.listings.save(aListing({ id: 'b-phone', title: '手机 A', now: T }));
    await w.p.listings.save(aListing({ id: 'b-phone2', title: '手机 B', now: T }));
    await w.p.listings.save(aListing({ id: 'b-laptop', title: '笔记本', categoryId: w.tree.computers.id, now: T }));
    await w.p.viewLog.recordView('b-phone', 'u:stu-a', DAY);
    const candidates = new InMemoryRecommendationCandidates(w.p.store);
    const baseline = new SameCategoryRecommender(candidates);
    const profile = await new ProfileReader(new InMemoryInteractionSource(w.p.store), candidates).read('stu-a', 100, T);
    const ranked = await baseline.forUser(profile, {
      campusId: TEST_CAMPUS_ID,
      asOf: T,
      now: T,
      viewerId: 'stu-a',
      exclude: new Set(),
    });
    expect(ranked.map((s) => s.listing.id)).toEqual(['b-phone2']);
  });
});

describe('UpdateRecommendationSignals and a stopping worker', () => {
  it('an aborted signal ends the fold after the batch in hand; the next run counts the rest, none twice', async () => {
    const w = await world();
    for (let i = 0; i < 450; i++) await w.p.viewLog.recordView(`l-${i}`, `u:stu-${i % 2 ? 'a' : 'b'}`, DAY);
    const stop = new AbortController();
    const first = await w.job.execute(() => stop.abort(), stop.signal);
    expect(first.views).toBe(200);
    expect((await w.job.execute(undefined, stop.signal)).views).toBe(0);
    expect((await w.job.execute()).views).toBe(250);
  });
});
