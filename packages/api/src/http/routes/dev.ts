import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { UserNotFound, type UserRepository } from '@xianzhi/core';
import type { Environment } from '../../config.js';
import { demoOpenId } from '../../seed/demo-world.js';
import type { AccessTokens } from '../auth.js';
import { DevLoginDisabled, Failure } from '../errors.js';
import { me } from '../presenters.js';
import { responses } from '../schemas/common.js';
import { DevLoginBody, DevLoginResult } from '../schemas/me.js';

export interface DevRouteDeps {
  readonly env: Environment;
  readonly users: UserRepository;
  readonly tokens: AccessTokens;
}

/** Until QQ login exists: a token for a seeded demo user, in embedded mode only. */
export function devRoutes({ env, users, tokens }: DevRouteDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/dev/login', {
      schema: {
        tags: ['dev'], summary: 'Development login as a demo user (embedded mode only; 403 DEV_LOGIN_DISABLED otherwise)',
        body: DevLoginBody, response: responses({ 200: DevLoginResult }),
      },
    }, async (request) => {
      if (env !== 'embedded') throw new Failure(new DevLoginDisabled());
      const handle = request.body.user.trim().toLowerCase();
      const user = await users.byOpenId(demoOpenId(handle));
      if (!user) throw new Failure(new UserNotFound(handle));
      const { token, expiresAt } = await tokens.issue(user.id);
      return { token, expiresAt: expiresAt.toISOString(), user: me(user) };
    });
  };
}
