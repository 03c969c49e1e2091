import type { Actor, AdminActor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import { CampusNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { requireAdminOf } from '../identity/policy.js';
import type { CampusRepository } from '../identity/ports.js';
import { auditActorOf, type AuditLog } from '../shared/audit.js';
import { err, type Result } from '../shared/result.js';

export type AnnouncementAdminError = NotAuthenticated | AdminOnly | AdminScope | CampusNotFound;

/** An admin of an existing campus: a campus admin their own, a super admin any. */
export async function requireAdminOfCampus(
  actor: Actor,
  campusId: string,
  campuses: CampusRepository,
): Promise<Result<AdminActor, AnnouncementAdminError>> {
  const admin = requireAdminOf(actor, campusId);
  if (!admin.ok) return admin;
  if (!(await campuses.byId(campusId))) return err(new CampusNotFound(campusId));
  return admin;
}

/** One audit entry per admin write, on the announcement's campus so its admins read it. */
export function auditAnnouncement(
  audit: AuditLog,
  input: {
    actor: AdminActor;
    action: `${'banner' | 'notice'}.${'create' | 'update' | 'delete'}`;
    id: string;
    campusId: string;
    details: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  return audit.record({
    actor: auditActorOf(input.actor),
    action: input.action,
    targetType: input.action.split('.')[0]!,
    targetId: input.id,
    campusId: input.campusId,
    details: input.details,
    at: input.at,
  });
}

/** The names of the fields an update sets, for the audit entry (values may be long; names suffice). */
export const changedFields = (input: object, fields: readonly string[]): string[] =>
  fields.filter((f) => (input as Record<string, unknown>)[f] !== undefined);
