import type { Actor } from '../identity/actor.js';
import { chinaDay, type Clock } from '../shared/clock.js';
import type { BlockedSearchTermRepository } from './blocked-search-terms.js';
import {
  dayBefore,
  HOT_SEARCH,
  normaliseSearchTerm,
  rankHotTerms,
  type HotTerm,
  type SearcherKeys,
  type SearchLog,
} from './search-log.js';

export interface RecordSearchInput {
  readonly actor: Actor;
  readonly campusId: string;
  readonly text: string;
  /** How many listings the first page showed: searches that found nothing are not counted. */
  readonly found: number;
  /** False for the next pages of the same search (scrolling is not searching again). */
  readonly firstPage: boolean;
}

/**
 * Counts a search a signed-in student made towards the campus's hot searches. Visitors' and admins'
 * searches are not counted: a visitor is only an address and a user agent, which anyone can vary, so
 * counting them let one client put any term on top (issue 16). The searcher is kept only as a hash scoped to the day and the term, deleted once the
 * day is over, so the table never tells who searched what.
 */
export class RecordSearch {
  private forgottenBefore = '';

  constructor(
    private readonly log: SearchLog,
    private readonly keys: SearcherKeys,
    private readonly clock: Clock,
  ) {}

  async execute(input: RecordSearchInput): Promise<boolean> {
    if (!input.firstPage || input.found <= 0) return false;
    if (input.actor.kind !== 'user') return false;
    const identity = `u:${input.actor.userId}`;
    const term = normaliseSearchTerm(input.text);
    if (term === null) return false;
    const day = chinaDay(this.clock.now());
    if (this.forgottenBefore !== day) {
      // Once per day per process is enough; any process doing it is as good as another.
      await this.log.forget({ searchersBefore: day, countsBefore: dayBefore(day, HOT_SEARCH.retentionDays) });
      this.forgottenBefore = day;
    }
    await this.log.record({ campusId: input.campusId, day, term, searcherKey: this.keys.keyFor(identity, day, term) });
    return true;
  }
}

/** The campus's hot searches: the last 7 days, decayed by day, blocked terms left out. */
export class GetHotSearches {
  constructor(
    private readonly log: SearchLog,
    private readonly blocked: BlockedSearchTermRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { campusId: string; limit?: number }): Promise<HotTerm[]> {
    const today = chinaDay(this.clock.now());
    const [rows, blocked] = await Promise.all([
      this.log.termDays({
        campusId: input.campusId,
        sinceDay: dayBefore(today, HOT_SEARCH.windowDays - 1),
        minSearchersOnADay: HOT_SEARCH.minSearchersOnADay,
        minSearchers: HOT_SEARCH.minSearchers,
      }),
      this.blocked.forCampus(input.campusId),
    ]);
    return rankHotTerms(
      rows,
      today,
      blocked.map((b) => b.term),
      input.limit ?? HOT_SEARCH.top,
    );
  }
}
