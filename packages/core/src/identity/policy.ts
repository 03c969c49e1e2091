import { err, ok, type Result } from '../shared/result.js';
import type { Actor, AdminActor, UserActor } from './actor.js';
import { AdminScope } from './admin.js';
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

/**
 * A back-office admin account. Students never pass, whatever their record says: admin rights come
 * only from an admin account's token (its own audience), never from a student login.
 */
export function requireAdmin(actor: Actor): Result<AdminActor, NotAuthenticated | AdminOnly> {
  if (actor.kind === 'admin') return ok(actor);
  if (actor.kind === 'anonymous') return err(new NotAuthenticated());
  return err(new AdminOnly());
}

/** An admin who may act on this campus: a super admin anywhere, a campus admin on their own campus. */
export function requireAdminOf(
  actor: Actor,
  campusId: string,
): Result<AdminActor, NotAuthenticated | AdminOnly | AdminScope> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  if (!adminCovers(admin.value, campusId)) return err(new AdminScope(campusId));
  return admin;
}

export function adminCovers(admin: AdminActor, campusId: string): boolean {
  return admin.role === 'super_admin' || admin.campusId === campusId;
}

/** Whether the actor is an admin allowed to see and moderate this campus's hidden content. */
export function isAdminOf(actor: Actor, campusId: string): boolean {
  return actor.kind === 'admin' && adminCovers(actor, campusId);
}

/** Whether the actor may see a seller's QQ openid (the add-friend button). */
export function maySeeContact(actor: Actor): boolean {
  return actor.kind === 'user' && actor.verified && !actor.banned;
}
