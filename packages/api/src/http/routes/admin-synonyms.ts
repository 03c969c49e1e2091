import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  CreateSynonymGroup,
  DeleteSynonymGroup,
  EditSynonymGroup,
  ListSynonymGroups,
  SynonymGroup,
} from '@xianzhi/core';
import { orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  SynonymCreateBody,
  SynonymEditBody,
  SynonymGroup as SynonymGroupSchema,
  SynonymGroupList,
  SynonymsQuery,
} from '../schemas/synonyms.js';

export interface AdminSynonymRouteDeps {
  readonly list: ListSynonymGroups;
  readonly create: CreateSynonymGroup;
  readonly edit: EditSynonymGroup;
  readonly remove: DeleteSynonymGroup;
  readonly defaults: readonly (readonly string[])[];
  readonly defaultCampusId: string;
}

const present = (g: SynonymGroup) => ({
  ...g,
  terms: [...g.terms],
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

/** The campus's synonym dictionary: words a search for one of them also finds (单车 finds 自行车). */
export function adminSynonymRoutes({
  list,
  create,
  edit,
  remove,
  defaults,
  defaultCampusId,
}: AdminSynonymRouteDeps): FastifyPluginAsyncTypebox {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  const shipped = defaults.map((g) => [...g]);
  return async (app) => {
    // A campus admin who names no campus means their own.
    const campusOf = (actor: { kind: string; campusId?: string | null }, named: string | undefined) =>
      named ?? (actor.kind === 'admin' ? (actor.campusId ?? undefined) : undefined) ?? defaultCampusId;

    app.get(
      '/admin/search/synonyms',
      {
        schema: {
          ...admin,
          summary: "A campus's synonym groups, and the shipped dictionary they add to",
          querystring: SynonymsQuery,
          response: responses({ 200: SynonymGroupList }),
        },
      },
      async (request) => ({
        items: orFail(
          await list.execute({ actor: request.actor, campusId: campusOf(request.actor, request.query.campusId) }),
        ).map(present),
        defaults: shipped,
      }),
    );

    app.post(
      '/admin/search/synonyms',
      {
        schema: {
          ...admin,
          summary: 'Add a synonym group (2–12 words, each in one group of the campus only); audited',
          body: SynonymCreateBody,
          response: responses({ 201: SynonymGroupSchema }),
        },
      },
      async (request, reply) => {
        const group = orFail(
          await create.execute({
            actor: request.actor,
            campusId: campusOf(request.actor, request.body.campusId),
            terms: request.body.terms,
          }),
        );
        reply.code(201);
        return present(group);
      },
    );

    app.patch(
      '/admin/search/synonyms/:id',
      {
        schema: {
          ...admin,
          summary: "Replace a synonym group's words; audited",
          params: IdParams,
          body: SynonymEditBody,
          response: responses({ 200: SynonymGroupSchema }),
        },
      },
      async (request) =>
        present(orFail(await edit.execute({ actor: request.actor, id: request.params.id, terms: request.body.terms }))),
    );

    app.delete(
      '/admin/search/synonyms/:id',
      {
        schema: {
          ...admin,
          summary: 'Delete a synonym group; audited',
          params: IdParams,
          response: responses({ 200: SynonymGroupSchema }),
        },
      },
      async (request) => present(orFail(await remove.execute({ actor: request.actor, id: request.params.id }))),
    );
  };
}
