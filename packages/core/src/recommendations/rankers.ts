import { LIVE_STATUSES } from '../listings/listing.js';
import { popularityWeight, type CandidateListing, type RecommendationCandidates, type SignalStore } from './ports.js';
import { coOccurrence, contentSimilarity, freshness, jaccard, priceCloseness, TokenCache } from './similarity.js';

export interface Scored {
  readonly listing: CandidateListing;
  readonly score: number;
}

/** A listing the student showed interest in, and how much (recency, repeat visits, favorite). */
export interface Interest {
  readonly listing: CandidateListing;
  readonly weight: number;
  readonly viewed: boolean;
  readonly favorited: boolean;
}

export interface Profile {
  /** Strongest first. */
  readonly interests: readonly Interest[];
  /** Listings the student already viewed or keeps: never recommended back. */
  readonly seen: ReadonlySet<string>;
}

export interface RankingContext {
  readonly campusId: string;
  /** Reference time for freshness, pinned by the cursor so later pages rank exactly like the first. */
  readonly asOf: Date;
  /** Liveness is judged now: a listing sold between two pages is not shown. */
  readonly now: Date;
  readonly viewerId: string | null;
  readonly exclude: ReadonlySet<string>;
}

/** Two interchangeable algorithms: the original (baseline) and ours; the offline evaluation compares them. */
export interface Recommender {
  readonly name: string;
  similar(target: CandidateListing, ctx: RankingContext): Promise<Scored[]>;
  forUser(profile: Profile, ctx: RankingContext): Promise<Scored[]>;
}

/** Never the viewer's own, never another campus's, never sold, withdrawn, removed, expired or a banned owner's. */
export function eligible(l: CandidateListing, ctx: RankingContext): boolean {
  return (
    l.campusId === ctx.campusId &&
    LIVE_STATUSES.includes(l.status) &&
    !l.ownerBanned &&
    l.expiresAt.getTime() > ctx.now.getTime() &&
    l.ownerId !== ctx.viewerId &&
    !ctx.exclude.has(l.id)
  );
}

/** Score descending, then id ascending: a total order, so a (score, id) keyset pages without gaps or repeats. */
export function byRank(a: Scored, b: Scored): number {
  return b.score - a.score || (a.listing.id < b.listing.id ? -1 : a.listing.id > b.listing.id ? 1 : 0);
}

const SIMILAR_NEIGHBOURS = 100;
const SIMILAR_LEAF = 100;
const SIMILAR_ROOT = 50;
const FEED_INTERESTS = 12;
const FEED_NEIGHBOURS = 30;
const FEED_CATEGORIES = 3;
const FEED_PER_CATEGORY = 60;
const FEED_NEWEST = 100;
const POPULAR = 200;
const CF_SHARE = 0.55;
const POPULARITY_SHARE = 0.1;

/**
 * Ours: item-to-item co-occurrence (co-views, co-favorites, normalised by popularity) blended with
 * content similarity (category path, title overlap, price), a little popularity, and freshness.
 * Candidates come from the precomputed neighbour lists and indexed fresh-in-category queries, so a
 * request reads a few hundred rows at most whatever the size of the catalogue.
 */
export class BlendedRecommender implements Recommender {
  readonly name = 'ours';

  constructor(
    private readonly candidates: RecommendationCandidates,
    private readonly signals: SignalStore,
  ) {}

  async similar(target: CandidateListing, ctx: RankingContext): Promise<Scored[]> {
    // One round of reads: neighbours come with their listings and popularity, fresh ones by category.
    const [related, leaf, root, targetPopularity] = await Promise.all([
      this.signals.neighbourCandidates(target.id, SIMILAR_NEIGHBOURS),
      this.fresh(ctx, { categoryId: target.categoryId }, SIMILAR_LEAF),
      this.fresh(ctx, { rootCategoryId: target.rootCategoryId }, SIMILAR_ROOT),
      this.signals.popularity([target.id]),
    ]);
    const candidates = new Map([...leaf, ...root, ...related.map((r) => r.listing)].map((l) => [l.id, l]));
    const popularity = new Map(related.flatMap((r) => (r.popularity ? [[r.listing.id, r.popularity] as const] : [])));
    for (const [id, p] of targetPopularity) popularity.set(id, p);
    const byNeighbour = new Map(related.map((r) => [r.listing.id, r.neighbour]));
    const tokens = new TokenCache();
    const out: Scored[] = [];
    for (const c of candidates.values()) {
      if (c.id === target.id || !eligible(c, ctx)) continue;
      const n = byNeighbour.get(c.id);
      const cf = n ? coOccurrence(n, popularity.get(target.id), popularity.get(c.id)) : 0;
      const score = (CF_SHARE * cf + (1 - CF_SHARE) * contentSimilarity(target, c, tokens)) * freshness(c, ctx.asOf);
      out.push({ listing: c, score });
    }
    return out.sort(byRank);
  }

  async forUser(profile: Profile, ctx: RankingContext): Promise<Scored[]> {
    if (profile.interests.length === 0) return this.popular(ctx);
    const top = profile.interests.slice(0, FEED_INTERESTS);
    const categoryWeight = new Map<string, number>();
    for (const i of top)
      categoryWeight.set(i.listing.categoryId, (categoryWeight.get(i.listing.categoryId) ?? 0) + i.weight);
    const topCategories = [...categoryWeight.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, FEED_CATEGORIES);

    // Besides related listings, the newest of the campus keep the feed going past the student's niche.
    const [neighbourLists, fresh, newest, popularIds] = await Promise.all([
      this.signals
        .neighboursOf(
          top.map((i) => i.listing.id),
          FEED_NEIGHBOURS,
        )
        .then((byId) => top.map((i) => byId.get(i.listing.id) ?? [])),
      Promise.all(topCategories.map(([categoryId]) => this.fresh(ctx, { categoryId }, FEED_PER_CATEGORY))),
      this.fresh(ctx, {}, FEED_NEWEST),
      this.signals.popularInCampus(ctx.campusId, FEED_PER_CATEGORY),
    ]);
    const neighbourMaps = neighbourLists.map((list) => new Map(list.map((n) => [n.listingId, n])));
    const known = [...fresh.flat(), ...newest];
    const related = [...neighbourLists.flat().map((n) => n.listingId), ...popularIds];
    const [candidates, popularity] = await Promise.all([
      this.load(known, related),
      this.signals.popularity([...top.map((i) => i.listing.id), ...known.map((l) => l.id), ...related]),
    ]);
    const maxPopularity = Math.max(1, ...[...popularity.values()].map(popularityWeight));
    const tokens = new TokenCache();
    const totalWeight = top.reduce((s, i) => s + i.weight, 0);
    const out: Scored[] = [];
    for (const c of candidates.values()) {
      if (!eligible(c, ctx) || profile.seen.has(c.id)) continue;
      let affinity = 0;
      top.forEach((interest, k) => {
        const n = neighbourMaps[k]!.get(c.id);
        const cf = n ? coOccurrence(n, popularity.get(interest.listing.id), popularity.get(c.id)) : 0;
        affinity += interest.weight * (CF_SHARE * cf + (1 - CF_SHARE) * contentSimilarity(interest.listing, c, tokens));
      });
      const prior = Math.log1p(popularityWeight(popularity.get(c.id))) / Math.log1p(maxPopularity);
      const score =
        ((1 - POPULARITY_SHARE) * (affinity / totalWeight) + POPULARITY_SHARE * prior) * freshness(c, ctx.asOf);
      out.push({ listing: c, score });
    }
    return out.sort(byRank);
  }

  /** Cold start: what the campus looks at and keeps, fresher first, topped up with the newest listings. */
  async popular(ctx: RankingContext): Promise<Scored[]> {
    const [ids, newest] = await Promise.all([
      this.signals.popularInCampus(ctx.campusId, POPULAR),
      this.fresh(ctx, {}, 100),
    ]);
    const candidates = await this.load(newest, ids);
    const popularity = await this.signals.popularity([...candidates.keys()]);
    const maxPopularity = Math.max(1, ...[...popularity.values()].map(popularityWeight));
    const out: Scored[] = [];
    for (const c of candidates.values()) {
      if (!eligible(c, ctx)) continue;
      const prior = Math.log1p(popularityWeight(popularity.get(c.id))) / Math.log1p(maxPopularity);
      out.push({ listing: c, score: (0.3 + 0.7 * prior) * freshness(c, ctx.asOf) });
    }
    return out.sort(byRank);
  }

  private fresh(
    ctx: RankingContext,
    where: { categoryId?: string; rootCategoryId?: string },
    limit: number,
  ): Promise<CandidateListing[]> {
    return this.candidates.fresh({ campusId: ctx.campusId, ...where, now: ctx.now, limit });
  }

  private async load(
    known: readonly CandidateListing[],
    ids: readonly string[],
  ): Promise<Map<string, CandidateListing>> {
    const out = new Map(known.map((l) => [l.id, l]));
    const missing = [...new Set(ids)].filter((id) => !out.has(id));
    if (missing.length > 0) for (const l of await this.candidates.byIds(missing)) out.set(l.id, l);
    return out;
  }
}

const BASELINE_CATEGORY = 200;
const BASELINE_RECENT = 10;
const BASELINE_TOP_K = 10;

/**
 * The original algorithm, kept as the baseline: for each recently viewed listing, the top-K most
 * similar live listings of the same 二级标签 (title overlap and price closeness), weighted by the
 * interest in the viewed listing, skipping what was already viewed. No co-occurrence, no popularity.
 */
export class SameCategoryRecommender implements Recommender {
  readonly name = 'baseline';

  constructor(private readonly candidates: RecommendationCandidates) {}

  async similar(target: CandidateListing, ctx: RankingContext): Promise<Scored[]> {
    const tokens = new TokenCache();
    return (await this.sameCategory(ctx, target.categoryId))
      .filter((c) => c.id !== target.id && eligible(c, ctx))
      .map((c) => ({ listing: c, score: similarity(target, c, tokens) }))
      .sort(byRank);
  }

  async forUser(profile: Profile, ctx: RankingContext): Promise<Scored[]> {
    const recent = profile.interests.filter((i) => i.viewed).slice(0, BASELINE_RECENT);
    const tokens = new TokenCache();
    const pool = new Map<string, CandidateListing>();
    const scores = new Map<string, number>();
    const byCategory = new Map<string, CandidateListing[]>();
    for (const interest of recent) {
      const category = interest.listing.categoryId;
      let candidates = byCategory.get(category);
      if (!candidates) byCategory.set(category, (candidates = await this.sameCategory(ctx, category)));
      const top = candidates
        .filter((c) => eligible(c, ctx) && !profile.seen.has(c.id) && c.id !== interest.listing.id)
        .map((c) => ({ listing: c, score: similarity(interest.listing, c, tokens) }))
        .sort(byRank)
        .slice(0, BASELINE_TOP_K);
      for (const s of top) {
        pool.set(s.listing.id, s.listing);
        scores.set(s.listing.id, (scores.get(s.listing.id) ?? 0) + interest.weight * s.score);
      }
    }
    return [...pool.values()].map((l) => ({ listing: l, score: scores.get(l.id)! })).sort(byRank);
  }

  private sameCategory(ctx: RankingContext, categoryId: string): Promise<CandidateListing[]> {
    return this.candidates.fresh({ campusId: ctx.campusId, categoryId, now: ctx.now, limit: BASELINE_CATEGORY });
  }
}

function similarity(a: CandidateListing, b: CandidateListing, tokens: TokenCache): number {
  return 0.6 * jaccard(tokens.of(a), tokens.of(b)) + 0.4 * priceCloseness(a.price, b.price);
}
