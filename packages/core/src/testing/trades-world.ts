import { actorFor, type Actor } from '../identity/actor.js';
import { ContentScreening, type ContentSafety } from '../shared/content-safety.js';
import { DAY_MS } from '../shared/clock.js';
import {
  AcceptOffer,
  AnnounceRatings,
  AutoCompleteTrades,
  CancelTrade,
  ConfirmTrade,
  CounterOffer,
  DealViews,
  DeclineOffer,
  ExpireOffers,
  GetTrade,
  GetTrust,
  ListListingOffers,
  ListMyOffers,
  ListMyTrades,
  ListUserRatings,
  ListUserTradesForAdmin,
  ListWanters,
  MakeOffer,
  OpenTrade,
  RateTrade,
  ReplyToRating,
  SetWant,
  WithdrawOffer,
  type DealDeps,
} from '../trades/index.js';
import { aUser } from './builders.js';
import { inMemoryPersistence } from './in-memory.js';
import { coreKit, itemInput } from './kit.js';

/** Text containing 违禁 is risky; anything else passes. */
export const scriptedTradeSafety: ContentSafety = {
  checkText: async (text) => (text.includes('违禁') ? { kind: 'risky', label: 'abuse' } : { kind: 'ok' }),
  checkImage: async () => ({ kind: 'ok' }),
};

/**
 * The trades use cases on in-memory adapters over coreKit's world: alice sells, bob and dave buy (verified),
 * carol is not verified, erin is a third student who should see nothing of the others' deals.
 */
export async function tradesWorld(ttlHours = 48) {
  const ports = inMemoryPersistence();
  const k = await coreKit(ports);
  const { wants, offers, trades, ratings, listings, users, comments, outbox, uow } = ports;
  for (const id of ['dave', 'erin']) await users.save(aUser({ id, nickname: id }));
  const dave: Actor = actorFor((await users.byId('dave'))!);
  const erin: Actor = actorFor((await users.byId('erin'))!);
  const screening = new ContentScreening(scriptedTradeSafety, 'refuse');
  const deal: DealDeps = {
    offers,
    trades,
    lifecycle: k.lifecycle,
    outbox,
    events: k.events,
    uow,
    ids: k.ids,
    clock: k.clock,
  };
  const offerDeps = { ...deal, ttlHours, screening };
  const ratingDeps = {
    ratings,
    trades,
    listings,
    outbox,
    events: k.events,
    uow,
    ids: k.ids,
    clock: k.clock,
    screening,
  };
  const views = new DealViews(listings, users, ratings, k.clock);
  return {
    k,
    ports,
    actors: { ...k.actors, dave, erin },
    views,
    setWant: new SetWant({ wants, listings, outbox, uow, clock: k.clock, events: k.events }),
    wanters: new ListWanters(wants, listings, users),
    makeOffer: new MakeOffer(offerDeps),
    accept: new AcceptOffer(offerDeps),
    decline: new DeclineOffer(offerDeps),
    counter: new CounterOffer(offerDeps),
    withdraw: new WithdrawOffer(offerDeps),
    expireOffers: new ExpireOffers(deal),
    myOffers: new ListMyOffers(offers, views),
    listingOffers: new ListListingOffers(offers, listings, views),
    openTrade: new OpenTrade({ ...deal, wants, comments }),
    confirm: new ConfirmTrade(deal),
    cancel: new CancelTrade(deal),
    autoComplete: new AutoCompleteTrades(deal),
    getTrade: new GetTrade(trades, views),
    myTrades: new ListMyTrades(trades, views),
    adminTrades: new ListUserTradesForAdmin(trades, users, views),
    rate: new RateTrade(ratingDeps),
    reply: new ReplyToRating(ratingDeps),
    announce: new AnnounceRatings(ratingDeps),
    ratingsOf: new ListUserRatings(ratings, users, views),
    trust: new GetTrust(trades, ratings, k.clock),
    /** Publishes an item of alice's (or `by`'s) and answers its id. */
    async listed(by: Actor = k.actors.alice, overrides: Record<string, unknown> = {}): Promise<string> {
      const r = await k.publish.execute({ actor: by, kind: 'item', content: itemInput(overrides) });
      if (!r.ok) throw new Error(r.error.code);
      return r.value.id;
    },
    /** Event types written to the outbox so far, oldest first. */
    async eventTypes(): Promise<string[]> {
      return (await outbox.unpublished(10_000)).map((e) => e.type);
    },
    /** The payloads of the outbox's events of one type, oldest first. */
    async payloadsOf(type: string): Promise<Record<string, unknown>[]> {
      return (await outbox.unpublished(10_000))
        .filter((e) => e.type === type)
        .map((e) => e.payload as Record<string, unknown>);
    },
    days: (n: number) => n * DAY_MS,
  };
}

export type TradesWorld = Awaited<ReturnType<typeof tradesWorld>>;
