import { chinaDay, type Clock } from '../shared/clock.js';

/** Which students made any signed-in request on which China day: one row per (student, day). */
export interface ActiveUserLog {
  /** Notes the student active on `day`; a second note of the same pair changes nothing. */
  record(userId: string, campusId: string, day: string): Promise<void>;
}

/**
 * Notes a signed-in student active today, for the dashboard's daily active users. Called on every
 * authenticated request, so each process remembers the pairs it already wrote today and writes a pair
 * at most once; the store ignores the duplicates other processes write. A failed write is not
 * remembered (the next request tries again) and never fails the request: it is a statistic.
 */
export class RecordActivity {
  private day = '';
  private readonly seen = new Set<string>();

  constructor(
    private readonly log: ActiveUserLog,
    private readonly clock: Clock,
  ) {}

  async execute(user: { readonly id: string; readonly campusId: string }): Promise<void> {
    const day = chinaDay(this.clock.now());
    if (day !== this.day) {
      // A new day: yesterday's pairs can never match again.
      this.seen.clear();
      this.day = day;
    }
    if (this.seen.has(user.id)) return;
    try {
      await this.log.record(user.id, user.campusId, day);
      this.seen.add(user.id);
    } catch {
      // Counted on a later request instead.
    }
  }
}
