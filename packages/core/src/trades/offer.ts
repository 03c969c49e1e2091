import type { Fen } from '../shared/money.js';
import { err, okVoid, type Result } from '../shared/result.js';
import { OfferExpired, OfferNotOpen } from './errors.js';

export type OfferStatus = 'open' | 'countered' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
export const OFFER_STATUSES: readonly OfferStatus[] = [
  'open',
  'countered',
  'accepted',
  'declined',
  'withdrawn',
  'expired',
];
/** Waiting for an answer: at most one of these per buyer and listing. */
export const OPEN_OFFER_STATUSES: readonly OfferStatus[] = ['open', 'countered'];

export const OFFER_NOTE_MAX = 200;
export const DEFAULT_OFFER_TTL_HOURS = 48;

/** The party of an offer or trade a student is. */
export type DealRole = 'seller' | 'buyer';

/**
 * 出价: a buyer's price for a listing. open (the seller's move: accept, decline, counter) → countered
 * (the buyer's move: accept, decline) → accepted | declined; the buyer may withdraw while it waits; it
 * expires when nobody answers in time (a counter starts the time again).
 */
export class Offer {
  id!: string;
  listingId!: string;
  campusId!: string;
  buyerId!: string;
  sellerId!: string;
  priceFen!: Fen;
  note!: string | null;
  counterPriceFen!: Fen | null;
  counterNote!: string | null;
  status!: OfferStatus;
  expiresAt!: Date;
  createdAt!: Date;
  updatedAt!: Date;
  tradeId!: string | null;

  static make(input: {
    id: string;
    listingId: string;
    campusId: string;
    buyerId: string;
    sellerId: string;
    priceFen: Fen;
    note: string | null;
    now: Date;
    ttlMs: number;
  }): Offer {
    const o = new Offer();
    o.id = input.id;
    o.listingId = input.listingId;
    o.campusId = input.campusId;
    o.buyerId = input.buyerId;
    o.sellerId = input.sellerId;
    o.priceFen = input.priceFen;
    o.note = input.note;
    o.counterPriceFen = null;
    o.counterNote = null;
    o.status = 'open';
    o.expiresAt = new Date(input.now.getTime() + input.ttlMs);
    o.createdAt = input.now;
    o.updatedAt = input.now;
    o.tradeId = null;
    return o;
  }

  get isOpen(): boolean {
    return OPEN_OFFER_STATUSES.includes(this.status);
  }

  /** Whose answer the offer waits for; null once it has ended. */
  get awaiting(): DealRole | null {
    if (this.status === 'open') return 'seller';
    if (this.status === 'countered') return 'buyer';
    return null;
  }

  /** The price a trade from this offer is made at: the counter when the buyer accepts one. */
  get agreedPriceFen(): Fen {
    return this.counterPriceFen ?? this.priceFen;
  }

  roleOf(userId: string): DealRole | null {
    if (userId === this.sellerId) return 'seller';
    if (userId === this.buyerId) return 'buyer';
    return null;
  }

  isExpiredAt(now: Date): boolean {
    return this.status === 'expired' || (this.isOpen && this.expiresAt.getTime() <= now.getTime());
  }

  counter(priceFen: Fen, note: string | null, now: Date, ttlMs: number): Result<void, OfferNotOpen | OfferExpired> {
    const live = this.checkLive(now, 'open');
    if (!live.ok) return live;
    this.counterPriceFen = priceFen;
    this.counterNote = note;
    this.status = 'countered';
    this.expiresAt = new Date(now.getTime() + ttlMs);
    this.updatedAt = now;
    return okVoid;
  }

  accept(tradeId: string, now: Date): Result<void, OfferNotOpen | OfferExpired> {
    const live = this.checkLive(now);
    if (!live.ok) return live;
    this.status = 'accepted';
    this.tradeId = tradeId;
    this.updatedAt = now;
    return okVoid;
  }

  decline(now: Date): Result<void, OfferNotOpen | OfferExpired> {
    const live = this.checkLive(now);
    if (!live.ok) return live;
    this.status = 'declined';
    this.updatedAt = now;
    return okVoid;
  }

  /** The buyer takes it back while it waits; allowed even past its expiry (it only ends sooner). */
  withdraw(now: Date): Result<void, OfferNotOpen> {
    if (!this.isOpen) return err(new OfferNotOpen(this.id, this.status));
    this.status = 'withdrawn';
    this.updatedAt = now;
    return okVoid;
  }

  /** Called by the sweep once the time ran out. */
  expire(now: Date): Result<void, OfferNotOpen> {
    if (!this.isOpen || this.expiresAt.getTime() > now.getTime()) return err(new OfferNotOpen(this.id, this.status));
    this.status = 'expired';
    this.updatedAt = now;
    return okVoid;
  }

  private checkLive(now: Date, only?: OfferStatus): Result<void, OfferNotOpen | OfferExpired> {
    if (!this.isOpen || (only !== undefined && this.status !== only)) {
      return err(new OfferNotOpen(this.id, this.status));
    }
    if (this.expiresAt.getTime() <= now.getTime()) return err(new OfferExpired(this.id, this.expiresAt));
    return okVoid;
  }
}
