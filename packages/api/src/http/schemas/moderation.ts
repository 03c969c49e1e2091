import {
  REPORT_DETAILS_MAX,
  REPORT_REASONS,
  RESOLUTION_REASON_MAX,
  type ReportReason,
  type ReportTargetType,
} from '@xianzhi/core';
import { Type, type Static } from 'typebox';
import { Count, Cursor, FreeText, Id, IsoDate, Nullable } from './common.js';

export const REPORT_REASON_VALUES = Object.keys(REPORT_REASONS) as ReportReason[];
const TARGET_VALUES: ReportTargetType[] = ['listing', 'comment', 'user', 'rating'];

export const ReportBody = Type.Object({
  targetType: Type.Enum(TARGET_VALUES),
  targetId: Id,
  reason: Type.Enum(REPORT_REASON_VALUES, {
    description: Object.entries(REPORT_REASONS)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  }),
  details: Type.Optional(
    FreeText({ maxLength: REPORT_DETAILS_MAX, description: 'Free text; required when the reason is `other`' }),
  ),
});

export const ReportAccepted = Type.Object({ received: Type.Literal(true) });

export const ReportReasons = Type.Object({
  reasons: Type.Array(Type.Object({ value: Type.Enum(REPORT_REASON_VALUES), label: Type.String() })),
});

const ReviewReport = Type.Object({
  id: Id,
  reason: Type.Enum(REPORT_REASON_VALUES),
  reasonLabel: Type.String(),
  details: Type.String(),
  reporterId: Id,
  createdAt: IsoDate,
});

export const ReviewCase = Type.Object({
  id: Id,
  targetType: Type.Enum(['listing', 'comment', 'user', 'photo', 'rating']),
  targetId: Id,
  campusId: Type.String(),
  status: Type.Enum(['open', 'restored', 'removed']),
  reportCount: Count,
  uncheckedFields: Type.Array(Type.String(), { description: 'Fields published while the safety checker was down' }),
  hidden: Type.Boolean({ description: 'Hidden from others (listing, comment) or flagged (user) after enough reports' }),
  openedAt: IsoDate,
  updatedAt: IsoDate,
  resolution: Nullable(Type.String()),
  target: Type.Object({
    summary: Nullable(Type.String()),
    listingId: Nullable(Id),
    ownerId: Nullable(Id),
    status: Nullable(Type.String()),
    photoUrl: Nullable(Type.String()),
  }),
  reports: Type.Array(ReviewReport),
});

export const ReviewPage = Type.Object({ items: Type.Array(ReviewCase), nextCursor: Nullable(Type.String()) });
export const ReviewQuerystring = Type.Object({
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const ResolveBody = Type.Object({
  decision: Type.Enum(['restore', 'remove']),
  reason: Type.Optional(
    FreeText({ maxLength: RESOLUTION_REASON_MAX, description: 'Required to remove: the owner is told' }),
  ),
});

export type ReviewCaseBody = Static<typeof ReviewCase>;
