import {
  actorFor,
  anonymous,
  BlendedRecommender,
  ListingViews,
  ProfileReader,
  RecommendForYou,
  SimilarListings,
  type Clock,
} from '../../packages/core/src/index.ts';
import type { Persistence } from '../../packages/adapters/src/index.ts';
import type { Operation } from './latency.ts';

/**
 * Similar items (listing page) and recommended-for-you (home feed), wired as the recommendations module
 * wires them. Signals come from `bench:signals`; without them the numbers measure empty neighbour lists.
 */
export async function recommendationOperations(p: Persistence, clock: Clock, campusId: string): Promise<Operation[]> {
  const pairs = (await p.raw('select count(*) as n from rec_pair').catch(() => [{ n: -1 }])) as { n: number }[];
  if (Number(pairs[0]!.n) < 0) {
    process.stdout.write(
      '  (no recommendation tables: run bench:signals first; similar items and for-you not measured)\n',
    );
    return [];
  }
  if (Number(pairs[0]!.n) === 0)
    process.stdout.write('  (rec_pair is empty: run bench:signals for realistic similar items)\n');
  const views = new ListingViews(p.categories, p.users, p.favorites);
  const recommender = new BlendedRecommender(p.candidates, p.signals);
  const similar = new SimilarListings({ recommender, candidates: p.candidates, listings: p.listings, views, clock });
  const forYou = new RecommendForYou({
    recommender,
    profiles: new ProfileReader(p.interactions, p.candidates),
    interactions: p.interactions,
    listings: p.listings,
    views,
    clock,
  });

  // 50 live listings spread over the newest 5,000, and 50 students who viewed something lately.
  const recent = (await p.raw(
    'select id from listing where campus_id = ? and live = 1 and expires_at > ? order by listed_at desc, id desc limit 5000',
    [campusId, p.dialect === 'sqlite' ? Date.now() : new Date()],
  )) as { id: string }[];
  const listingIds = recent
    .filter((_, i) => i % Math.max(1, Math.floor(recent.length / 50)) === 0)
    .slice(0, 50)
    .map((r) => r.id);
  const viewers = (await p.raw(
    "select viewer_key from listing_view where viewer_key like 'u:%' order by seq desc limit 2000",
  )) as { viewer_key: string }[];
  const userIds = [...new Set(viewers.map((v) => v.viewer_key.slice(2)))].slice(0, 50);
  const users = await p.users.byIds(userIds);
  const ok = async (r: Promise<{ ok: boolean; error?: unknown }>) => {
    const out = await r;
    if (!out.ok) throw new Error(`recommendation failed: ${JSON.stringify(out.error)}`);
  };
  return [
    {
      name: 'similar items',
      calls: listingIds.map((listingId) => () => ok(similar.execute({ actor: anonymous, listingId }))),
    },
    {
      name: 'recommended for you (history)',
      calls: users.map((u) => () => ok(forYou.execute({ actor: actorFor(u), campusId }))),
    },
    { name: 'recommended for you (anonymous)', calls: [() => ok(forYou.execute({ actor: anonymous, campusId }))] },
  ];
}
