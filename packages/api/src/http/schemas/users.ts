import { Type } from 'typebox';
import { Count, Id, IsoDate, Nullable } from './common.js';
import { Trust } from './trades.js';

/** 卖家主页: what anyone may know of a student. Never the student number or the QQ openid. */
export const SellerProfile = Type.Object({
  id: Id,
  nickname: Type.String(),
  avatarUrl: Nullable(Type.String()),
  verified: Type.Boolean({ description: 'Confirmed a student of the campus (the verified badge)' }),
  campusId: Nullable(Id),
  memberSince: IsoDate,
  liveListingCount: Count,
  trust: Trust,
});
