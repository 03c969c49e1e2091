import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DeleteComment, ListComments, PostComment, SetFavorite, UserRepository } from '@xianzhi/core';
import { Type } from 'typebox';
import { orFail } from '../errors.js';
import { comment, commentThread } from '../presenters.js';
import { Comment, CommentList, PostCommentBody } from '../schemas/comments.js';
import { IdParams, responses } from '../schemas/common.js';
import { FavoriteState } from '../schemas/listings.js';

export interface EngagementRouteDeps {
  readonly setFavorite: SetFavorite;
  readonly listComments: ListComments;
  readonly postComment: PostComment;
  readonly deleteComment: DeleteComment;
  readonly users: UserRepository;
}

export function engagementRoutes({
  setFavorite,
  listComments,
  postComment,
  deleteComment,
  users,
}: EngagementRouteDeps): FastifyPluginAsyncTypebox {
  const favorite = {
    tags: ['favorites'],
    security: [{ bearerAuth: [] }],
    params: IdParams,
    response: responses({ 200: FavoriteState }),
  };
  return async (app) => {
    app.put('/listings/:id/favorite', { schema: { ...favorite, summary: '收藏 (idempotent)' } }, async (request) =>
      orFail(await setFavorite.execute({ actor: request.actor, listingId: request.params.id, favorited: true })),
    );

    app.delete(
      '/listings/:id/favorite',
      { schema: { ...favorite, summary: '取消收藏 (idempotent)' } },
      async (request) =>
        orFail(await setFavorite.execute({ actor: request.actor, listingId: request.params.id, favorited: false })),
    );

    app.get(
      '/listings/:id/comments',
      {
        schema: {
          tags: ['comments'],
          summary: 'Threads, oldest first; one level of replies',
          params: IdParams,
          response: responses({ 200: CommentList }),
        },
      },
      async (request) => {
        const threads = orFail(await listComments.execute({ actor: request.actor, listingId: request.params.id }));
        return { items: threads.map(commentThread) };
      },
    );

    app.post(
      '/listings/:id/comments',
      {
        schema: {
          tags: ['comments'],
          summary: '留言, or a reply when `replyToCommentId` is given (verified students)',
          security: [{ bearerAuth: [] }],
          params: IdParams,
          body: PostCommentBody,
          response: responses({ 201: Comment }),
        },
      },
      async (request, reply) => {
        const { body, replyToCommentId } = request.body;
        const posted = orFail(
          await postComment.execute({ actor: request.actor, listingId: request.params.id, body, replyToCommentId }),
        );
        // The author is the caller (PostComment refused anyone else); only a reply's addressee needs a read.
        const author = request.user!;
        const addressee = posted.parentId && posted.replyToUserId ? await users.byId(posted.replyToUserId) : null;
        reply.code(201);
        return comment({
          id: posted.id,
          author: { id: author.id, nickname: author.nickname, avatarUrl: author.avatarUrl },
          body: posted.body,
          deleted: false,
          hidden: false,
          createdAt: posted.createdAt,
          replyTo:
            posted.parentId && posted.replyToCommentId && posted.replyToUserId
              ? {
                  commentId: posted.replyToCommentId,
                  user: { id: posted.replyToUserId, nickname: addressee?.nickname ?? '已注销用户' },
                }
              : null,
          canDelete: true,
        });
      },
    );

    app.delete(
      '/comments/:id',
      {
        schema: {
          tags: ['comments'],
          summary: 'Delete a comment (its author, the listing owner or an admin)',
          security: [{ bearerAuth: [] }],
          params: IdParams,
          response: responses({ 204: Type.Null({ description: 'Deleted' }) }),
        },
      },
      async (request, reply) => {
        orFail(await deleteComment.execute({ actor: request.actor, commentId: request.params.id }));
        return reply.code(204).send(null);
      },
    );
  };
}
