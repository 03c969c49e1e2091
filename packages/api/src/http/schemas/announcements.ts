import { Type } from 'typebox';
import { FreeText, Id, IsoDate, Nullable } from './common.js';

const State = Type.Enum(['scheduled', 'live', 'ended']);
/** Campus of a list; absent means the admin's own campus (or the default one for the public lists). */
export const CampusQuery = Type.Object({ campusId: Type.Optional(Id) });

export const BannerTarget = Type.Union([
  Type.Object({ kind: Type.Literal('none') }),
  Type.Object({ kind: Type.Literal('listing'), listingId: Id }),
  Type.Object({ kind: Type.Literal('category'), categoryId: Id }),
  Type.Object({ kind: Type.Literal('notice'), noticeId: Id }),
  Type.Object({ kind: Type.Literal('page'), path: Type.String({ minLength: 1, maxLength: 100 }) }),
]);

export const Banner = Type.Object({
  id: Type.String(),
  campusId: Type.String(),
  title: Type.String(),
  imageUrl: Type.String(),
  photoId: Type.String(),
  target: BannerTarget,
  position: Type.Integer(),
  startsAt: IsoDate,
  endsAt: Nullable(IsoDate),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  state: State,
});
export const BannerList = Type.Object({ items: Type.Array(Banner) });

/**
 * A target as sent: one object whatever the kind, so a wrong or missing id is one problem named
 * `target` (core checks that the id exists on the campus) rather than one per member of the union.
 */
export const BannerTargetInput = Type.Object({
  kind: Type.Enum(['none', 'listing', 'category', 'notice', 'page']),
  listingId: Type.Optional(Id),
  categoryId: Type.Optional(Id),
  noticeId: Type.Optional(Id),
  path: Type.Optional(Type.String({ maxLength: 100 })),
});

// Lengths are checked by core (in characters, with the field named); these caps only bound the request.
const bannerFields = {
  title: FreeText({ maxLength: 200 }),
  photoId: Id,
  target: BannerTargetInput,
  position: Type.Integer({ description: '0 to 999; smaller shows first' }),
  startsAt: IsoDate,
  endsAt: Nullable(IsoDate),
};
export const CreateBannerBody = Type.Object({
  campusId: Id,
  title: bannerFields.title,
  photoId: bannerFields.photoId,
  target: bannerFields.target,
  position: Type.Optional(bannerFields.position),
  startsAt: Type.Optional(bannerFields.startsAt),
  endsAt: Type.Optional(bannerFields.endsAt),
});
export const UpdateBannerBody = Type.Partial(Type.Object(bannerFields));

export const Notice = Type.Object({
  id: Type.String(),
  campusId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  pinned: Type.Boolean(),
  startsAt: IsoDate,
  endsAt: Nullable(IsoDate),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  state: State,
});
export const NoticeList = Type.Object({ items: Type.Array(Notice) });

const noticeFields = {
  title: FreeText({ maxLength: 300 }),
  body: FreeText({ maxLength: 20_000 }),
  pinned: Type.Boolean(),
  startsAt: IsoDate,
  endsAt: Nullable(IsoDate),
};
export const CreateNoticeBody = Type.Object({
  campusId: Id,
  title: noticeFields.title,
  body: noticeFields.body,
  pinned: Type.Optional(noticeFields.pinned),
  startsAt: Type.Optional(noticeFields.startsAt),
  endsAt: Type.Optional(noticeFields.endsAt),
});
export const UpdateNoticeBody = Type.Partial(Type.Object(noticeFields));
