import type { Neighbour, NeighbourCandidate, PairDelta, Popularity, PopularityDelta, SignalStore } from '@xianzhi/core';
import { CANDIDATE_COLUMNS, toCandidate } from './sql-recommendation-candidates.js';
import { RECS_VIEWS_CHECKPOINT } from '@xianzhi/core';
import type { OrmContext } from '../persistence/mikro-orm/context.js';

const BATCH = 200;

/** The signal tables (`rec_pair`, `rec_item`, `rec_favorite`); counts change by increments in the store, never read-modify-write. */
export class SqlSignalStore implements SignalStore {
  constructor(private readonly ctx: OrmContext) {}

  private get mysql(): boolean {
    return this.ctx.dialect === 'mysql';
  }

  /** The first statement of the job's transaction: a row lock on its checkpoint, held to commit. */
  async lock(): Promise<void> {
    // One upsert rather than "update, then insert when no row": two first runs at once would each take a gap
    // lock with the empty update and then block each other's insert (a deadlock); the upsert's insert makes
    // the second wait for the first's row, then lock it.
    const upsert = this.mysql
      ? 'on duplicate key update last_seq = last_seq'
      : 'on conflict (name) do update set last_seq = last_seq';
    await this.ctx
      .em()
      .execute(
        `insert into projection_checkpoint (name, last_seq) values (?, 0) ${upsert}`,
        [RECS_VIEWS_CHECKPOINT],
        'run',
      );
  }

  async addPairs(deltas: readonly PairDelta[]): Promise<void> {
    const rows = deltas.flatMap(
      (d) =>
        [
          [d.a, d.b, d.views, d.favorites],
          [d.b, d.a, d.views, d.favorites],
        ] as const,
    );
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const upsert = this.mysql
        ? 'on duplicate key update co_views = co_views + values(co_views), co_favorites = co_favorites + values(co_favorites), weight = weight + values(weight)'
        : 'on conflict (listing_id, other_id) do update set co_views = co_views + excluded.co_views, co_favorites = co_favorites + excluded.co_favorites, weight = weight + excluded.weight';
      await this.ctx.em().execute(
        `insert into rec_pair (listing_id, other_id, co_views, co_favorites, weight) values ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')} ${upsert}`,
        batch.flatMap(([a, b, v, f]) => [a, b, v, f, v + 2 * f]),
        'run',
      );
    }
  }

  async addPopularity(deltas: readonly PopularityDelta[]): Promise<void> {
    for (let i = 0; i < deltas.length; i += BATCH) {
      const batch = deltas.slice(i, i + BATCH);
      const upsert = this.mysql
        ? 'on duplicate key update viewers = viewers + values(viewers), favoriters = favoriters + values(favoriters), weight = weight + values(weight)'
        : 'on conflict (listing_id) do update set viewers = viewers + excluded.viewers, favoriters = favoriters + excluded.favoriters, weight = weight + excluded.weight';
      await this.ctx.em().execute(
        `insert into rec_item (listing_id, campus_id, viewers, favoriters, weight) values ${batch.map(() => '(?, ?, ?, ?, ?)').join(', ')} ${upsert}`,
        batch.flatMap((d) => [d.listingId, d.campusId, d.viewers, d.favoriters, d.viewers + 2 * d.favoriters]),
        'run',
      );
    }
  }

  async neighbours(listingId: string, limit: number): Promise<Neighbour[]> {
    // One range of rec_pair_neighbours read backwards (ties by id, descending, so no sort is needed): the precomputed list.
    const rows = await this.ctx
      .em()
      .execute<{ other_id: string; co_views: number | string; co_favorites: number | string }[]>(
        `select other_id, co_views, co_favorites from rec_pair where listing_id = ? and weight > 0
       order by weight desc, other_id desc limit ${Math.trunc(limit)}`,
        [listingId],
      );
    return rows.map((r) => ({
      listingId: r.other_id,
      coViews: Number(r.co_views),
      coFavorites: Number(r.co_favorites),
    }));
  }

  async neighbourCandidates(listingId: string, limit: number): Promise<NeighbourCandidate[]> {
    // The top-N list first (one index range), then its listings and popularity by primary key, in one statement.
    const rows = await this.ctx.em().execute<Record<string, unknown>[]>(
      `select n.co_views, n.co_favorites, i.viewers, i.favoriters, ${CANDIDATE_COLUMNS.split(', ')
        .map((c) => `l.${c}`)
        .join(', ')}
       from (select other_id, co_views, co_favorites, weight from rec_pair where listing_id = ? and weight > 0
             order by weight desc, other_id desc limit ${Math.trunc(limit)}) n
       join listing l on l.id = n.other_id
       left join rec_item i on i.listing_id = n.other_id
       order by n.weight desc, n.other_id desc`,
      [listingId],
    );
    return rows.map((r) => ({
      neighbour: { listingId: String(r['id']), coViews: Number(r['co_views']), coFavorites: Number(r['co_favorites']) },
      listing: toCandidate(r),
      popularity:
        r['viewers'] === null || r['viewers'] === undefined
          ? null
          : { viewers: Number(r['viewers']), favoriters: Number(r['favoriters']) },
    }));
  }

  async neighboursOf(listingIds: readonly string[], limitEach: number): Promise<Map<string, Neighbour[]>> {
    const ids = [...new Set(listingIds)];
    const out = new Map<string, Neighbour[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    // One round trip, each part still one backward index range: a union of limited derived tables
    // (the form SQLite and MariaDB both accept; a window over all pairs would read every pair).
    const part = `select * from (select listing_id, other_id, co_views, co_favorites from rec_pair where listing_id = ? and weight > 0
      order by weight desc, other_id desc limit ${Math.trunc(limitEach)}) t`;
    const rows = await this.ctx
      .em()
      .execute<{ listing_id: string; other_id: string; co_views: number | string; co_favorites: number | string }[]>(
        ids.map((_, i) => part.replace(' t', ` t${i}`)).join(' union all '),
        ids,
      );
    const weight = (r: { co_views: number | string; co_favorites: number | string }) =>
      Number(r.co_views) + 2 * Number(r.co_favorites);
    rows.sort((a, b) => weight(b) - weight(a) || (a.other_id < b.other_id ? 1 : -1));
    for (const r of rows)
      out
        .get(r.listing_id)!
        .push({ listingId: r.other_id, coViews: Number(r.co_views), coFavorites: Number(r.co_favorites) });
    return out;
  }

  async popularity(listingIds: readonly string[]): Promise<Map<string, Popularity>> {
    const out = new Map<string, Popularity>();
    const ids = [...new Set(listingIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      const rows = await this.ctx
        .em()
        .execute<{ listing_id: string; viewers: number | string; favoriters: number | string }[]>(
          `select listing_id, viewers, favoriters from rec_item where listing_id in (${batch.map(() => '?').join(', ')})`,
          batch,
        );
      for (const r of rows) out.set(r.listing_id, { viewers: Number(r.viewers), favoriters: Number(r.favoriters) });
    }
    return out;
  }

  async popularInCampus(campusId: string, limit: number): Promise<string[]> {
    const rows = await this.ctx
      .em()
      .execute<{ listing_id: string }[]>(
        `select listing_id from rec_item where campus_id = ? and weight > 0 order by weight desc, listing_id desc limit ${Math.trunc(limit)}`,
        [campusId],
      );
    return rows.map((r) => r.listing_id);
  }

  async setFavorite(userId: string, listingId: string, on: boolean, position: number): Promise<boolean> {
    const em = this.ctx.em();
    if (!on) {
      const res = await em.execute(
        'delete from rec_favorite where user_id = ? and listing_id = ?',
        [userId, listingId],
        'run',
      );
      return (res as { affectedRows?: number }).affectedRows === 1;
    }
    const res = await em.execute(
      `insert ${this.mysql ? 'ignore ' : ''}into rec_favorite (user_id, listing_id, position) values (?, ?, ?)${this.mysql ? '' : ' on conflict do nothing'}`,
      [userId, listingId, position],
      'run',
    );
    return (res as { affectedRows?: number }).affectedRows === 1;
  }

  async projectedFavorites(userId: string, limit: number): Promise<string[]> {
    const rows = await this.ctx
      .em()
      .execute<{ listing_id: string }[]>(
        `select listing_id from rec_favorite where user_id = ? order by position desc, listing_id asc limit ${Math.trunc(limit)}`,
        [userId],
      );
    return rows.map((r) => r.listing_id);
  }
}
