import type { CategoryRepository } from '../catalog/ports.js';
import type { UserRepository } from '../identity/ports.js';
import type { Listing } from '../listings/listing.js';
import type { ListingRepository } from '../listings/ports.js';
import type { IndexedToken, SearchTokenizer } from '../listings/search.js';
import { isSearchable, passesSearchFilters, searchDocumentOf } from '../listings/search-match.js';
import type { SynonymSource, SynonymTable } from '../listings/synonym-table.js';
import type { NotificationRecorder } from '../notifications/notify.js';
import type { NotificationDraft } from '../notifications/rules.js';
import { chinaDay, type Clock } from '../shared/clock.js';
import type { DomainEvent } from '../shared/events.js';
import type { EventSubscriber } from '../shared/jobs.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { listingLookupKeys } from './saved-search-keys.js';
import { coversExpandedQuery, expandedTerms, synonymLookupTokens } from './saved-search-synonyms.js';
import type { SavedSearchRepository } from './saved-search-ports.js';
import { SAVED_SEARCH_DAILY_ALERTS, type SavedSearch } from './saved-search.js';

/** Saved searches read per page while one listing looks for the searches it matches. */
const PAGE = 200;

/**
 * Whether the search page, searching `search` on the listing's campus, would show the listing: the same
 * tokens, the same synonyms (the campus's dictionary), the same coverage rule, the same filters and the same
 * liveness. Ranking limits (how many candidates a query reads) are left out: they decide the order of a busy
 * result list, not what matches.
 */
export function savedSearchMatches(
  search: SavedSearch,
  listing: Listing,
  tokens: readonly IndexedToken[],
  tokenizer: SearchTokenizer,
  now: Date,
  synonyms: SynonymTable | null = null,
): boolean {
  return (
    search.campusId === listing.campusId &&
    isSearchable(listing, now) &&
    passesSearchFilters(listing, search.filters) &&
    coversExpandedQuery(expandedTerms(search.text, tokenizer, synonyms), tokens)
  );
}

/**
 * A new listing tells whoever saved a search it matches. The key is the listing and the student: one
 * notice per listing even when several of their searches match it, and never a second one, whether the
 * event is handled again or the listing is withdrawn and relisted.
 */
export function savedSearchRule(listing: Listing, search: SavedSearch): NotificationDraft {
  return {
    eventKey: `saved-search-${listing.id}`,
    recipientId: search.userId,
    campusId: listing.campusId,
    kind: 'saved_search',
    listingId: listing.id,
    data: { listingTitle: listing.title, price: listing.price, query: search.text, savedSearchId: search.id },
  };
}

export interface SavedSearchAlertsDeps {
  readonly savedSearches: SavedSearchRepository;
  readonly listings: ListingRepository;
  readonly categories: CategoryRepository;
  readonly users: UserRepository;
  readonly tokenizer: SearchTokenizer;
  readonly recorder: NotificationRecorder;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  /** The campuses' synonym dictionaries, as the search page applies them; without it, no synonyms. */
  readonly synonyms?: SynonymSource;
  /** Alerts per student per China day; defaults to SAVED_SEARCH_DAILY_ALERTS. */
  readonly dailyLimit?: number;
}

/**
 * Saved-search alerts, fed by the outbox: a listing published, or relisted by its owner (withdrawn, then
 * on sale again: new to those who did not hear of it the first time), is matched against the saved
 * searches of its campus filed under its tokens (saved-search-keys.ts), never against all of them. Each
 * student is told at most once per listing and at most `dailyLimit` times a day; never of their own
 * listing, only while they are a verified student of the listing's campus and not banned.
 */
export class SavedSearchAlerts implements EventSubscriber {
  readonly name = 'saved-searches';

  constructor(private readonly deps: SavedSearchAlertsDeps) {}

  wants(event: DomainEvent): boolean {
    if (event.type === 'ListingPublished') return true;
    return event.type === 'ListingStatusChanged' && event.payload.from === 'withdrawn' && event.payload.to === 'active';
  }

  async handle(event: DomainEvent): Promise<void> {
    if (!this.wants(event)) return;
    await this.alert(event.aggregateId);
  }

  /** Tells the students whose saved searches match the listing now; answers how many were told. */
  async alert(listingId: string): Promise<number> {
    const { listings, categories, tokenizer, savedSearches } = this.deps;
    if (this.deps.dailyLimit === 0) return 0;
    const listing = await listings.byId(listingId);
    const now = this.deps.clock.now();
    if (!listing || !isSearchable(listing, now)) return 0;
    const doc = searchDocumentOf(listing, await categories.forCampus(listing.campusId));
    const tokens = tokenizer.document(doc);
    const table = (await this.deps.synonyms?.forCampus(listing.campusId)) ?? null;
    const synonymTokens = table
      ? synonymLookupTokens([doc.title, doc.description, ...doc.categoryNames], table, tokenizer)
      : [];
    const keys = listingLookupKeys(new Set([...tokens.map((t) => t.token), ...synonymTokens]));
    const told = new Set<string>([listing.ownerId]);
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const page = await savedSearches.withAnyKey(listing.campusId, keys, after, PAGE);
      const firstPerStudent = new Map<string, SavedSearch>();
      for (const s of page) {
        if (told.has(s.userId) || firstPerStudent.has(s.userId)) continue;
        if (savedSearchMatches(s, listing, tokens, tokenizer, now, table)) firstPerStudent.set(s.userId, s);
      }
      count += await this.tell(listing, [...firstPerStudent.values()], now);
      for (const id of firstPerStudent.keys()) told.add(id);
      const last = page.at(-1);
      if (page.length < PAGE || !last) return count;
      after = last.id;
    }
  }

  private async tell(listing: Listing, matches: readonly SavedSearch[], now: Date): Promise<number> {
    if (matches.length === 0) return 0;
    const users = new Map((await this.deps.users.byIds(matches.map((s) => s.userId))).map((u) => [u.id, u]));
    const day = chinaDay(now);
    const limit = this.deps.dailyLimit ?? SAVED_SEARCH_DAILY_ALERTS;
    const drafts: NotificationDraft[] = [];
    for (const s of matches) {
      const user = users.get(s.userId);
      // Those who left the campus, lost their verification or were banned hear nothing.
      if (!user || user.campusId !== listing.campusId || !user.verified || user.banned) continue;
      const taken = await this.deps.uow.run(() =>
        this.deps.savedSearches.takeAlert(s.userId, listing.id, day, limit, now),
      );
      if (taken) drafts.push(savedSearchRule(listing, s));
    }
    // Taken before recorded: a crash in between re-runs, finds the alert taken and records it then.
    await this.deps.recorder.record(drafts);
    return drafts.length;
  }
}
