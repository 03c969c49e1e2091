import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  InvalidCredentials,
  UserBanned,
  UserNotFound,
  type AdminAccountRepository,
  type AuditLog,
  type Clock,
  type StartSession,
  type UserRepository,
} from '@xianzhi/core';
import type { Environment } from '../../config.js';
import { DEMO_ADMIN_USERNAME, demoOpenId } from '../../seed/demo-world.js';
import type { AccessTokens } from '../auth.js';
import { DevLoginDisabled, Failure } from '../errors.js';
import { responses } from '../schemas/common.js';
import { DevLoginBody } from '../schemas/me.js';
import { AdminSession, Session } from '../schemas/auth.js';
import { adminProfile } from './admin-identity.js';
import { sessionBody } from './auth.js';

export interface DevRouteDeps {
  readonly env: Environment;
  readonly users: UserRepository;
  readonly tokens: AccessTokens;
  readonly startSession: StartSession;
  readonly admins: AdminAccountRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/**
 * Sessions without credentials, in embedded mode only: a seeded demo student without going through
 * QQ, and the seeded demo admin without its password, so no demo password is built into the admin app.
 */
export function devRoutes(deps: DevRouteDeps): FastifyPluginAsyncTypebox {
  const { env, users, tokens, startSession } = deps;
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

    app.post(
      '/dev/admin-login',
      {
        schema: {
          tags: ['dev'],
          summary:
            'Development sign-in as the seeded demo admin, without a password (embedded mode only; 403 DEV_LOGIN_DISABLED otherwise); audited as admin.login',
          response: responses({ 200: AdminSession }),
        },
      },
      async () => {
        if (env !== 'embedded') throw new Failure(new DevLoginDisabled());
        const account = await deps.admins.byUsername(DEMO_ADMIN_USERNAME);
        if (!account) throw new Failure(new UserNotFound(DEMO_ADMIN_USERNAME));
        if (!account.active) throw new Failure(new InvalidCredentials());
        await deps.audit.record({
          actor: { kind: 'admin', id: account.id },
          action: 'admin.login',
          targetType: 'admin',
          targetId: account.id,
          campusId: account.campusId,
          details: { dev: true },
          at: deps.clock.now(),
        });
        const { token, expiresAt } = await tokens.issueAdmin(account.id);
        return { accessToken: token, expiresAt: expiresAt.toISOString(), admin: adminProfile(account) };
      },
    );
  };
}
