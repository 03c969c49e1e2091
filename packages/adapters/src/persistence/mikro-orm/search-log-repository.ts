import { EntitySchema, UniqueConstraintViolationException } from '@mikro-orm/core';
import type {
  BlockedSearchTerm,
  BlockedSearchTermRepository,
  SearchLog,
  SearchRecord,
  TermDayCount,
  TermDayQuery,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';

export class BlockedTermRow {
  id!: string;
  campusId!: string;
  term!: string;
  createdAt!: Date;
  createdBy!: string;
}

export const BlockedTermSchema = new EntitySchema<BlockedTermRow>({
  class: BlockedTermRow,
  tableName: 'search_term_block',
  properties: {
    id: { type: 'string', length: 26, primary: true },
    campusId: { type: 'string', length: 40 },
    term: { type: 'string', length: 40 },
    createdAt: { type: 'datetime', length: 3 },
    createdBy: { type: 'string', length: 26 },
  },
});

const toBlocked = (r: BlockedTermRow): BlockedSearchTerm => ({
  id: r.id,
  campusId: r.campusId,
  term: r.term,
  createdAt: new Date(r.createdAt),
  createdBy: r.createdBy,
});

/**
 * Search counts in `search_term_day` and the day's searcher hashes in `search_searcher`. Each write is
 * one atomic statement (an insert that ignores a known key, then an upsert adding to the counters), so
 * concurrent searches never lose a count and no transaction holds locks across both.
 */
export class MikroOrmSearchLog implements SearchLog {
  constructor(private readonly ctx: OrmContext) {}

  async record(e: SearchRecord): Promise<void> {
    const em = this.ctx.em();
    const my = this.ctx.dialect === 'mysql';
    const inserted = await em.execute<{ affectedRows?: number; changes?: number }>(
      `insert ${my ? 'ignore' : 'or ignore'} into search_searcher (campus_id, day, term, searcher_key) values (?, ?, ?, ?)`,
      [e.campusId, e.day, e.term, e.searcherKey],
      'run',
    );
    const newSearcher = (inserted.affectedRows ?? inserted.changes ?? 0) > 0 ? 1 : 0;
    const upsert = my
      ? 'on duplicate key update searches = searches + ?, searchers = searchers + ?'
      : 'on conflict (campus_id, day, term) do update set searches = searches + ?, searchers = searchers + ?';
    const searches = e.searches ?? 1;
    await em.execute(
      `insert into search_term_day (campus_id, day, term, searches, searchers) values (?, ?, ?, ?, ?) ${upsert}`,
      [e.campusId, e.day, e.term, searches, newSearcher, searches, newSearcher],
      'run',
    );
  }

  async termDays(q: TermDayQuery): Promise<TermDayCount[]> {
    // The qualifying terms are found by one grouped read of the campus's range (primary key prefix), then their days.
    const rows = await this.ctx
      .em()
      .execute<{ term: string; day: string; searches: number | string; searchers: number | string }[]>(
        `select d.term, d.day, d.searches, d.searchers from search_term_day d
       join (select term from search_term_day where campus_id = ? and day >= ?
             group by term having max(searchers) >= ? and sum(searchers) >= ?) q on q.term = d.term
       where d.campus_id = ? and d.day >= ?`,
        [q.campusId, q.sinceDay, q.minSearchersOnADay, q.minSearchers, q.campusId, q.sinceDay],
      );
    return rows.map((r) => ({
      term: r.term,
      day: r.day,
      searches: Number(r.searches),
      searchers: Number(r.searchers),
    }));
  }

  async forget(before: { searchersBefore: string; countsBefore: string }): Promise<void> {
    const em = this.ctx.em();
    await em.execute('delete from search_searcher where day < ?', [before.searchersBefore], 'run');
    await em.execute('delete from search_term_day where day < ?', [before.countsBefore], 'run');
  }
}

export class MikroOrmBlockedSearchTerms implements BlockedSearchTermRepository {
  constructor(private readonly ctx: OrmContext) {}

  async forCampus(campusId: string): Promise<BlockedSearchTerm[]> {
    return (await this.ctx.em().find(BlockedTermRow, { campusId }, { orderBy: { term: 'asc' } })).map(toBlocked);
  }

  async byId(id: string): Promise<BlockedSearchTerm | null> {
    const r = await this.ctx.em().findOne(BlockedTermRow, { id }, { refresh: true });
    return r ? toBlocked(r) : null;
  }

  async add(entry: BlockedSearchTerm): Promise<{ entry: BlockedSearchTerm; created: boolean }> {
    const em = this.ctx.em();
    const existing = await em.findOne(
      BlockedTermRow,
      { campusId: entry.campusId, term: entry.term },
      { refresh: true },
    );
    if (existing) return { entry: toBlocked(existing), created: false };
    try {
      await em.insert(BlockedTermRow, { ...entry });
    } catch (e) {
      // Another admin blocked the same term in between: theirs is the entry.
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
      const winner = await em.findOne(
        BlockedTermRow,
        { campusId: entry.campusId, term: entry.term },
        { refresh: true },
      );
      if (!winner) throw e;
      return { entry: toBlocked(winner), created: false };
    }
    return { entry: { ...entry }, created: true };
  }

  async remove(id: string): Promise<void> {
    await this.ctx.em().nativeDelete(BlockedTermRow, { id });
  }
}
