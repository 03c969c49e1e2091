import { err, ok, type Result } from '../shared/result.js';
import type { Actor, UserActor } from './actor.js';
import { AdminOnly, NotAuthenticated, NotVerified, UserBanned } from './errors.js';

/** Signed in and not banned: enough for personal, non-public writes such as favorites. */
export function requireActiveUser(actor: Actor): Result<UserActor, NotAuthenticated | UserBanned> {
  if (actor.kind !== 'user') return err(new NotAuthenticated());
  if (actor.banned) return err(new UserBanned());
  return ok(actor);
}

/** Anything other students can see (listings, comments) needs a verified student. */
export function requireVerifiedUser(
  actor: Actor,
  action: string,
): Result<UserActor, NotAuthenticated | UserBanned | NotVerified> {
  const active = requireActiveUser(actor);
  if (!active.ok) return active;
  if (!active.value.verified) return err(new NotVerified(action));
  return active;
}

export function requireAdmin(actor: Actor): Result<UserActor, NotAuthenticated | UserBanned | AdminOnly> {
  const active = requireActiveUser(actor);
  if (!active.ok) return active;
  if (active.value.role !== 'admin') return err(new AdminOnly());
  return active;
}

/** Whether the actor may see a seller's QQ openid (the add-friend button). */
export function maySeeContact(actor: Actor): boolean {
  return actor.kind === 'user' && actor.verified && !actor.banned;
}
