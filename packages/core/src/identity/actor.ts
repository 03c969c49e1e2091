import type { Role, User } from './user.js';

/**
 * Who is acting. Built by the driving side (the API's auth layer) from a freshly loaded user, so a
 * ban takes effect on the next request. Use cases decide what an actor may do; routes do not.
 */
export type Actor = AnonymousActor | UserActor;

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
