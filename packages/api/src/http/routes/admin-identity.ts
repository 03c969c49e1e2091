import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AdminAccount, AdminLogin, ListAuditLog, SetUserBan, User } from '@xianzhi/core';
import { AdminOnly, NotAuthenticated } from '@xianzhi/core';
import type { AccessTokens, ViewerKeys } from '../auth.js';
import { encodeTimeIdCursor, readTimeIdCursor } from '../cursors.js';
import { Failure, orFail } from '../errors.js';
import { IdParams, responses } from '../schemas/common.js';
import {
  AdminLoginBody,
  AdminProfile,
  AdminSession,
  AuditPage,
  AuditQuerystring,
  BanBody,
  ModeratedUser,
} from '../schemas/auth.js';

export interface AdminIdentityRouteDeps {
  readonly adminLogin: AdminLogin;
  readonly setUserBan: SetUserBan;
  readonly listAuditLog: ListAuditLog;
  readonly tokens: AccessTokens;
  readonly viewerKeys: ViewerKeys;
}

export const adminProfile = (a: AdminAccount) => ({
  id: a.id,
  username: a.username,
  role: a.role,
  campusId: a.campusId,
});
const moderated = (u: User) => ({
  id: u.id,
  nickname: u.nickname,
  campusId: u.campusId,
  status: u.status,
  verified: u.verified,
  listingsShown: !u.banned,
});

export function adminIdentityRoutes(deps: AdminIdentityRouteDeps): FastifyPluginAsyncTypebox {
  const { adminLogin, setUserBan, listAuditLog, tokens, viewerKeys } = deps;
  const admin = { tags: ['admin'], security: [{ bearerAuth: [] }] };
  return async (app) => {
    app.post(
      '/admin/auth/login',
      {
        schema: {
          tags: ['admin'],
          summary: 'Admin sign-in (5 failures per 15 minutes per username and client address, then 429)',
          body: AdminLoginBody,
          response: responses({ 200: AdminSession }),
        },
      },
      async (request) => {
        const account = orFail(
          await adminLogin.execute({
            username: request.body.username,
            password: request.body.password,
            // A keyed hash: the limiter's table never holds a client address.
            clientKey: viewerKeys.keyFor(request.ip),
            clientAddress: request.ip,
          }),
        );
        const { token, expiresAt } = await tokens.issueAdmin(account.id);
        return { accessToken: token, expiresAt: expiresAt.toISOString(), admin: adminProfile(account) };
      },
    );

    app.get(
      '/admin/me',
      { schema: { ...admin, summary: 'The signed-in admin account', response: responses({ 200: AdminProfile }) } },
      async (request) => {
        if (request.admin) return adminProfile(request.admin);
        throw new Failure(request.actor.kind === 'anonymous' ? new NotAuthenticated() : new AdminOnly());
      },
    );

    for (const [path, banned] of [
      ['ban', true],
      ['unban', false],
    ] as const) {
      app.post(
        `/admin/users/:id/${path}`,
        {
          schema: {
            ...admin,
            summary: banned
              ? 'Ban a student, with a reason: sign-in and every request refused (403 USER_BANNED), sessions revoked, their listings taken out of the feed, search and recommendations'
              : 'Lift a ban, with a reason: the student may sign in again and their listings are shown again as they were',
            params: IdParams,
            body: BanBody,
            response: responses({ 200: ModeratedUser }),
          },
        },
        async (request) =>
          moderated(
            orFail(
              await setUserBan.execute({
                actor: request.actor,
                userId: request.params.id,
                banned,
                reason: request.body.reason,
              }),
            ),
          ),
      );
    }

    app.get(
      '/admin/audit-log',
      {
        schema: {
          ...admin,
          summary: 'Who did what, newest first (campus admins: their campus)',
          querystring: AuditQuerystring,
          response: responses({ 200: AuditPage }),
        },
      },
      async (request) => {
        const { action, actorId, targetType, targetId, from, to } = request.query;
        const limit = request.query.limit ?? 50;
        const items = orFail(
          await listAuditLog.execute({
            actor: request.actor,
            limit: limit + 1,
            before: readTimeIdCursor(request.query.cursor),
            filters: {
              ...(action !== undefined ? { action } : {}),
              ...(actorId !== undefined ? { actorId } : {}),
              ...(targetType !== undefined ? { targetType } : {}),
              ...(targetId !== undefined ? { targetId } : {}),
              ...(from !== undefined ? { from: new Date(from) } : {}),
              ...(to !== undefined ? { to: new Date(to) } : {}),
            },
          }),
        );
        const page = items.slice(0, limit);
        return {
          items: page.map((e) => ({ ...e, at: e.at.toISOString() })),
          nextCursor:
            items.length > limit ? encodeTimeIdCursor(page[page.length - 1]!.at, page[page.length - 1]!.id) : null,
        };
      },
    );
  };
}
