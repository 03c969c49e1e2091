import {
  Offer,
  OPEN_OFFER_STATUSES,
  Trade,
  type DealCursor,
  type DealRole,
  type MyOffersQuery,
  type OfferRepository,
  type OfferStatus,
  type TradeRepository,
  type TradesQuery,
  type TradeStatus,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { date, insertUnique, lockOptions, maybeDate } from './trade-rows.js';
import { OfferRow, TradeRow } from './trade-schemas.js';

/** One side of a deal (or either), a status, and newest first strictly after the cursor (the last item seen). */
function dealFilter(q: { userId: string; role?: DealRole; status?: string; after: DealCursor | null }) {
  const conditions: Record<string, unknown>[] = [sideOf(q.userId, q.role)];
  if (q.status) conditions.push({ status: q.status });
  if (q.after) {
    const { createdAt, id } = q.after;
    conditions.push({ $or: [{ createdAt: { $lt: createdAt } }, { createdAt, id: { $lt: id } }] });
  }
  return { $and: conditions };
}

function sideOf(userId: string, role: DealRole | undefined): Record<string, unknown> {
  if (role === 'seller') return { sellerId: userId };
  if (role === 'buyer') return { buyerId: userId };
  return { $or: [{ sellerId: userId }, { buyerId: userId }] };
}

const NEWEST = [{ createdAt: 'desc' }, { id: 'desc' }] as const;

function offerRow(o: Offer): OfferRow {
  const open = OPEN_OFFER_STATUSES.includes(o.status);
  return Object.assign(new OfferRow(), {
    id: o.id,
    listingId: o.listingId,
    campusId: o.campusId,
    buyerId: o.buyerId,
    sellerId: o.sellerId,
    priceFen: o.priceFen,
    note: o.note,
    counterPriceFen: o.counterPriceFen,
    counterNote: o.counterNote,
    status: o.status,
    expiresAt: o.expiresAt,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    tradeId: o.tradeId,
    openKey: open ? `${o.listingId}|${o.buyerId}` : null,
  });
}

function toOffer(r: OfferRow): Offer {
  return Object.assign(new Offer(), {
    id: r.id,
    listingId: r.listingId,
    campusId: r.campusId,
    buyerId: r.buyerId,
    sellerId: r.sellerId,
    priceFen: Number(r.priceFen),
    note: r.note,
    counterPriceFen: r.counterPriceFen === null ? null : Number(r.counterPriceFen),
    counterNote: r.counterNote,
    status: r.status as OfferStatus,
    expiresAt: date(r.expiresAt),
    createdAt: date(r.createdAt),
    updatedAt: date(r.updatedAt),
    tradeId: r.tradeId,
  });
}

export class MikroOrmOfferRepository implements OfferRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byId(id: string, options: { forUpdate?: boolean } = {}): Promise<Offer | null> {
    const row = await this.ctx.em().findOne(OfferRow, { id }, lockOptions(this.ctx, options.forUpdate));
    return row ? toOffer(row) : null;
  }

  insert(offer: Offer): Promise<boolean> {
    return insertUnique(this.ctx, OfferRow, offerRow(offer));
  }

  async save(offer: Offer): Promise<void> {
    const { id, ...row } = offerRow(offer);
    await this.ctx.em().nativeUpdate(OfferRow, { id }, row);
  }

  async openOf(listingId: string, buyerId: string): Promise<Offer | null> {
    const row = await this.ctx
      .em()
      .findOne(OfferRow, { openKey: `${listingId}|${buyerId}` }, { refresh: true, disableIdentityMap: true });
    return row ? toOffer(row) : null;
  }

  async forListing(listingId: string, buyerId?: string): Promise<Offer[]> {
    const where = buyerId === undefined ? { listingId } : { listingId, buyerId };
    const rows = await this.ctx
      .em()
      .find(OfferRow, where, { orderBy: [...NEWEST], refresh: true, disableIdentityMap: true });
    return rows.map(toOffer);
  }

  async mine(q: MyOffersQuery): Promise<Offer[]> {
    const rows = await this.ctx
      .em()
      .find(OfferRow, dealFilter(q), { orderBy: [...NEWEST], limit: q.limit, refresh: true, disableIdentityMap: true });
    return rows.map(toOffer);
  }

  async dueForExpiry(now: Date, limit: number): Promise<Offer[]> {
    const rows = await this.ctx
      .em()
      .find(
        OfferRow,
        { status: { $in: [...OPEN_OFFER_STATUSES] }, expiresAt: { $lte: now } },
        { orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }], limit, refresh: true, disableIdentityMap: true },
      );
    return rows.map(toOffer);
  }
}

function tradeRow(t: Trade): TradeRow {
  return Object.assign(new TradeRow(), {
    id: t.id,
    listingId: t.listingId,
    campusId: t.campusId,
    sellerId: t.sellerId,
    buyerId: t.buyerId,
    priceFen: t.priceFen,
    offerId: t.offerId,
    status: t.status,
    sellerConfirmedAt: t.sellerConfirmedAt,
    buyerConfirmedAt: t.buyerConfirmedAt,
    autoCompleteAt: t.autoCompleteAt,
    cancelledBy: t.cancelledBy,
    cancelReason: t.cancelReason,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    completedAt: t.completedAt,
    agreedListingId: t.status === 'agreed' ? t.listingId : null,
  });
}

function toTrade(r: TradeRow): Trade {
  return Object.assign(new Trade(), {
    id: r.id,
    listingId: r.listingId,
    campusId: r.campusId,
    sellerId: r.sellerId,
    buyerId: r.buyerId,
    priceFen: r.priceFen === null ? null : Number(r.priceFen),
    offerId: r.offerId,
    status: r.status as TradeStatus,
    sellerConfirmedAt: maybeDate(r.sellerConfirmedAt),
    buyerConfirmedAt: maybeDate(r.buyerConfirmedAt),
    autoCompleteAt: maybeDate(r.autoCompleteAt),
    cancelledBy: r.cancelledBy as DealRole | null,
    cancelReason: r.cancelReason,
    createdAt: date(r.createdAt),
    updatedAt: date(r.updatedAt),
    completedAt: maybeDate(r.completedAt),
  });
}

export class MikroOrmTradeRepository implements TradeRepository {
  constructor(private readonly ctx: OrmContext) {}

  async byId(id: string, options: { forUpdate?: boolean } = {}): Promise<Trade | null> {
    const row = await this.ctx.em().findOne(TradeRow, { id }, lockOptions(this.ctx, options.forUpdate));
    return row ? toTrade(row) : null;
  }

  insert(trade: Trade): Promise<boolean> {
    return insertUnique(this.ctx, TradeRow, tradeRow(trade));
  }

  async save(trade: Trade): Promise<void> {
    const { id, ...row } = tradeRow(trade);
    await this.ctx.em().nativeUpdate(TradeRow, { id }, row);
  }

  async agreedOn(listingId: string): Promise<Trade | null> {
    const row = await this.ctx
      .em()
      .findOne(TradeRow, { agreedListingId: listingId }, { refresh: true, disableIdentityMap: true });
    return row ? toTrade(row) : null;
  }

  async list(q: TradesQuery): Promise<Trade[]> {
    const rows = await this.ctx
      .em()
      .find(TradeRow, dealFilter(q), { orderBy: [...NEWEST], limit: q.limit, refresh: true, disableIdentityMap: true });
    return rows.map(toTrade);
  }

  async dueForAutoCompletion(now: Date, limit: number): Promise<Trade[]> {
    const rows = await this.ctx
      .em()
      .find(
        TradeRow,
        { status: 'agreed', autoCompleteAt: { $lte: now } },
        { orderBy: [{ autoCompleteAt: 'asc' }, { id: 'asc' }], limit, refresh: true, disableIdentityMap: true },
      );
    return rows.map(toTrade);
  }

  async completedCounts(userId: string): Promise<{ asSeller: number; asBuyer: number }> {
    const em = this.ctx.em();
    const [asSeller, asBuyer] = await Promise.all([
      em.count(TradeRow, { sellerId: userId, status: 'completed' }),
      em.count(TradeRow, { buyerId: userId, status: 'completed' }),
    ]);
    return { asSeller, asBuyer };
  }
}
