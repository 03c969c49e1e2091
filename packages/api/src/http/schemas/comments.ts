import { Type } from 'typebox';
import { FreeText, Id, IsoDate, Nullable } from './common.js';

const Author = Type.Object({
  id: Id,
  nickname: Type.String(),
  avatarUrl: Nullable(Type.String()),
  qqOpenId: Type.Optional(
    Type.String({ description: 'Present only for verified viewers (not about themselves): the add-friend button' }),
  ),
});

const commentProperties = {
  id: Id,
  author: Author,
  body: Nullable(Type.String({ description: 'Null when deleted, or when hidden after reports (admins still get it)' })),
  deleted: Type.Boolean(),
  hidden: Type.Boolean({ description: 'Held for review after reports: show a placeholder' }),
  createdAt: IsoDate,
  canDelete: Type.Boolean(),
};

export const Comment = Type.Object({
  ...commentProperties,
  replyTo: Nullable(Type.Object({ commentId: Id, user: Type.Object({ id: Id, nickname: Type.String() }) })),
});

export const CommentThread = Type.Object({ ...commentProperties, replies: Type.Array(Comment) });

export const CommentList = Type.Object({ items: Type.Array(CommentThread) });

export const PostCommentBody = Type.Object(
  {
    body: FreeText({ maxLength: 2000 }),
    replyToCommentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
