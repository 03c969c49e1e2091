import type { CategoryRepository } from '../catalog/ports.js';
import type { Actor } from '../identity/actor.js';
import { AdminScope } from '../identity/admin.js';
import { CampusNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { adminCovers, requireAdmin } from '../identity/policy.js';
import type { CampusRepository } from '../identity/ports.js';
import type { GetHotSearches } from '../listings/hot-searches.js';
import { dayBefore, type HotTerm } from '../listings/search-log.js';
import { chinaDay, type Clock } from '../shared/clock.js';
import { err, ok, type Result } from '../shared/result.js';

/** Days the daily series cover, today (China time) included. */
export const STATS_DAYS = 30;
export const TOP_CATEGORIES = 10;

export interface DayCount {
  /** China day, YYYY-MM-DD. */
  readonly day: string;
  readonly count: number;
}

/** What the statistics read model answers for one campus; days without activity are simply absent. */
export interface CampusActivity {
  readonly listingsByStatusAndKind: readonly {
    readonly status: string;
    readonly kind: string;
    readonly count: number;
  }[];
  readonly newListingsPerDay: readonly DayCount[];
  readonly newUsersPerDay: readonly DayCount[];
  readonly users: { readonly verified: number; readonly unverified: number };
  /** Listings created since `since`, by their (second-level) category, most first. */
  readonly topCategories: readonly { readonly categoryId: string; readonly count: number }[];
  readonly favoritesPerDay: readonly DayCount[];
  readonly commentsPerDay: readonly DayCount[];
  /** Counted listing views (once per viewer, listing and day; contact reveals are not views). */
  readonly viewsPerDay: readonly DayCount[];
  /** Distinct students who made a signed-in request, per day. */
  readonly activeUsersPerDay: readonly DayCount[];
  readonly funnel: Funnel;
  /** Listings by views since `since`, most first, ties by id. */
  readonly topViewed: readonly TopViewed[];
}

/** Listings created in the window: all of them, those with a favorite, with a comment, and sold. */
export interface Funnel {
  readonly listed: number;
  readonly favorited: number;
  readonly commented: number;
  readonly sold: number;
}

export interface TopViewed {
  readonly listingId: string;
  readonly title: string;
  readonly views: number;
}

/** Aggregates over a campus's listings, users and engagement: grouped reads, never rows. */
export interface CampusStatistics {
  /**
   * `since` is the first instant counted by the daily series, the funnel and the tops; `top` is how
   * many top categories and most viewed listings to answer. A null campus is every campus together.
   */
  activity(campusId: string | null, since: Date, top: number): Promise<CampusActivity>;
}

/** What `campusId` names for every campus together (super admins only). */
export const ALL_CAMPUSES = 'all';

export interface CampusStatsView {
  readonly campusId: string;
  readonly campusName: string;
  /** Every campus this admin may look at, to choose from (one for a campus admin). */
  readonly campuses: readonly { readonly id: string; readonly name: string }[];
  readonly generatedAt: Date;
  readonly listings: {
    readonly total: number;
    readonly byStatus: Record<string, number>;
    readonly byKind: Record<string, number>;
    readonly byStatusAndKind: readonly { readonly status: string; readonly kind: string; readonly count: number }[];
  };
  readonly users: { readonly total: number; readonly verified: number; readonly unverified: number };
  /** One entry per China day, oldest first, zeros included. */
  readonly daily: readonly {
    readonly day: string;
    readonly newListings: number;
    readonly newUsers: number;
    readonly favorites: number;
    readonly comments: number;
    readonly views: number;
    readonly activeUsers: number;
  }[];
  readonly funnel: Funnel;
  readonly topViewed: readonly TopViewed[];
  readonly topCategories: readonly {
    readonly categoryId: string;
    readonly name: string;
    readonly parentName: string | null;
    readonly count: number;
  }[];
  /** Per campus; none for every campus together. */
  readonly hotSearches: readonly HotTerm[];
}

/** Midnight in China (UTC+8) starting the given China day. */
function chinaMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

export interface GetCampusStatisticsDeps {
  readonly stats: CampusStatistics;
  readonly campuses: CampusRepository;
  readonly categories: CategoryRepository;
  readonly hotSearches: GetHotSearches;
  readonly clock: Clock;
}

/**
 * The admin dashboard's numbers for one campus: campus admins see their own, super admins any campus
 * they name (their first campus when they name none), or every campus together (`all`).
 */
export class GetCampusStatistics {
  constructor(private readonly deps: GetCampusStatisticsDeps) {}

  async execute(input: {
    actor: Actor;
    campusId?: string;
  }): Promise<Result<CampusStatsView, NotAuthenticated | AdminOnly | AdminScope | CampusNotFound>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const visible = (await this.deps.campuses.list())
      .filter((c) => adminCovers(admin.value, c.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((c) => ({ id: c.id, name: c.name }));
    const campusId = input.campusId ?? admin.value.campusId ?? visible[0]?.id;
    if (campusId === undefined) return err(new CampusNotFound(''));
    const all = campusId === ALL_CAMPUSES;
    if (all ? admin.value.role !== 'super_admin' : !adminCovers(admin.value, campusId))
      return err(new AdminScope(campusId));
    const campus = all ? { id: ALL_CAMPUSES, name: '全部校区' } : visible.find((c) => c.id === campusId);
    if (!campus) return err(new CampusNotFound(campusId));

    const now = this.deps.clock.now();
    const today = chinaDay(now);
    const days = Array.from({ length: STATS_DAYS }, (_, i) => dayBefore(today, STATS_DAYS - 1 - i));
    const [activity, categories, hot] = await Promise.all([
      this.deps.stats.activity(all ? null : campusId, chinaMidnight(days[0]!), TOP_CATEGORIES),
      Promise.all((all ? visible.map((c) => c.id) : [campusId]).map((id) => this.deps.categories.forCampus(id))),
      all ? Promise.resolve([]) : this.deps.hotSearches.execute({ campusId }),
    ]);

    const byStatus: Record<string, number> = {};
    const byKind: Record<string, number> = {};
    let total = 0;
    for (const r of activity.listingsByStatusAndKind) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
      byKind[r.kind] = (byKind[r.kind] ?? 0) + r.count;
      total += r.count;
    }
    const perDay = (rows: readonly DayCount[]) => {
      const counts = new Map(rows.map((r) => [r.day, r.count]));
      return (day: string) => counts.get(day) ?? 0;
    };
    const [newListings, newUsers, favorites, comments, views, activeUsers] = [
      perDay(activity.newListingsPerDay),
      perDay(activity.newUsersPerDay),
      perDay(activity.favoritesPerDay),
      perDay(activity.commentsPerDay),
      perDay(activity.viewsPerDay),
      perDay(activity.activeUsersPerDay),
    ];
    const byId = new Map(categories.flat().map((c) => [c.id, c]));

    return ok({
      campusId,
      campusName: campus.name,
      campuses: visible,
      generatedAt: now,
      listings: {
        total,
        byStatus,
        byKind,
        byStatusAndKind: [...activity.listingsByStatusAndKind].sort(
          (a, b) => b.count - a.count || (a.status + a.kind < b.status + b.kind ? -1 : 1),
        ),
      },
      users: { total: activity.users.verified + activity.users.unverified, ...activity.users },
      daily: days.map((day) => ({
        day,
        newListings: newListings(day),
        newUsers: newUsers(day),
        favorites: favorites(day),
        comments: comments(day),
        views: views(day),
        activeUsers: activeUsers(day),
      })),
      funnel: activity.funnel,
      topViewed: activity.topViewed,
      topCategories: activity.topCategories.map((t) => {
        const c = byId.get(t.categoryId);
        const parent = c?.parentId ? byId.get(c.parentId) : undefined;
        return {
          categoryId: t.categoryId,
          name: c?.name ?? '（已删除的分类）',
          parentName: parent?.name ?? null,
          count: t.count,
        };
      }),
      hotSearches: hot,
    });
  }
}
