import { Type } from 'typebox';
import { FreeText, Id, Nullable } from './common.js';

export const CampusVerificationBody = Type.Union([
  Type.Object(
    {
      method: Type.Literal('password'),
      username: Type.String({ minLength: 1, maxLength: 64, description: 'Student number or portal username' }),
      password: Type.String({
        minLength: 1,
        maxLength: 128,
        description: 'Relayed once to the campus portal; never stored or logged',
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      method: Type.Literal('cas'),
      ticket: Type.String({
        minLength: 1,
        maxLength: 512,
        description: 'The ticket the campus CAS appended to the callback URL',
      }),
      service: Type.String({
        minLength: 1,
        maxLength: 1024,
        description: 'The `service` from GET /v1/campuses/{id}/login',
      }),
    },
    { additionalProperties: false },
  ),
]);

export const CampusLogin = Type.Object({
  campusId: Id,
  method: Type.Enum(['password', 'cas', 'none'], { description: '`none`: this campus has no verification configured' }),
  kind: Nullable(Type.String({ description: 'cas, form, demo or a plugin name' })),
  loginUrl: Nullable(
    Type.String({
      description: 'CAS only: open this in a web-view; the campus sends the student back to `service` with a ticket',
    }),
  ),
  service: Nullable(Type.String()),
  hint: Nullable(Type.String()),
});

export const UserIdParams = Type.Object({ userId: Id });

export const ReleaseBody = Type.Object(
  {
    reason: Type.Optional(FreeText({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const CasCallbackQuery = Type.Object({ ticket: Type.Optional(Type.String({ maxLength: 512 })) });
