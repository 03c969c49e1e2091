import { Type } from 'typebox';
import { Cursor, Id, IsoDate, Nullable } from './common.js';
import { Me } from './me.js';

export const QqLoginBody = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'The code from qq.login (demo mode: `demo:<name>`)',
    }),
    campusId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  {
    refreshToken: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const Session = Type.Object(
  {
    accessToken: Type.String(),
    /** Same as accessToken; kept for clients of the development login. */
    token: Type.String(),
    expiresAt: IsoDate,
    refreshToken: Type.String(),
    refreshExpiresAt: IsoDate,
    user: Me,
  },
  { description: 'A short-lived access token (Bearer) and a single-use refresh token that renews it' },
);

export const AdminLoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const AdminProfile = Type.Object({
  id: Id,
  username: Type.String(),
  role: Type.Enum(['super_admin', 'campus_admin']),
  campusId: Nullable(Id),
});

export const AdminSession = Type.Object({ accessToken: Type.String(), expiresAt: IsoDate, admin: AdminProfile });

export const BanBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 400 }) },
  { additionalProperties: false },
);

export const ModeratedUser = Type.Object({
  id: Id,
  nickname: Type.String(),
  campusId: Id,
  status: Type.Enum(['active', 'banned']),
  verified: Type.Boolean(),
  listingsShown: Type.Boolean({
    description: "False while banned: the student's listings are out of the feed, search and recommendations",
  }),
});

export const AuditQuerystring = Type.Object(
  {
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    actorId: Type.Optional(Id),
    targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this instant' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this instant' })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const AuditEntryBody = Type.Object({
  id: Id,
  at: IsoDate,
  actor: Type.Object({ kind: Type.Enum(['user', 'admin', 'system']), id: Nullable(Type.String()) }),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  campusId: Nullable(Id),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditPage = Type.Object({ items: Type.Array(AuditEntryBody), nextCursor: Nullable(Cursor) });
