import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EndSession, LoginWithQq, RefreshSession, StartSession, User } from '@xianzhi/core';
import type { AccessTokens } from '../auth.js';
import { orFail } from '../errors.js';
import { me } from '../presenters.js';
import { responses } from '../schemas/common.js';
import { QqLoginBody, RefreshBody, Session } from '../schemas/auth.js';
import { Type } from 'typebox';

export interface AuthRouteDeps {
  readonly loginWithQq: LoginWithQq;
  readonly startSession: StartSession;
  readonly refreshSession: RefreshSession;
  readonly endSession: EndSession;
  readonly tokens: AccessTokens;
  readonly defaultCampusId: string;
}

/** The session a login or refresh hands out. Shared with the development login. */
export async function sessionBody(
  tokens: AccessTokens,
  user: User,
  refresh: { refreshToken: string; refreshExpiresAt: Date },
) {
  const { token, expiresAt } = await tokens.issue(user.id);
  return {
    accessToken: token,
    token,
    expiresAt: expiresAt.toISOString(),
    refreshToken: refresh.refreshToken,
    refreshExpiresAt: refresh.refreshExpiresAt.toISOString(),
    user: me(user),
  };
}

export function authRoutes(deps: AuthRouteDeps): FastifyPluginAsyncTypebox {
  const { loginWithQq, startSession, refreshSession, endSession, tokens, defaultCampusId } = deps;
  const auth = { tags: ['auth'] };
  return async (app) => {
    app.post(
      '/auth/qq-login',
      {
        schema: {
          ...auth,
          summary: 'Sign in with the code from qq.login; registers an unverified user on first sign-in',
          body: QqLoginBody,
          response: responses({ 200: Session }),
        },
      },
      async (request) => {
        const user = orFail(
          await loginWithQq.execute({ code: request.body.code, campusId: request.body.campusId ?? defaultCampusId }),
        );
        const refresh = await startSession.execute({ userId: user.id });
        return sessionBody(tokens, user, refresh);
      },
    );

    app.post(
      '/auth/refresh',
      {
        schema: {
          ...auth,
          summary: 'Trade a refresh token for a new pair; a refresh token works once (reuse revokes the session)',
          body: RefreshBody,
          response: responses({ 200: Session }),
        },
      },
      async (request) => {
        const next = orFail(await refreshSession.execute({ refreshToken: request.body.refreshToken }));
        return sessionBody(tokens, next.user, next);
      },
    );

    app.post(
      '/auth/logout',
      {
        schema: {
          ...auth,
          summary: 'Revoke the session of this refresh token (idempotent)',
          body: RefreshBody,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        await endSession.execute({ refreshToken: request.body.refreshToken });
        return reply.code(204).send(null);
      },
    );
  };
}
