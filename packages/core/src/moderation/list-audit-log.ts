import type { Actor } from '../identity/actor.js';
import type { AdminOnly, NotAuthenticated } from '../identity/errors.js';
import { requireAdmin } from '../identity/policy.js';
import { ok, type Result } from '../shared/result.js';
import type { AuditEntry, AuditFilters, AuditLog } from '../shared/audit.js';

/** The audit log, newest first. Campus admins read their own campus only; super admins everything. */
export class ListAuditLog {
  constructor(private readonly audit: AuditLog) {}

  async execute(input: {
    actor: Actor;
    filters?: AuditFilters;
    before?: { at: Date; id: string } | null;
    limit: number;
  }): Promise<Result<AuditEntry[], NotAuthenticated | AdminOnly>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const campusId = admin.value.role === 'super_admin' ? undefined : admin.value.campusId!;
    return ok(
      await this.audit.list({
        limit: input.limit,
        before: input.before ?? null,
        ...(campusId !== undefined ? { campusId } : {}),
        ...input.filters,
      }),
    );
  }
}
