import type { DealRole, Offer } from '../trades/offer.js';
import { OPEN_OFFER_STATUSES } from '../trades/offer.js';
import type {
  DealCursor,
  MyOffersQuery,
  OfferRepository,
  RatingRepository,
  RatingsAboutQuery,
  TradeRepository,
  TradesQuery,
  Want,
  WantRepository,
} from '../trades/ports.js';
import type { Rating } from '../trades/rating.js';
import type { Trade } from '../trades/trade.js';
import { copy, type InMemoryStore } from './in-memory-store.js';

const newestFirst = (a: DealCursor, b: DealCursor) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const before = (item: DealCursor, after: DealCursor | null) => !after || newestFirst(after, item) < 0;

export class InMemoryWantRepository implements WantRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.wants;
  }
  async add(userId: string, listingId: string, at: Date): Promise<boolean> {
    const key = `${listingId}|${userId}`;
    if (this.table.has(key)) return false;
    this.table.set(key, { userId, listingId, createdAt: new Date(at) });
    return true;
  }
  async remove(userId: string, listingId: string): Promise<boolean> {
    return this.table.delete(`${listingId}|${userId}`);
  }
  async has(userId: string, listingId: string): Promise<boolean> {
    return this.table.has(`${listingId}|${userId}`);
  }
  async wantedAmong(userId: string, listingIds: readonly string[]): Promise<Set<string>> {
    return new Set(listingIds.filter((id) => this.table.has(`${id}|${userId}`)));
  }
  async wanters(listingId: string, limit: number): Promise<Want[]> {
    return [...this.table.values()]
      .filter((w) => w.listingId === listingId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.userId < b.userId ? 1 : -1))
      .slice(0, limit)
      .map((w) => ({ ...w, createdAt: new Date(w.createdAt) }));
  }
}

const roleMatch = (deal: { sellerId: string; buyerId: string }, userId: string, role?: DealRole) =>
  role === 'seller'
    ? deal.sellerId === userId
    : role === 'buyer'
      ? deal.buyerId === userId
      : deal.sellerId === userId || deal.buyerId === userId;

export class InMemoryOfferRepository implements OfferRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.offers;
  }
  async byId(id: string): Promise<Offer | null> {
    const o = this.table.get(id);
    return o ? copy(o) : null;
  }
  async insert(offer: Offer): Promise<boolean> {
    // Checked and stored with no await between, as a unique key would: two inserts at once leave one.
    const clash = [...this.table.values()].some(
      (x) => x.listingId === offer.listingId && x.buyerId === offer.buyerId && x.isOpen,
    );
    if (this.table.has(offer.id) || (offer.isOpen && clash)) return false;
    this.table.set(offer.id, copy(offer));
    return true;
  }
  async save(offer: Offer): Promise<void> {
    this.table.set(offer.id, copy(offer));
  }
  async openOf(listingId: string, buyerId: string): Promise<Offer | null> {
    const o = [...this.table.values()].find(
      (x) => x.listingId === listingId && x.buyerId === buyerId && OPEN_OFFER_STATUSES.includes(x.status),
    );
    return o ? copy(o) : null;
  }
  async forListing(listingId: string, buyerId?: string): Promise<Offer[]> {
    return [...this.table.values()]
      .filter((o) => o.listingId === listingId && (buyerId === undefined || o.buyerId === buyerId))
      .sort(newestFirst)
      .map(copy);
  }
  async mine(q: MyOffersQuery): Promise<Offer[]> {
    return [...this.table.values()]
      .filter((o) => roleMatch(o, q.userId, q.role) && (!q.status || o.status === q.status) && before(o, q.after))
      .sort(newestFirst)
      .slice(0, q.limit)
      .map(copy);
  }
  async dueForExpiry(now: Date, limit: number): Promise<Offer[]> {
    return [...this.table.values()]
      .filter((o) => OPEN_OFFER_STATUSES.includes(o.status) && o.expiresAt.getTime() <= now.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
}

export class InMemoryTradeRepository implements TradeRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.trades;
  }
  async byId(id: string): Promise<Trade | null> {
    const t = this.table.get(id);
    return t ? copy(t) : null;
  }
  async insert(trade: Trade): Promise<boolean> {
    const clash = [...this.table.values()].some((x) => x.listingId === trade.listingId && x.status === 'agreed');
    if (this.table.has(trade.id) || (trade.status === 'agreed' && clash)) return false;
    this.table.set(trade.id, copy(trade));
    return true;
  }
  async save(trade: Trade): Promise<void> {
    this.table.set(trade.id, copy(trade));
  }
  async agreedOn(listingId: string): Promise<Trade | null> {
    const t = [...this.table.values()].find((x) => x.listingId === listingId && x.status === 'agreed');
    return t ? copy(t) : null;
  }
  async list(q: TradesQuery): Promise<Trade[]> {
    return [...this.table.values()]
      .filter((t) => roleMatch(t, q.userId, q.role) && (!q.status || t.status === q.status) && before(t, q.after))
      .sort(newestFirst)
      .slice(0, q.limit)
      .map(copy);
  }
  async dueForAutoCompletion(now: Date, limit: number): Promise<Trade[]> {
    return [...this.table.values()]
      .filter((t) => t.status === 'agreed' && t.autoCompleteAt !== null && t.autoCompleteAt.getTime() <= now.getTime())
      .sort((a, b) => a.autoCompleteAt!.getTime() - b.autoCompleteAt!.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
  async completedCounts(userId: string): Promise<{ asSeller: number; asBuyer: number }> {
    const done = [...this.table.values()].filter((t) => t.status === 'completed');
    return {
      asSeller: done.filter((t) => t.sellerId === userId).length,
      asBuyer: done.filter((t) => t.buyerId === userId).length,
    };
  }
}

export class InMemoryRatingRepository implements RatingRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.ratings;
  }
  async byId(id: string): Promise<Rating | null> {
    const r = this.table.get(id);
    return r ? copy(r) : null;
  }
  async insert(rating: Rating): Promise<boolean> {
    const taken = [...this.table.values()].some((r) => r.tradeId === rating.tradeId && r.raterId === rating.raterId);
    if (taken || this.table.has(rating.id)) return false;
    this.table.set(rating.id, copy(rating));
    return true;
  }
  async save(rating: Rating): Promise<void> {
    this.table.set(rating.id, copy(rating));
  }
  async forTrade(tradeId: string): Promise<Rating[]> {
    return [...this.table.values()]
      .filter((r) => r.tradeId === tradeId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map(copy);
  }
  async about(q: RatingsAboutQuery): Promise<Rating[]> {
    const key = (r: { publishedAt: Date; id: string }) => [r.publishedAt.getTime(), r.id] as const;
    const older = (r: Rating) => {
      if (!q.after) return true;
      const [t, id] = key(r);
      const [at, aid] = key(q.after);
      return t < at || (t === at && id < aid);
    };
    return [...this.table.values()]
      .filter((r) => r.rateeId === q.rateeId && r.publishedAt.getTime() <= q.now.getTime())
      .filter((r) => q.includeHidden || r.hiddenAt === null)
      .filter(older)
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, q.limit)
      .map(copy);
  }
  async dueForAnnouncement(now: Date, limit: number): Promise<Rating[]> {
    return [...this.table.values()]
      .filter((r) => !r.announced && r.publishedAt.getTime() <= now.getTime())
      .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }
  async tally(rateeId: string, now: Date): Promise<{ count: number; good: number }> {
    const shown = [...this.table.values()].filter(
      (r) => r.rateeId === rateeId && r.hiddenAt === null && r.publishedAt.getTime() <= now.getTime(),
    );
    return { count: shown.length, good: shown.filter((r) => r.score === 'good').length };
  }
}
