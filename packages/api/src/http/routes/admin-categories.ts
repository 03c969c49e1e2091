import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CreateCategory, UpdateCategory } from '@xianzhi/core';
import { orFail } from '../errors.js';
import { adminCategory } from '../presenters.js';
import { AdminCategory, CreateCategoryBody, UpdateCategoryBody } from '../schemas/catalog.js';
import { IdParams, responses } from '../schemas/common.js';

export interface AdminCategoryRouteDeps {
  readonly create: CreateCategory;
  readonly update: UpdateCategory;
  readonly defaultCampusId: string;
}

export function adminCategoryRoutes({
  create,
  update,
  defaultCampusId,
}: AdminCategoryRouteDeps): FastifyPluginAsyncTypebox {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.post(
      '/admin/categories',
      {
        schema: {
          ...admin,
          summary: 'Add a 一级标签, or a 二级标签 under one',
          body: CreateCategoryBody,
          response: responses({ 201: AdminCategory }),
        },
      },
      async (request, reply) => {
        const { campusId, parentId, ...rest } = request.body;
        // A campus admin who names no campus means their own.
        const own = request.actor.kind === 'admin' ? request.actor.campusId : null;
        const category = orFail(
          await create.execute({
            actor: request.actor,
            campusId: campusId ?? own ?? defaultCampusId,
            parentId: parentId ?? null,
            ...rest,
          }),
        );
        reply.code(201);
        return adminCategory(category);
      },
    );

    app.patch(
      '/admin/categories/:id',
      {
        schema: {
          ...admin,
          summary: 'Rename, reorder, enable or disable',
          params: IdParams,
          body: UpdateCategoryBody,
          response: responses({ 200: AdminCategory }),
        },
      },
      async (request) =>
        adminCategory(
          orFail(await update.execute({ actor: request.actor, categoryId: request.params.id, ...request.body })),
        ),
    );
  };
}
