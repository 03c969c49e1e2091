import type { Actor } from '../identity/actor.js';
import { isAdminOf } from '../identity/policy.js';
import { ListingNotFound } from '../listings/errors.js';
import { PRIVATE_STATUSES, type Listing } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import type { ListingView, ListingViews } from '../listings/views.js';
import type { Clock } from '../shared/clock.js';
import { clampLimit, encodeCursor, InvalidCursor, readCursor } from '../shared/pagination.js';
import { err, ok, type Result } from '../shared/result.js';
import type { InteractionSource, RecommendationCandidates } from './ports.js';
import type { ProfileReader } from './profile.js';
import type { RankingContext, Recommender, Scored } from './rankers.js';

/**
 * Paging: a keyset of (score, id) over a ranking that is a pure function of what the cursor pins
 * (the reference time for freshness, and for the feed the student's history up to a log position).
 * Unlike an offset, a keyset neither skips nor repeats when a listing on an earlier page is sold or
 * a new one appears between two requests; only a signal job run between two pages can move a
 * listing across the boundary.
 */
export interface RecommendationPage {
  readonly items: ListingView[];
  readonly nextCursor: string | null;
  /** `personal` from the student's history; `popular` for anonymous callers and students with none yet. */
  readonly mode: 'personal' | 'popular';
}

/** Only the page is loaded in full, in ranking order; one sold or deleted since the ranking is left out. */
async function loadPage(listings: ListingRepository, page: readonly Scored[]): Promise<Listing[]> {
  const byId = new Map((await listings.byIds(page.map((s) => s.listing.id))).map((l) => [l.id, l]));
  return page.flatMap((s) => byId.get(s.listing.id) ?? []);
}

function pageAfter(ranked: readonly Scored[], after: { score: number; id: string } | null, limit: number) {
  const start =
    after === null
      ? 0
      : ranked.findIndex((s) => s.score < after.score || (s.score === after.score && s.listing.id > after.id));
  const rest = start < 0 ? [] : ranked.slice(start);
  return { page: rest.slice(0, limit), more: rest.length > limit };
}

export interface SimilarListingsInput {
  readonly actor: Actor;
  readonly listingId: string;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface SimilarListingsDeps {
  readonly recommender: Recommender;
  readonly candidates: RecommendationCandidates;
  readonly listings: ListingRepository;
  readonly views: ListingViews;
  readonly clock: Clock;
}

/**
 * 相似推荐 on a listing's page: live listings of the same campus like this one, never the viewer's own.
 * A withdrawn, removed or hidden listing is "not found" here as on its page, except to its owner and its campus's admins.
 */
export class SimilarListings {
  constructor(private readonly deps: SimilarListingsDeps) {}

  async execute(input: SimilarListingsInput): Promise<Result<RecommendationPage, ListingNotFound | InvalidCursor>> {
    const [target = null] = await this.deps.candidates.byIds([input.listingId]);
    const actor = input.actor;
    const hidden =
      target !== null &&
      PRIVATE_STATUSES.includes(target.status) &&
      !(actor.kind === 'user' && actor.userId === target.ownerId) &&
      !isAdminOf(actor, target.campusId);
    if (!target || hidden) return err(new ListingNotFound(input.listingId));
    let asOf = this.deps.clock.now();
    let after: { score: number; id: string } | null = null;
    if (input.cursor !== undefined) {
      const d = readCursor(input.cursor, ['time', 'number', 'string']);
      if (!d.ok) return d;
      asOf = new Date(d.value[0]);
      after = { score: d.value[1], id: d.value[2] };
    }
    const limit = clampLimit(input.limit);
    const ctx: RankingContext = {
      campusId: target.campusId,
      asOf,
      now: this.deps.clock.now(),
      viewerId: actor.kind === 'user' ? actor.userId : null,
      exclude: new Set([target.id]),
    };
    const { page, more } = pageAfter(await this.deps.recommender.similar(target, ctx), after, limit);
    const last = page.at(-1);
    return ok({
      items: await this.deps.views.build(await loadPage(this.deps.listings, page), actor),
      nextCursor: more && last ? encodeCursor([asOf.getTime(), last.score, last.listing.id]) : null,
      mode: 'personal',
    });
  }
}

export interface RecommendForYouInput {
  readonly actor: Actor;
  readonly campusId: string;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface RecommendForYouDeps {
  readonly recommender: Recommender;
  readonly profiles: ProfileReader;
  readonly interactions: InteractionSource;
  readonly listings: ListingRepository;
  readonly views: ListingViews;
  readonly clock: Clock;
}

/** 推荐 on the home page: from the student's own history, or what the campus likes for everyone else. */
export class RecommendForYou {
  constructor(private readonly deps: RecommendForYouDeps) {}

  async execute(input: RecommendForYouInput): Promise<Result<RecommendationPage, InvalidCursor>> {
    let asOf = this.deps.clock.now();
    let viewMark: number | null = null;
    let after: { score: number; id: string } | null = null;
    if (input.cursor !== undefined) {
      const d = readCursor(input.cursor, ['time', 'number', 'number', 'string']);
      if (!d.ok) return d;
      if (!Number.isInteger(d.value[1]) || d.value[1] < 0) return err(new InvalidCursor());
      asOf = new Date(d.value[0]);
      viewMark = d.value[1];
      after = { score: d.value[2], id: d.value[3] };
    }
    const actor = input.actor;
    const userId = actor.kind === 'user' ? actor.userId : null;
    viewMark ??= userId === null ? 0 : await this.deps.interactions.lastViewSeq();
    const ctx: RankingContext = {
      campusId: input.campusId,
      asOf,
      now: this.deps.clock.now(),
      viewerId: userId,
      exclude: new Set(),
    };
    const profile = userId === null ? null : await this.deps.profiles.read(userId, viewMark, asOf);
    const mode = profile && profile.interests.length > 0 ? 'personal' : 'popular';
    const ranked = await this.deps.recommender.forUser(profile ?? { interests: [], seen: new Set() }, ctx);
    const limit = clampLimit(input.limit);
    const { page, more } = pageAfter(ranked, after, limit);
    const last = page.at(-1);
    return ok({
      items: await this.deps.views.build(await loadPage(this.deps.listings, page), actor),
      nextCursor: more && last ? encodeCursor([asOf.getTime(), viewMark, last.score, last.listing.id]) : null,
      mode,
    });
  }
}
