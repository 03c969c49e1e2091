import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  Actor,
  CancelTrade,
  ConfirmTrade,
  DealViews,
  GetTrade,
  ListMyTrades,
  ListUserRatings,
  ListUserTradesForAdmin,
  OpenTrade,
  RateTrade,
  Rating,
  ReplyToRating,
  Trade,
} from '@xianzhi/core';
import { orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  AdminRatingPage,
  CancelTradeBody,
  MyTradesQuery,
  OpenTradeBody,
  PageQuery,
  RateTradeBody,
  Rating as RatingSchema,
  RatingPage,
  RatingReplyBody,
  Trade as TradeSchema,
  TradePage,
} from '../schemas/trades.js';
import { adminRatingBody, ratingBody, tradeBody, viewerId } from '../trade-presenters.js';

export interface TradeRouteDeps {
  readonly open: OpenTrade;
  readonly get: GetTrade;
  readonly mine: ListMyTrades;
  readonly confirm: ConfirmTrade;
  readonly cancel: CancelTrade;
  readonly rate: RateTrade;
  readonly reply: ReplyToRating;
  readonly ratings: ListUserRatings;
  readonly adminTrades: ListUserTradesForAdmin;
  readonly views: DealViews;
}

/**
 * Trades (成交) and ratings (评价). No payment passes through Xianzhi: the two students meet and pay in
 * person; the trade only records that they agreed and that it happened.
 */
export function tradeRoutes(deps: TradeRouteDeps): FastifyPluginAsyncTypebox {
  const student = { tags: ['trades'], security: [{ bearerAuth: [] }] };
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  const one = async (trade: Trade, actor: Actor) => tradeBody((await deps.views.trades([trade], viewerId(actor)))[0]!);
  const rated = async (rating: Rating) => ratingBody((await deps.views.ratingViews([rating]))[0]!);
  return async (app) => {
    app.post(
      '/listings/:id/trades',
      {
        schema: {
          ...student,
          summary: 'The seller picks a buyer among those who wanted the listing, commented or offered; it is reserved',
          params: IdParams,
          body: OpenTradeBody,
          response: responses({ 201: TradeSchema }),
        },
      },
      async (request, reply) => {
        const trade = orFail(
          await deps.open.execute({
            actor: request.actor,
            listingId: request.params.id,
            buyerId: request.body.buyerId,
            ...(request.body.priceFen !== undefined && { priceFen: request.body.priceFen }),
          }),
        );
        return reply.code(201).send(await one(trade, request.actor));
      },
    );

    app.get(
      '/me/trades',
      {
        schema: {
          ...student,
          summary: '我的交易: as buyer, as seller, or both (no role); newest first',
          querystring: MyTradesQuery,
          response: responses({ 200: TradePage }),
        },
      },
      async (request) => {
        const page = orFail(await deps.mine.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(tradeBody), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/trades/:id',
      {
        schema: {
          ...student,
          summary: 'One trade, for its two parties (anyone else: 404 TRADE_NOT_FOUND)',
          params: IdParams,
          response: responses({ 200: TradeSchema }),
        },
      },
      async (request) =>
        tradeBody(orFail(await deps.get.execute({ actor: request.actor, tradeId: request.params.id }))),
    );

    app.post(
      '/trades/:id/confirm',
      {
        schema: {
          ...student,
          summary: '确认成交: both sides → completed (listing sold); the seller alone → completed after 7 silent days',
          params: IdParams,
          response: responses({ 200: TradeSchema }),
        },
      },
      async (request) =>
        one(orFail(await deps.confirm.execute({ actor: request.actor, tradeId: request.params.id })), request.actor),
    );

    app.post(
      '/trades/:id/cancel',
      {
        schema: {
          ...student,
          summary: 'Either side calls the trade off before completion, with a reason; the listing is on sale again',
          params: IdParams,
          body: CancelTradeBody,
          response: responses({ 200: TradeSchema }),
        },
      },
      async (request) =>
        one(
          orFail(
            await deps.cancel.execute({
              actor: request.actor,
              tradeId: request.params.id,
              reason: request.body.reason,
            }),
          ),
          request.actor,
        ),
    );

    app.post(
      '/trades/:id/rating',
      {
        schema: {
          ...student,
          summary:
            '评价 after completion, once per side; shown when both rated or 14 days after (until then only to you)',
          params: IdParams,
          body: RateTradeBody,
          response: responses({ 201: RatingSchema }),
        },
      },
      async (request, reply) => {
        const rating = orFail(
          await deps.rate.execute({
            actor: request.actor,
            tradeId: request.params.id,
            score: request.body.score,
            ...(request.body.text !== undefined && { text: request.body.text }),
          }),
        );
        return reply.code(201).send(await rated(rating));
      },
    );

    app.post(
      '/ratings/:id/reply',
      {
        schema: {
          ...student,
          summary: 'The rated person answers a shown rating, once',
          params: IdParams,
          body: RatingReplyBody,
          response: responses({ 200: RatingSchema }),
        },
      },
      async (request) =>
        rated(
          orFail(
            await deps.reply.execute({ actor: request.actor, ratingId: request.params.id, text: request.body.text }),
          ),
        ),
    );

    app.get(
      '/users/:id/ratings',
      {
        schema: {
          tags: ['users'],
          summary: 'Ratings about a student: shown ones (both rated or 14 days passed), not hidden; newest first',
          params: IdParams,
          querystring: PageQuery,
          response: responses({ 200: RatingPage }),
        },
      },
      async (request) => {
        const page = orFail(
          await deps.ratings.execute({ actor: request.actor, userId: request.params.id, ...request.query }),
        );
        return { items: page.items.map(ratingBody), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/admin/users/:id/trades',
      {
        schema: {
          ...admin,
          summary: "A student's trades, newest first (admins of the student's campus)",
          params: IdParams,
          querystring: PageQuery,
          response: responses({ 200: TradePage }),
        },
      },
      async (request) => {
        const page = orFail(
          await deps.adminTrades.execute({ actor: request.actor, userId: request.params.id, ...request.query }),
        );
        return { items: page.items.map(tradeBody), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/admin/users/:id/ratings',
      {
        schema: {
          ...admin,
          summary: "Ratings about a student, hidden ones too (flagged); admins of the student's campus",
          params: IdParams,
          querystring: PageQuery,
          response: responses({ 200: AdminRatingPage }),
        },
      },
      async (request) => {
        const page = orFail(
          await deps.ratings.execute({
            actor: request.actor,
            userId: request.params.id,
            asAdmin: true,
            ...request.query,
          }),
        );
        return { items: page.items.map(adminRatingBody), nextCursor: page.nextCursor };
      },
    );
  };
}
