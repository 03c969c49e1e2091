import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  CreateNotice,
  DeleteNotice,
  GetNotice,
  ListLiveNotices,
  ListNotices,
  NoticeView,
  UpdateNotice,
} from '@xianzhi/core';
import { Type } from 'typebox';
import { orFail } from '../errors.js';
import { CampusQuery, CreateNoticeBody, Notice, NoticeList, UpdateNoticeBody } from '../schemas/announcements.js';
import { IdParams, responses } from '../schemas/common.js';
import { adminCampusOf, dateOrNull, dateOrUndefined, times } from './announcement-input.js';

export interface NoticeRouteDeps {
  readonly live: ListLiveNotices;
  readonly get: GetNotice;
  readonly list: ListNotices;
  readonly create: CreateNotice;
  readonly update: UpdateNotice;
  readonly remove: DeleteNotice;
  readonly defaultCampusId: string;
}

export const presentNotice = (n: NoticeView) => ({
  id: n.id,
  campusId: n.campusId,
  title: n.title,
  body: n.body,
  pinned: n.pinned,
  ...times(n),
  state: n.state,
});

/** Home-page notices (首页通知): live ones for everyone, every one for the campus's admins. */
export function noticeRoutes(deps: NoticeRouteDeps): FastifyPluginAsyncTypebox {
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.get(
      '/notices',
      {
        schema: {
          tags: ['announcements'],
          summary: "A campus's live notices, pinned first, then newest (at most 20)",
          querystring: CampusQuery,
          response: responses({ 200: NoticeList }),
        },
      },
      async (request) => ({
        items: orFail(await deps.live.execute({ campusId: request.query.campusId ?? deps.defaultCampusId })).map(
          presentNotice,
        ),
      }),
    );

    app.get(
      '/notices/:id',
      {
        schema: {
          tags: ['announcements'],
          summary: 'One notice while it is live (admins of its campus: in any state); else 404 NOTICE_NOT_FOUND',
          params: IdParams,
          response: responses({ 200: Notice }),
        },
      },
      async (request) => presentNotice(orFail(await deps.get.execute({ actor: request.actor, id: request.params.id }))),
    );

    app.get(
      '/admin/notices',
      {
        schema: {
          ...admin,
          summary: 'Every notice of a campus, scheduled, live or ended (campus admins: their campus)',
          querystring: CampusQuery,
          response: responses({ 200: NoticeList }),
        },
      },
      async (request) => ({
        items: orFail(
          await deps.list.execute({
            actor: request.actor,
            campusId: adminCampusOf(request.actor, request.query.campusId, deps.defaultCampusId),
          }),
        ).map(presentNotice),
      }),
    );

    app.post(
      '/admin/notices',
      {
        schema: {
          ...admin,
          summary: 'Publish a notice now or from `startsAt`, until `endsAt` (none: until deleted); audited',
          body: CreateNoticeBody,
          response: responses({ 201: Notice }),
        },
      },
      async (request, reply) => {
        const { startsAt, endsAt, ...body } = request.body;
        const notice = orFail(
          await deps.create.execute({
            actor: request.actor,
            ...body,
            ...dateOrUndefined('startsAt', startsAt),
            ...dateOrNull('endsAt', endsAt),
          }),
        );
        reply.code(201);
        return presentNotice(notice);
      },
    );

    app.patch(
      '/admin/notices/:id',
      {
        schema: {
          ...admin,
          summary: 'Change any of a notice’s fields but its campus; audited',
          params: IdParams,
          body: UpdateNoticeBody,
          response: responses({ 200: Notice }),
        },
      },
      async (request) => {
        const { startsAt, endsAt, ...body } = request.body;
        return presentNotice(
          orFail(
            await deps.update.execute({
              actor: request.actor,
              id: request.params.id,
              ...body,
              ...dateOrUndefined('startsAt', startsAt),
              ...dateOrNull('endsAt', endsAt),
            }),
          ),
        );
      },
    );

    app.delete(
      '/admin/notices/:id',
      {
        schema: {
          ...admin,
          summary: 'Delete a notice; audited',
          params: IdParams,
          response: responses({ 204: Type.Null({ description: 'Deleted' }) }),
        },
      },
      async (request, reply) => {
        orFail(await deps.remove.execute({ actor: request.actor, id: request.params.id }));
        return reply.code(204).send(null);
      },
    );
  };
}
