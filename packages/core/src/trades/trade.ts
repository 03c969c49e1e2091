import { addDays } from '../shared/clock.js';
import type { Fen } from '../shared/money.js';
import { err, ok, okVoid, type Result } from '../shared/result.js';
import { TradeClosed } from './errors.js';
import type { DealRole } from './offer.js';

export type TradeStatus = 'agreed' | 'completed' | 'cancelled';
export const TRADE_STATUSES: readonly TradeStatus[] = ['agreed', 'completed', 'cancelled'];

/** The seller confirmed and the buyer said nothing for this long: the trade completes by itself. */
export const AUTO_COMPLETE_DAYS = 7;
export const CANCEL_REASON_MAX = 200;

/**
 * A deal between a listing's seller and one buyer, agreed in the app and done in person (no payment
 * passes through Xianzhi). agreed → completed (both confirm, or the seller confirms and the buyer stays
 * silent for AUTO_COMPLETE_DAYS) | cancelled (either side, with a reason, before completion).
 */
export class Trade {
  id!: string;
  listingId!: string;
  campusId!: string;
  sellerId!: string;
  buyerId!: string;
  /** Null when the seller picked a buyer for a 面议 listing without naming a price. */
  priceFen!: Fen | null;
  offerId!: string | null;
  status!: TradeStatus;
  sellerConfirmedAt!: Date | null;
  buyerConfirmedAt!: Date | null;
  autoCompleteAt!: Date | null;
  cancelledBy!: DealRole | null;
  cancelReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  completedAt!: Date | null;

  static open(input: {
    id: string;
    listingId: string;
    campusId: string;
    sellerId: string;
    buyerId: string;
    priceFen: Fen | null;
    offerId: string | null;
    now: Date;
  }): Trade {
    const t = new Trade();
    t.id = input.id;
    t.listingId = input.listingId;
    t.campusId = input.campusId;
    t.sellerId = input.sellerId;
    t.buyerId = input.buyerId;
    t.priceFen = input.priceFen;
    t.offerId = input.offerId;
    t.status = 'agreed';
    t.sellerConfirmedAt = null;
    t.buyerConfirmedAt = null;
    t.autoCompleteAt = null;
    t.cancelledBy = null;
    t.cancelReason = null;
    t.createdAt = input.now;
    t.updatedAt = input.now;
    t.completedAt = null;
    return t;
  }

  roleOf(userId: string): DealRole | null {
    if (userId === this.sellerId) return 'seller';
    if (userId === this.buyerId) return 'buyer';
    return null;
  }

  /**
   * One side confirms it happened. Both → completed; the seller alone starts the buyer's silence clock.
   * Confirming twice changes nothing. Answers whether this completed the trade.
   */
  confirm(role: DealRole, now: Date): Result<boolean, TradeClosed> {
    if (this.status !== 'agreed') return err(new TradeClosed(this.id, this.status));
    if (role === 'seller' && this.sellerConfirmedAt === null) {
      this.sellerConfirmedAt = now;
      this.updatedAt = now;
    }
    if (role === 'buyer' && this.buyerConfirmedAt === null) {
      this.buyerConfirmedAt = now;
      this.updatedAt = now;
    }
    if (this.sellerConfirmedAt !== null && this.buyerConfirmedAt !== null) {
      this.complete(now);
      return ok(true);
    }
    this.autoCompleteAt = this.sellerConfirmedAt !== null ? addDays(this.sellerConfirmedAt, AUTO_COMPLETE_DAYS) : null;
    return ok(false);
  }

  cancel(role: DealRole, reason: string, now: Date): Result<void, TradeClosed> {
    if (this.status !== 'agreed') return err(new TradeClosed(this.id, this.status));
    this.status = 'cancelled';
    this.cancelledBy = role;
    this.cancelReason = reason;
    this.autoCompleteAt = null;
    this.updatedAt = now;
    return okVoid;
  }

  /** The sweep: the seller confirmed and the buyer neither confirmed nor cancelled in time. */
  autoComplete(now: Date): Result<void, TradeClosed> {
    if (this.status !== 'agreed' || this.autoCompleteAt === null || this.autoCompleteAt.getTime() > now.getTime()) {
      return err(new TradeClosed(this.id, this.status));
    }
    this.complete(now);
    return okVoid;
  }

  private complete(now: Date): void {
    this.status = 'completed';
    this.completedAt = now;
    this.autoCompleteAt = null;
    this.updatedAt = now;
  }
}
