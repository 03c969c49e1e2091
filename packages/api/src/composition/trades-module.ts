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
  type OfferDeps,
  type OpenTradeDeps,
  type RatingDeps,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { offerRoutes } from '../http/routes/offers.js';
import { tradeRoutes } from '../http/routes/trades.js';
import { Background, type PeriodicTask } from './background-tokens.js';
import { Moderation } from './moderation-tokens.js';
import { factory, named, type TokensFor } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';
import { Trades } from './trades-tokens.js';

const DEAL: TokensFor<DealDeps> = {
  offers: Ports.Offers,
  trades: Ports.Trades,
  lifecycle: Core.Lifecycle,
  outbox: Ports.Outbox,
  events: Core.Events,
  uow: Ports.UnitOfWork,
  ids: Core.Ids,
  clock: Core.Clock,
};

/**
 * 想要, offers, trades and ratings. Every write goes through the unit of work that moves the response
 * cache's version, so cards and details show the new wantCount and listing status at once. The worker
 * sweeps expired offers, trades due for automatic completion and ratings whose blind period ended.
 */
export const tradesModule = new ContainerModule(({ bind }) => {
  factory(bind(Trades.Views), (l, u, r, c) => new DealViews(l, u, r, c), [
    Ports.Listings,
    Ports.Users,
    Ports.Ratings,
    Core.Clock,
  ]);
  named(bind(Trades.SetWant), (deps) => new SetWant(deps), {
    wants: Ports.Wants,
    listings: Ports.Listings,
    outbox: Ports.Outbox,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
    events: Core.Events,
  });
  factory(bind(Trades.Wanters), (w, l, u) => new ListWanters(w, l, u), [Ports.Wants, Ports.Listings, Ports.Users]);

  const offerDeps = { ...DEAL, config: Config.App, screening: Moderation.Screening };
  const withTtl = ({
    config,
    ...deps
  }: DealDeps & Pick<OfferDeps, 'screening'> & { config: { offerTtlHours: number } }): OfferDeps => ({
    ...deps,
    ttlHours: config.offerTtlHours,
  });
  named(bind(Trades.MakeOffer), (d) => new MakeOffer(withTtl(d)), offerDeps);
  named(bind(Trades.AcceptOffer), (d) => new AcceptOffer(withTtl(d)), offerDeps);
  named(bind(Trades.DeclineOffer), (d) => new DeclineOffer(withTtl(d)), offerDeps);
  named(bind(Trades.CounterOffer), (d) => new CounterOffer(withTtl(d)), offerDeps);
  named(bind(Trades.WithdrawOffer), (d) => new WithdrawOffer(withTtl(d)), offerDeps);
  named(bind(Trades.ExpireOffers), (d) => new ExpireOffers(d), DEAL);
  factory(bind(Trades.MyOffers), (o, v) => new ListMyOffers(o, v), [Ports.Offers, Trades.Views]);
  factory(bind(Trades.ListingOffers), (o, l, v) => new ListListingOffers(o, l, v), [
    Ports.Offers,
    Ports.Listings,
    Trades.Views,
  ]);

  const openDeps: TokensFor<OpenTradeDeps> = { ...DEAL, wants: Ports.Wants, comments: Ports.Comments };
  named(bind(Trades.OpenTrade), (d) => new OpenTrade(d), openDeps);
  named(bind(Trades.ConfirmTrade), (d) => new ConfirmTrade(d), DEAL);
  named(bind(Trades.CancelTrade), (d) => new CancelTrade(d), DEAL);
  named(bind(Trades.AutoComplete), (d) => new AutoCompleteTrades(d), DEAL);
  factory(bind(Trades.GetTrade), (t, v) => new GetTrade(t, v), [Ports.Trades, Trades.Views]);
  factory(bind(Trades.MyTrades), (t, v) => new ListMyTrades(t, v), [Ports.Trades, Trades.Views]);
  factory(bind(Trades.AdminTrades), (t, u, v) => new ListUserTradesForAdmin(t, u, v), [
    Ports.Trades,
    Ports.Users,
    Trades.Views,
  ]);

  const ratingDeps: TokensFor<RatingDeps> = {
    ratings: Ports.Ratings,
    trades: Ports.Trades,
    listings: Ports.Listings,
    outbox: Ports.Outbox,
    events: Core.Events,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
    screening: Moderation.Screening,
  };
  named(bind(Trades.Rate), (d) => new RateTrade(d), ratingDeps);
  named(bind(Trades.Reply), (d) => new ReplyToRating(d), ratingDeps);
  named(bind(Trades.AnnounceRatings), (d) => new AnnounceRatings(d), ratingDeps);
  factory(bind(Trades.Ratings), (r, u, v) => new ListUserRatings(r, u, v), [Ports.Ratings, Ports.Users, Trades.Views]);
  factory(bind(Trades.Trust), (t, r, c) => new GetTrust(t, r, c), [Ports.Trades, Ports.Ratings, Core.Clock]);

  factory(
    bind(Background.PeriodicTask),
    (config, expire, complete, announce): PeriodicTask => ({
      name: 'trades-sweep',
      everyMs: config.expiryIntervalMinutes * 60_000,
      run: async () => ({
        ...(await expire.execute()),
        ...(await complete.execute()),
        ...(await announce.execute()),
      }),
    }),
    [Config.App, Trades.ExpireOffers, Trades.AutoComplete, Trades.AnnounceRatings],
  );

  named(bind(HttpRoutes.Api), offerRoutes, {
    setWant: Trades.SetWant,
    wanters: Trades.Wanters,
    make: Trades.MakeOffer,
    accept: Trades.AcceptOffer,
    decline: Trades.DeclineOffer,
    counter: Trades.CounterOffer,
    withdraw: Trades.WithdrawOffer,
    mine: Trades.MyOffers,
    forListing: Trades.ListingOffers,
    views: Trades.Views,
  });
  named(bind(HttpRoutes.Api), tradeRoutes, {
    open: Trades.OpenTrade,
    get: Trades.GetTrade,
    mine: Trades.MyTrades,
    confirm: Trades.ConfirmTrade,
    cancel: Trades.CancelTrade,
    rate: Trades.Rate,
    reply: Trades.Reply,
    ratings: Trades.Ratings,
    adminTrades: Trades.AdminTrades,
    views: Trades.Views,
  });
});
