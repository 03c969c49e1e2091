import type { CampusActivity, CampusStatistics, DayCount } from '../insights/campus-statistics.js';
import { chinaDay } from '../shared/clock.js';
import type { InMemoryStore } from './in-memory-store.js';

function perDay(dates: Date[]): DayCount[] {
  const counts = new Map<string, number>();
  for (const d of dates) counts.set(chinaDay(d), (counts.get(chinaDay(d)) ?? 0) + 1);
  return [...counts.entries()].map(([day, count]) => ({ day, count }));
}

/** The statistics computed over the in-memory tables, as the SQL adapter groups them. */
export class InMemoryCampusStatistics implements CampusStatistics {
  constructor(private readonly store: InMemoryStore) {}

  async activity(campusId: string | null, since: Date, top: number): Promise<CampusActivity> {
    const t = this.store.tables;
    const inScope = (c: string) => campusId === null || c === campusId;
    const listings = [...t.listings.values()].filter((l) => inScope(l.campusId));
    const ofCampus = new Set(listings.map((l) => l.id));
    const recent = listings.filter((l) => l.createdAt.getTime() >= since.getTime());
    const users = [...t.users.values()].filter((u) => inScope(u.campusId));
    const sinceDay = chinaDay(since);
    const views = [...t.views.keys()]
      .map((key) => key.split('|') as [string, string, string])
      .filter(([id, viewer, day]) => ofCampus.has(id) && !viewer.startsWith('c:') && day >= sinceDay);
    const viewsOf = new Map<string, number>();
    for (const [id] of views) viewsOf.set(id, (viewsOf.get(id) ?? 0) + 1);
    const dayCounts = (days: readonly string[]): DayCount[] => {
      const counts = new Map<string, number>();
      for (const d of days) counts.set(d, (counts.get(d) ?? 0) + 1);
      return [...counts].map(([day, count]) => ({ day, count }));
    };
    const groups = new Map<string, { status: string; kind: string; count: number }>();
    for (const l of listings) {
      const key = `${l.status}|${l.kind}`;
      const g = groups.get(key) ?? { status: l.status, kind: l.kind, count: 0 };
      groups.set(key, { ...g, count: g.count + 1 });
    }
    const categories = new Map<string, number>();
    for (const l of recent) categories.set(l.categoryId, (categories.get(l.categoryId) ?? 0) + 1);
    const after = (d: Date) => d.getTime() >= since.getTime();
    return {
      listingsByStatusAndKind: [...groups.values()],
      newListingsPerDay: perDay(recent.map((l) => l.createdAt)),
      newUsersPerDay: perDay(users.map((u) => u.createdAt).filter(after)),
      users: { verified: users.filter((u) => u.verified).length, unverified: users.filter((u) => !u.verified).length },
      topCategories: [...categories.entries()]
        .map(([categoryId, count]) => ({ categoryId, count }))
        .sort((a, b) => b.count - a.count || (a.categoryId < b.categoryId ? -1 : 1))
        .slice(0, top),
      favoritesPerDay: perDay(
        [...t.favorites.values()]
          .filter((f) => ofCampus.has(f.listingId))
          .map((f) => f.createdAt)
          .filter(after),
      ),
      commentsPerDay: perDay(
        [...t.comments.values()]
          .filter((c) => ofCampus.has(c.listingId))
          .map((c) => c.createdAt)
          .filter(after),
      ),
      viewsPerDay: dayCounts(views.map(([, , day]) => day)),
      activeUsersPerDay: dayCounts(
        [...t.activeDays.values()].filter((a) => inScope(a.campusId) && a.day >= sinceDay).map((a) => a.day),
      ),
      funnel: {
        listed: recent.length,
        favorited: recent.filter((l) => l.favoriteCount > 0).length,
        commented: recent.filter((l) => l.commentCount > 0).length,
        sold: recent.filter((l) => l.status === 'sold').length,
      },
      topViewed: [...viewsOf]
        .map(([listingId, n]) => ({ listingId, title: t.listings.get(listingId)!.title, views: n }))
        .sort((a, b) => b.views - a.views || (a.listingId < b.listingId ? -1 : 1))
        .slice(0, top),
    };
  }
}
