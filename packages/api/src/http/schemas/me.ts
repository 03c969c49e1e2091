import { Type } from 'typebox';
import { Id, IsoDate, Nullable } from './common.js';

export const Me = Type.Object({
  id: Id,
  nickname: Type.String(),
  avatarUrl: Nullable(Type.String()),
  campusId: Id,
  verified: Type.Boolean(),
  verifiedAt: Nullable(IsoDate),
  status: Type.Enum(['active', 'banned']),
  role: Type.Enum(['student', 'admin']),
});

export const UpdateMeBody = Type.Object(
  {
    nickname: Type.Optional(Type.String({ maxLength: 100 })),
    avatarUrl: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 600,
          description:
            'One of my own uploaded photos: its id or its /media/photos/{id}/{variant} URL; null removes the avatar',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const DevLoginBody = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 32, description: 'A seeded demo student: alice, bob, carol or dave' }),
  },
  { additionalProperties: false },
);

export const DevLoginResult = Type.Object({
  token: Type.String(),
  accessToken: Type.String(),
  expiresAt: IsoDate,
  refreshToken: Type.String(),
  refreshExpiresAt: IsoDate,
  user: Me,
});

export const Health = Type.Object({ ok: Type.Boolean() });
/** Each dependency checked (`database`, `redis`) and whether it answered in time. */
export const Readiness = Type.Object({
  ok: Type.Boolean(),
  checks: Type.Record(Type.String(), Type.Enum(['up', 'down'])),
});
