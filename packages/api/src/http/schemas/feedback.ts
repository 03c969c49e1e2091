import type { FeedbackState } from '@xianzhi/core';
import { Type } from 'typebox';
import { Cursor, FreeText, Id, IsoDate, Limit, Nullable } from './common.js';

type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;
const list =
  <U>() =>
  <const L extends readonly U[]>(values: Exhaustive<U, L>) =>
    values;

export const FEEDBACK_STATE_VALUES = list<FeedbackState>()(['open', 'answered', 'closed']);
export const FeedbackStateValue = Type.Enum([...FEEDBACK_STATE_VALUES]);

const feedbackProperties = {
  id: Id,
  campusId: Id,
  text: Type.String(),
  photos: Type.Array(Type.Object({ id: Id, url: Type.String() })),
  state: FeedbackStateValue,
  createdAt: IsoDate,
  updatedAt: IsoDate,
  /** Oldest first. Who answered stays in the audit log: students see the campus answering. */
  replies: Type.Array(Type.Object({ id: Id, text: Type.String(), at: IsoDate })),
};

export const Feedback = Type.Object(feedbackProperties);
export const AdminFeedback = Type.Object({
  ...feedbackProperties,
  author: Type.Object({ id: Id, nickname: Type.String(), avatarUrl: Nullable(Type.String()) }),
});
export const FeedbackPage = Type.Object({ items: Type.Array(Feedback), nextCursor: Nullable(Type.String()) });
export const AdminFeedbackPage = Type.Object({
  items: Type.Array(AdminFeedback),
  nextCursor: Nullable(Type.String()),
});

export const SendFeedbackBody = Type.Object(
  {
    text: FreeText({ maxLength: 1000, description: '1 to 1000 characters; screened as comments are' }),
    photoIds: Type.Optional(
      Type.Array(Id, { maxItems: 3, description: 'At most 3 photos the student uploaded with POST /v1/photos' }),
    ),
  },
  { additionalProperties: false },
);
export const FeedbackReplyBody = Type.Object(
  { text: FreeText({ maxLength: 1000, description: '1 to 1000 characters' }) },
  { additionalProperties: false },
);
export const CloseFeedbackBody = Type.Object({}, { additionalProperties: false });

export const MyFeedbackQuery = Type.Object(
  { cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
export const AdminFeedbackQuery = Type.Object(
  {
    campusId: Type.Optional(Id),
    state: Type.Optional(FeedbackStateValue),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
