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

/**
 * After a signed-in caller's change has been answered with success (and before the answer leaves), record
 * what their next reads must show, for every API process: with read replicas, the primary's GTID position
 * (see `ConsistentReads`); without them nothing. GET requests change nothing a caller looks for (a counted
 * view is not their change); a refused write (4xx, 5xx) committed nothing.
 */
export function rememberWrites(scope: FastifyInstance, reads: { remember(actor: Actor): Promise<void> }): void {
  scope.addHook('onSend', async (request: FastifyRequest, reply, payload) => {
    const changed = request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400;
    if (changed && request.actor && request.actor.kind !== 'anonymous') await reads.remember(request.actor);
    return payload;
  });
}
