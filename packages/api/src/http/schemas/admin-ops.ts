import { Type, type Static } from 'typebox';
import {
  ConditionValue,
  Count,
  Cursor,
  FreeText,
  Id,
  IsoDate,
  Kind,
  Limit,
  Nullable,
  Status,
  TradeMethodValue,
} from './common.js';

/** A student as the back office lists them: never the student number or the QQ openid. */
export const AdminUserRow = Type.Object({
  id: Id,
  nickname: Type.String(),
  avatarUrl: Nullable(Type.String()),
  campusId: Nullable(Type.String()),
  verified: Type.Boolean(),
  verifiedAt: Nullable(IsoDate),
  banned: Type.Boolean(),
  createdAt: IsoDate,
  listingCount: Count,
});

export const AdminUsersQuery = Type.Object(
  {
    campusId: Type.Optional(Id),
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'Part of the nickname, or an exact user id' }),
    ),
    verified: Type.Optional(Type.Boolean()),
    banned: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const AdminUsersPage = Type.Object({ items: Type.Array(AdminUserRow), nextCursor: Nullable(Cursor) });

export const AdminListingRow = Type.Object({
  id: Id,
  title: Type.String(),
  kind: Kind,
  status: Status,
  price: Nullable(Type.Integer({ description: 'Fen; null for 面议' })),
  campusId: Type.String(),
  coverUrl: Nullable(Type.String()),
  seller: Type.Object({ id: Id, nickname: Type.String() }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  viewCount: Count,
});

export const AdminListingsQuery = Type.Object(
  {
    campusId: Type.Optional(Id),
    status: Type.Optional(Status),
    kind: Type.Optional(Kind),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the title' })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);

export const AdminListingsPage = Type.Object({ items: Type.Array(AdminListingRow), nextCursor: Nullable(Cursor) });

export const AdminUserDetail = Type.Object({
  user: AdminUserRow,
  verification: Type.Object({ state: Type.Enum(['verified', 'none', 'released']), at: Nullable(IsoDate) }),
  listings: Type.Array(AdminListingRow, { description: 'Newest 20, every status' }),
  reports: Type.Array(Type.Object({ caseId: Id, reason: Type.String(), state: Type.String(), createdAt: IsoDate }), {
    description: 'Reports against the student, newest first',
  }),
  bans: Type.Array(
    Type.Object({ banned: Type.Boolean(), reason: Type.String(), at: IsoDate, actorId: Nullable(Type.String()) }),
    { description: 'Bans and unbans, newest first' },
  ),
});

export const AdminListingDetail = Type.Object({
  listing: Type.Object({
    ...AdminListingRow.properties,
    description: Type.String(),
    photos: Type.Array(Type.Object({ id: Type.String(), url: Type.String() })),
    categoryId: Id,
    condition: Nullable(ConditionValue),
    tradeMethods: Type.Array(TradeMethodValue),
  }),
  priceHistory: Type.Array(Type.Object({ price: Nullable(Type.Integer()), at: IsoDate }), {
    description: 'Every price the listing had, oldest first',
  }),
  statusHistory: Type.Array(
    Type.Object({
      from: Nullable(Type.String()),
      to: Type.String(),
      at: IsoDate,
      actorId: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
    { description: 'Every change of status, oldest first (kept since issue 12)' },
  ),
  viewsPerDay: Type.Array(Type.Object({ day: Type.String({ description: 'China day, YYYY-MM-DD' }), count: Count }), {
    description: 'The last 30 China days with views, oldest first',
  }),
});

export const RestoreBody = Type.Object({ reason: FreeText({ maxLength: 1000 }) }, { additionalProperties: false });

export type AdminUserRowBody = Static<typeof AdminUserRow>;
export type AdminListingRowBody = Static<typeof AdminListingRow>;
