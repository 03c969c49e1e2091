import type { AdminAccount, AdminRole } from './admin.js';
import type { Role, User } from './user.js';

/**
 * Who is acting. Built by the driving side (the API's auth layer) from a freshly loaded user, so a
 * ban takes effect on the next request. Use cases decide what an actor may do; routes do not.
 */
export type Actor = AnonymousActor | UserActor | AdminActor;

export interface AnonymousActor {
  readonly kind: 'anonymous';
}

export interface UserActor {
  readonly kind: 'user';
  readonly userId: string;
  readonly campusId: string;
  readonly role: Role;
  readonly verified: boolean;
  readonly banned: boolean;
}

/** A back-office account (never a student). Campus admins are limited to `campusId`. */
export interface AdminActor {
  readonly kind: 'admin';
  readonly adminId: string;
  readonly role: AdminRole;
  readonly campusId: string | null;
}

export const anonymous: AnonymousActor = { kind: 'anonymous' };

export function actorFor(user: User): UserActor {
  return {
    kind: 'user',
    userId: user.id,
    campusId: user.campusId,
    role: user.role,
    verified: user.verified,
    banned: user.banned,
  };
}

export function adminActorFor(account: AdminAccount): AdminActor {
  return { kind: 'admin', adminId: account.id, role: account.role, campusId: account.campusId };
}
