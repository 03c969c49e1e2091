import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { UserBanned, UserNotFound, type StartSession, type UserRepository } from '@xianzhi/core';
import type { Environment } from '../../config.js';
import { demoOpenId } from '../../seed/demo-world.js';
import type { AccessTokens } from '../auth.js';
import { DevLoginDisabled, Failure } from '../errors.js';
import { responses } from '../schemas/common.js';
import { DevLoginBody } from '../schemas/me.js';
import { Session } from '../schemas/auth.js';
import { sessionBody } from './auth.js';

export interface DevRouteDeps {
  readonly env: Environment;
  readonly users: UserRepository;
  readonly tokens: AccessTokens;
  readonly startSession: StartSession;
}

/** A session for a seeded demo student without going through QQ, in embedded mode only. Admins use /v1/admin/auth/login. */
export function devRoutes({ env, users, tokens, startSession }: DevRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/dev/login',
      {
        schema: {
          tags: ['dev'],
          summary: 'Development login as a demo user (embedded mode only; 403 DEV_LOGIN_DISABLED otherwise)',
          body: DevLoginBody,
          response: responses({ 200: Session }),
        },
      },
      async (request) => {
        if (env !== 'embedded') throw new Failure(new DevLoginDisabled());
        const handle = request.body.user.trim().toLowerCase();
        const user = await users.byOpenId(demoOpenId(handle));
        if (!user) throw new Failure(new UserNotFound(handle));
        if (user.banned) throw new Failure(new UserBanned());
        return sessionBody(tokens, user, await startSession.execute({ userId: user.id }));
      },
    );
  };
}
