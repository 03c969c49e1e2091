import type { Actor, AdminAccount, User } from '@xianzhi/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authenticator } from './auth.js';
import { Failure } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; anonymous when no Authorization header was sent. */
    actor: Actor;
    /** The caller's user record, loaded for this request; null when anonymous. */
    user: User | null;
    /** The caller's admin account, loaded for this request; null unless an admin token was sent. */
    admin: AdminAccount | null;
  }
}

/** Resolves the caller before validation, so an unauthenticated request learns nothing about input rules. */
export function identifyCallers(scope: FastifyInstance, authenticator: Authenticator): void {
  scope.decorateRequest('actor', null as never);
  scope.decorateRequest('user', null);
  scope.decorateRequest('admin', null);
  scope.addHook('onRequest', async (request: FastifyRequest) => {
    const caller = await authenticator.identify(request.headers.authorization);
    if ('code' in caller) throw new Failure(caller);
    request.actor = caller.actor;
    request.user = caller.user;
    request.admin = caller.admin;
  });
}
