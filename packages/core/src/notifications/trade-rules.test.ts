import { describe, expect, it } from 'vitest';
import { EventFactory } from '../shared/events.js';
import { SequentialIds, TestClock } from '../testing/builders.js';
import { isInboxOnly, messageFor, QQ_NOTIFICATION_KINDS, type Notification } from './notification.js';
import { offerRule, ratingRule, tradeRule, wantRule, type NotificationDraft } from './rules.js';

const events = new EventFactory(new SequentialIds('evt'), new TestClock());
const deal = { listingId: 'L1', campusId: 'demo', listingTitle: '九成新台灯', sellerId: 'alice', buyerId: 'bob' };
const offer = (type: Parameters<typeof offerRule>[0]['type'], by: string | null) =>
  events.create(type, 'O1', { ...deal, offerId: 'O1', priceFen: 8_000, by });
const trade = (type: Parameters<typeof tradeRule>[0]['type'], by: string | null, offerId: string | null = null) =>
  events.create(type, 'T1', { ...deal, tradeId: 'T1', offerId, priceFen: 9_000, reason: '临时有事', by });
const told = (drafts: NotificationDraft[]) => drafts.map((d) => [d.recipientId, d.kind]);

describe('trade notices: every step tells the other side', () => {
  it('想要 tells the seller who wants it', () => {
    const e = events.create('ListingWanted', 'L1', {
      listingId: 'L1',
      campusId: 'demo',
      ownerId: 'alice',
      userId: 'bob',
      listingTitle: '九成新台灯',
    });
    const drafts = wantRule(e, null);
    expect(told(drafts)).toEqual([['alice', 'want_received']]);
    expect(drafts[0]!.data).toMatchObject({ listingTitle: '九成新台灯', actorNickname: '有人', userId: 'bob' });
  });

  it('offers: the seller hears of a new one, the buyer of answers and expiry; a withdrawal tells nobody', () => {
    expect(told(offerRule(offer('OfferMade', 'bob')))).toEqual([['alice', 'offer_received']]);
    expect(told(offerRule(offer('OfferCountered', 'alice')))).toEqual([['bob', 'offer_countered']]);
    expect(told(offerRule(offer('OfferAccepted', 'alice')))).toEqual([['bob', 'offer_accepted']]);
    // The buyer accepting a counter tells the seller.
    expect(told(offerRule(offer('OfferAccepted', 'bob')))).toEqual([['alice', 'offer_accepted']]);
    expect(told(offerRule(offer('OfferDeclined', 'bob')))).toEqual([['alice', 'offer_declined']]);
    expect(told(offerRule(offer('OfferExpired', null)))).toEqual([['bob', 'offer_expired']]);
    expect(offerRule(offer('OfferWithdrawn', 'bob'))).toEqual([]);
    expect(offerRule(offer('OfferMade', 'bob'))[0]!.data).toMatchObject({ price: 8_000, offerId: 'O1' });
    // An accepted offer names the trade it opened; one stored before events carried it names none.
    const accepted = events.create('OfferAccepted', 'O1', {
      ...deal,
      offerId: 'O1',
      priceFen: 8_000,
      tradeId: 'T9',
      by: 'alice',
    });
    expect(offerRule(accepted)[0]!.data).toMatchObject({ offerId: 'O1', tradeId: 'T9' });
    expect(offerRule(offer('OfferAccepted', 'alice'))[0]!.data['tradeId']).toBeNull();
  });

  it('trades: the other side, both on completion (not who completed it), nothing twice for an accepted offer', () => {
    expect(told(tradeRule(trade('TradeOpened', 'alice')))).toEqual([['bob', 'trade_opened']]);
    expect(tradeRule(trade('TradeOpened', 'bob', 'O1'))).toEqual([]);
    expect(told(tradeRule(trade('TradeConfirmed', 'alice')))).toEqual([['bob', 'trade_confirmed']]);
    expect(told(tradeRule(trade('TradeCompleted', 'bob')))).toEqual([['alice', 'trade_completed']]);
    expect(told(tradeRule(trade('TradeCompleted', null)))).toEqual([
      ['alice', 'trade_completed'],
      ['bob', 'trade_completed'],
    ]);
    const cancelled = tradeRule(trade('TradeCancelled', 'bob'));
    expect(told(cancelled)).toEqual([['alice', 'trade_cancelled']]);
    expect(cancelled[0]!.data).toMatchObject({ reason: '临时有事', tradeId: 'T1' });
  });

  it('a shown rating tells the rated person', () => {
    const e = events.create('RatingPublished', 'R1', {
      ratingId: 'R1',
      tradeId: 'T1',
      campusId: 'demo',
      listingId: 'L1',
      listingTitle: '九成新台灯',
      raterId: 'bob',
      rateeId: 'alice',
      score: 'good',
    });
    expect(told(ratingRule(e))).toEqual([['alice', 'rating_received']]);
  });

  it('every trade kind may go to QQ, worded in at most 20 characters a keyword', () => {
    const kinds = [
      'want_received',
      'offer_received',
      'offer_countered',
      'offer_accepted',
      'offer_declined',
      'offer_expired',
      'trade_opened',
      'trade_confirmed',
      'trade_completed',
      'trade_cancelled',
      'rating_received',
    ] as const;
    for (const kind of kinds) {
      expect(isInboxOnly(kind)).toBe(false);
      expect(QQ_NOTIFICATION_KINDS).toContain(kind);
      const n: Notification = {
        id: 'N1',
        key: 'k',
        recipientId: 'alice',
        campusId: 'demo',
        kind,
        listingId: 'L1',
        data: { listingTitle: '九成新台灯', price: 8_000, reason: '临时有事', score: 'good', actorNickname: '鲍勃' },
        createdAt: new Date(),
        readAt: null,
      };
      const m = messageFor(n);
      expect(m.page).toBe('pages/detail/index?id=L1');
      expect(m.fields[0]).toBe('九成新台灯');
      for (const f of m.fields) expect(f.length).toBeLessThanOrEqual(20);
      // Once a trade has begun, its notices open the trade (a notice naming none still opens the listing).
      const withTrade = messageFor({ ...n, data: { ...n.data, tradeId: 'T1' } }).page;
      const opensTrade = kind === 'offer_accepted' || kind.startsWith('trade_') || kind === 'rating_received';
      expect(withTrade).toBe(opensTrade ? 'pages/trade/index?id=T1' : 'pages/detail/index?id=L1');
    }
    expect(messageFor({ ...baseNotice(), kind: 'rating_received' }).fields[1]).toBe('你收到了一条好评');
  });
});

function baseNotice(): Notification {
  return {
    id: 'N2',
    key: 'k2',
    recipientId: 'alice',
    campusId: 'demo',
    kind: 'offer_received',
    listingId: 'L1',
    data: { listingTitle: '九成新台灯', score: 'good' },
    createdAt: new Date(),
    readAt: null,
  };
}
