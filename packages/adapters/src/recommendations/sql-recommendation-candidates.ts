import type { CandidateListing, ListingStatus, RecommendationCandidates } from '@xianzhi/core';
import type { OrmContext } from '../persistence/mikro-orm/context.js';

export const CANDIDATE_COLUMNS =
  'id, campus_id, owner_id, status, title, category_id, root_category_id, price, listed_at, expires_at, owner_banned';
const COLUMNS = CANDIDATE_COLUMNS;

/**
 * Candidates as plain rows, no entity hydration. `fresh` has the feed's shape, so it walks the same
 * indexes backwards (listing_feed_idx, listing_feed_category_idx, listing_feed_root_category_idx) and
 * stops after `limit` rows whatever the size of the campus.
 */
export class SqlRecommendationCandidates implements RecommendationCandidates {
  constructor(private readonly ctx: OrmContext) {}

  async fresh(q: {
    campusId: string;
    categoryId?: string;
    rootCategoryId?: string;
    now: Date;
    limit: number;
  }): Promise<CandidateListing[]> {
    const params: unknown[] = [q.campusId];
    let where = 'campus_id = ? and live = 1';
    if (q.categoryId !== undefined) {
      where += ' and category_id = ?';
      params.push(q.categoryId);
    } else if (q.rootCategoryId !== undefined) {
      where += ' and root_category_id = ?';
      params.push(q.rootCategoryId);
    }
    params.push(q.now);
    const rows = await this.ctx
      .em()
      .execute<Record<string, unknown>[]>(
        `select ${COLUMNS} from listing where ${where} and expires_at > ? order by listed_at desc, id desc limit ${Math.trunc(q.limit)}`,
        params,
      );
    return rows.map(toCandidate);
  }

  async byIds(ids: readonly string[]): Promise<CandidateListing[]> {
    const out: CandidateListing[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const batch = unique.slice(i, i + 500);
      const rows = await this.ctx
        .em()
        .execute<Record<string, unknown>[]>(
          `select ${COLUMNS} from listing where id in (${batch.map(() => '?').join(', ')})`,
          batch,
        );
      out.push(...rows.map(toCandidate));
    }
    return out;
  }
}

function toDate(value: unknown): Date {
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' && !/^\d+$/.test(value) ? value : Number(value));
}

export function toCandidate(r: Record<string, unknown>): CandidateListing {
  return {
    id: String(r['id']),
    campusId: String(r['campus_id']),
    ownerId: String(r['owner_id']),
    status: r['status'] as ListingStatus,
    title: String(r['title']),
    categoryId: String(r['category_id']),
    rootCategoryId: String(r['root_category_id']),
    price: r['price'] === null || r['price'] === undefined ? null : Number(r['price']),
    listedAt: toDate(r['listed_at']),
    expiresAt: toDate(r['expires_at']),
    ownerBanned: Boolean(Number(r['owner_banned'])),
  };
}
