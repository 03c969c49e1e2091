import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BlockedSearchTerm, BlockSearchTerm, ListBlockedSearchTerms, UnblockSearchTerm } from '@xianzhi/core';
import { orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import { BlockedTerm, BlockedTermList, BlockedTermsQuery, BlockTermBody } from '../schemas/search.js';

export interface AdminSearchRouteDeps {
  readonly list: ListBlockedSearchTerms;
  readonly block: BlockSearchTerm;
  readonly unblock: UnblockSearchTerm;
  readonly defaultCampusId: string;
}

const present = (b: BlockedSearchTerm) => ({ ...b, createdAt: b.createdAt.toISOString() });

/** The block list of hot searches: terms (and terms containing them) that never show. */
export function adminSearchRoutes({
  list,
  block,
  unblock,
  defaultCampusId,
}: AdminSearchRouteDeps): FastifyPluginAsyncTypebox {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    // A campus admin who names no campus means their own.
    const campusOf = (actor: { kind: string; campusId?: string | null }, named: string | undefined) =>
      named ?? (actor.kind === 'admin' ? (actor.campusId ?? undefined) : undefined) ?? defaultCampusId;

    app.get(
      '/admin/search/blocked-terms',
      {
        schema: {
          ...admin,
          summary: "A campus's blocked hot-search terms",
          querystring: BlockedTermsQuery,
          response: responses({ 200: BlockedTermList }),
        },
      },
      async (request) => ({
        items: orFail(
          await list.execute({ actor: request.actor, campusId: campusOf(request.actor, request.query.campusId) }),
        ).map(present),
      }),
    );

    app.post(
      '/admin/search/blocked-terms',
      {
        schema: {
          ...admin,
          summary: 'Block a term from the hot searches (201; 200 when it was already blocked); audited',
          body: BlockTermBody,
          response: responses({ 200: BlockedTerm, 201: BlockedTerm }),
        },
      },
      async (request, reply) => {
        const result = orFail(
          await block.execute({
            actor: request.actor,
            campusId: campusOf(request.actor, request.body.campusId),
            term: request.body.term,
          }),
        );
        reply.code(result.created ? 201 : 200);
        return present(result.entry);
      },
    );

    app.delete(
      '/admin/search/blocked-terms/:id',
      {
        schema: {
          ...admin,
          summary: 'Lift a block; audited',
          params: IdParams,
          response: responses({ 200: BlockedTerm }),
        },
      },
      async (request) => present(orFail(await unblock.execute({ actor: request.actor, id: request.params.id }))),
    );
  };
}
