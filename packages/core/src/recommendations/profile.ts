import type { InteractionSource, RecommendationCandidates } from './ports.js';
import type { Interest, Profile } from './rankers.js';

const HISTORY = 30;
const SEEN = 300;
const FAVORITES = 30;

/**
 * A student's interests as of a point in the logs: views up to position `viewMark` and favorites up
 * to `asOf`. Pinning both keeps later pages of the feed ranked exactly like the first even though
 * opening a recommended listing adds a view in between.
 */
export class ProfileReader {
  constructor(
    private readonly interactions: InteractionSource,
    private readonly candidates: RecommendationCandidates,
  ) {}

  async read(userId: string, viewMark: number, asOf: Date): Promise<Profile> {
    const [history, favorites] = await Promise.all([
      this.interactions.viewHistory(userId, viewMark + 1, SEEN),
      this.interactions.favoritesOf(userId, asOf, FAVORITES),
    ]);
    const recent = history.slice(0, HISTORY);
    const found = await this.candidates.byIds([...new Set([...recent.map((h) => h.listingId), ...favorites])]);
    const byId = new Map(found.map((l) => [l.id, l]));
    const weights = new Map<string, { weight: number; viewed: boolean; favorited: boolean }>();
    // Interest fades with each newer view and grows (slowly) with repeat visits on other days.
    recent.forEach((h, rank) => {
      weights.set(h.listingId, { weight: 0.9 ** rank * (1 + 0.5 * Math.log(h.days)), viewed: true, favorited: false });
    });
    favorites.forEach((id, rank) => {
      const w = weights.get(id);
      const add = 1.5 * 0.95 ** rank;
      weights.set(id, { weight: (w?.weight ?? 0) + add, viewed: w?.viewed ?? false, favorited: true });
    });
    const interests: Interest[] = [...weights.entries()]
      .flatMap(([id, w]) => {
        const listing = byId.get(id);
        return listing ? [{ listing, ...w }] : [];
      })
      .sort((a, b) => b.weight - a.weight || (a.listing.id < b.listing.id ? -1 : 1));
    return { interests, seen: new Set([...history.map((h) => h.listingId), ...favorites]) };
  }
}
