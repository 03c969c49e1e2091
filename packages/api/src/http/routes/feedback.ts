import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  AdminFeedbackView,
  CloseFeedback,
  Feedback,
  ListFeedbackForAdmin,
  ListMyFeedback,
  ReplyToFeedback,
  SendFeedback,
} from '@xianzhi/core';
import type { AdminFeedback as AdminFeedbackBody, Feedback as FeedbackBody } from '../../contract.js';
import { orFail } from '../errors.js';
import { photoUrl } from '../presenters.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  AdminFeedback,
  AdminFeedbackPage,
  AdminFeedbackQuery,
  CloseFeedbackBody,
  Feedback as FeedbackSchema,
  FeedbackPage,
  FeedbackReplyBody,
  MyFeedbackQuery,
  SendFeedbackBody,
} from '../schemas/feedback.js';

export interface FeedbackRouteDeps {
  readonly send: SendFeedback;
  readonly mine: ListMyFeedback;
  readonly forAdmin: ListFeedbackForAdmin;
  readonly reply: ReplyToFeedback;
  readonly close: CloseFeedback;
}

export function feedbackBody(f: Feedback): FeedbackBody {
  return {
    id: f.id,
    campusId: f.campusId,
    text: f.text,
    photos: f.photoIds.map((id) => ({ id, url: photoUrl(id) })),
    state: f.state,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    replies: f.replies.map((r) => ({ id: r.id, text: r.text, at: r.at.toISOString() })),
  };
}

const adminFeedbackBody = (v: AdminFeedbackView): AdminFeedbackBody => ({
  ...feedbackBody(v.feedback),
  author: { ...v.author },
});

/** 意见反馈: students write and read their own; admins of the campus read, answer and close. */
export function feedbackRoutes(deps: FeedbackRouteDeps): FastifyPluginAsyncTypebox {
  const student = { tags: ['feedback'], security: [{ bearerAuth: [] }] };
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.post(
      '/feedback',
      {
        schema: {
          ...student,
          summary: 'Send feedback to my campus (any signed-in student who is not banned; 10 a day)',
          body: SendFeedbackBody,
          response: responses({ 201: FeedbackSchema }),
        },
      },
      async (request, reply) => {
        const f = orFail(
          await deps.send.execute({
            actor: request.actor,
            text: request.body.text,
            ...(request.body.photoIds !== undefined && { photoIds: request.body.photoIds }),
          }),
        );
        return reply.code(201).send(feedbackBody(f));
      },
    );

    app.get(
      '/me/feedback',
      {
        schema: {
          ...student,
          summary: 'My feedback with the replies, newest first',
          querystring: MyFeedbackQuery,
          response: responses({ 200: FeedbackPage }),
        },
      },
      async (request) => {
        const page = orFail(await deps.mine.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(feedbackBody), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/admin/feedback',
      {
        schema: {
          ...admin,
          summary:
            'Feedback (campus admins: their campus; super admins: all, or campusId); state=open is oldest first, else newest first',
          querystring: AdminFeedbackQuery,
          response: responses({ 200: AdminFeedbackPage }),
        },
      },
      async (request) => {
        const page = orFail(await deps.forAdmin.execute({ actor: request.actor, ...request.query }));
        return { items: page.items.map(adminFeedbackBody), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/admin/feedback/:id/reply',
      {
        schema: {
          ...admin,
          summary: 'Answer feedback (again if need be): it becomes answered and the student is told; audited',
          params: IdParams,
          body: FeedbackReplyBody,
          response: responses({ 200: AdminFeedback }),
        },
      },
      async (request) =>
        adminFeedbackBody(
          orFail(
            await deps.reply.execute({ actor: request.actor, feedbackId: request.params.id, text: request.body.text }),
          ),
        ),
    );

    app.post(
      '/admin/feedback/:id/close',
      {
        schema: {
          ...admin,
          summary: 'Close feedback: it takes no more replies (closing again changes nothing); audited',
          params: IdParams,
          body: CloseFeedbackBody,
          response: responses({ 200: AdminFeedback }),
        },
      },
      async (request) =>
        adminFeedbackBody(orFail(await deps.close.execute({ actor: request.actor, feedbackId: request.params.id }))),
    );
  };
}
