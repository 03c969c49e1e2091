import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  AcceptOffer,
  CounterOffer,
  DealViews,
  DeclineOffer,
  ListListingOffers,
  ListMyOffers,
  ListWanters,
  MakeOffer,
  Offer,
  SetWant,
  WithdrawOffer,
} from '@xianzhi/core';
import { orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  AcceptedOffer,
  CounterOfferBody,
  MakeOfferBody,
  MyOffersQuery,
  Offer as OfferSchema,
  OfferList,
  OfferPage,
  WanterList,
  WantState,
} from '../schemas/trades.js';
import { offerBody, tradeBody, userSummary, viewerId } from '../trade-presenters.js';

export interface OfferRouteDeps {
  readonly setWant: SetWant;
  readonly wanters: ListWanters;
  readonly make: MakeOffer;
  readonly accept: AcceptOffer;
  readonly decline: DeclineOffer;
  readonly counter: CounterOffer;
  readonly withdraw: WithdrawOffer;
  readonly mine: ListMyOffers;
  readonly forListing: ListListingOffers;
  readonly views: DealViews;
}

/** 想要 and 出价: private between the two students (and the campus's admins). */
export function offerRoutes(deps: OfferRouteDeps): FastifyPluginAsyncTypebox {
  const want = { tags: ['trades'], security: [{ bearerAuth: [] }] };
  const offers = { tags: ['trades'], security: [{ bearerAuth: [] }] };
  const one = async (offer: Offer) => offerBody((await deps.views.offers([offer]))[0]!);
  return async (app) => {
    app.put(
      '/listings/:id/want',
      {
        schema: {
          ...want,
          summary:
            '想要 (idempotent; verified students, not on one’s own listing, live items only); the seller is told',
          params: IdParams,
          response: responses({ 200: WantState }),
        },
      },
      async (request) =>
        orFail(await deps.setWant.execute({ actor: request.actor, listingId: request.params.id, wanted: true })),
    );

    app.delete(
      '/listings/:id/want',
      {
        schema: {
          ...want,
          summary: '取消想要 (idempotent)',
          params: IdParams,
          response: responses({ 200: WantState }),
        },
      },
      async (request) =>
        orFail(await deps.setWant.execute({ actor: request.actor, listingId: request.params.id, wanted: false })),
    );

    app.get(
      '/listings/:id/wanters',
      {
        schema: {
          ...want,
          summary: 'Who wants the listing, newest first: its seller only (admins of its campus too)',
          params: IdParams,
          response: responses({ 200: WanterList }),
        },
      },
      async (request) => {
        const found = orFail(await deps.wanters.execute({ actor: request.actor, listingId: request.params.id }));
        return { items: found.map((w) => ({ user: userSummary(w.user, w.userId), at: w.at.toISOString() })) };
      },
    );

    app.post(
      '/listings/:id/offers',
      {
        schema: {
          ...offers,
          summary: '出价: a price above zero with an optional note; one open offer per buyer and listing',
          params: IdParams,
          body: MakeOfferBody,
          response: responses({ 201: OfferSchema }),
        },
      },
      async (request, reply) => {
        const offer = orFail(
          await deps.make.execute({
            actor: request.actor,
            listingId: request.params.id,
            priceFen: request.body.priceFen,
            ...(request.body.note !== undefined && { note: request.body.note }),
          }),
        );
        return reply.code(201).send(await one(offer));
      },
    );

    app.get(
      '/listings/:id/offers',
      {
        schema: {
          ...offers,
          summary: "A listing's offers, newest first: all of them for its seller, one's own for anyone else",
          params: IdParams,
          response: responses({ 200: OfferList }),
        },
      },
      async (request) => {
        const found = orFail(await deps.forListing.execute({ actor: request.actor, listingId: request.params.id }));
        return { items: found.map(offerBody) };
      },
    );

    app.get(
      '/me/offers',
      {
        schema: {
          ...offers,
          summary: '我的出价 (role=buyer, the default) or 收到的出价 (role=seller), newest first',
          querystring: MyOffersQuery,
          response: responses({ 200: OfferPage }),
        },
      },
      async (request) => {
        const page = orFail(await deps.mine.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(offerBody), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/offers/:id/accept',
      {
        schema: {
          ...offers,
          summary: 'Accept: the seller an open offer, the buyer a counter. A trade opens and the listing is reserved',
          params: IdParams,
          response: responses({ 200: AcceptedOffer }),
        },
      },
      async (request) => {
        const done = orFail(await deps.accept.execute({ actor: request.actor, offerId: request.params.id }));
        const [offer, trade] = await Promise.all([
          one(done.offer),
          deps.views.trades([done.trade], viewerId(request.actor)),
        ]);
        return { offer, trade: tradeBody(trade[0]!) };
      },
    );

    app.post(
      '/offers/:id/decline',
      {
        schema: {
          ...offers,
          summary: 'Decline: the seller an open offer, the buyer a counter',
          params: IdParams,
          response: responses({ 200: OfferSchema }),
        },
      },
      async (request) => one(orFail(await deps.decline.execute({ actor: request.actor, offerId: request.params.id }))),
    );

    app.post(
      '/offers/:id/counter',
      {
        schema: {
          ...offers,
          summary: '还价: the seller answers an open offer with a price; the buyer may then accept or decline',
          params: IdParams,
          body: CounterOfferBody,
          response: responses({ 200: OfferSchema }),
        },
      },
      async (request) =>
        one(
          orFail(
            await deps.counter.execute({
              actor: request.actor,
              offerId: request.params.id,
              priceFen: request.body.priceFen,
              ...(request.body.note !== undefined && { note: request.body.note }),
            }),
          ),
        ),
    );

    app.post(
      '/offers/:id/withdraw',
      {
        schema: {
          ...offers,
          summary: 'The buyer takes back an open or countered offer',
          params: IdParams,
          response: responses({ 200: OfferSchema }),
        },
      },
      async (request) => one(orFail(await deps.withdraw.execute({ actor: request.actor, offerId: request.params.id }))),
    );
  };
}
