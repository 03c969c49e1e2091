import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import { UserNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { UserDirectory, UserRepository } from '../identity/ports.js';
import type { User } from '../identity/user.js';
import type { ListingDirectory, ListingRepository } from '../listings/ports.js';
import type { AuditEntry, AuditLog } from '../shared/audit.js';
import { err, ok, type Result } from '../shared/result.js';
import { listScope, withSellers, type AdminListingSummary } from './admin-scope.js';
import type { ModerationCaseRepository, ReportRepository } from './cases.js';

export interface AdminUserSummary {
  readonly user: User;
  /** Their listings of every status. */
  readonly listingCount: number;
}

export interface AdminUserQuery {
  readonly actor: Actor;
  readonly campusId?: string;
  /** Part of the nickname, or an exact user id. */
  readonly q?: string;
  readonly verified?: boolean;
  readonly banned?: boolean;
  readonly before: { readonly createdAt: Date; readonly id: string } | null;
  readonly limit: number;
}

/** Students for the back office, newest registered first; campus admins see their own campus only. */
export class ListAdminUsers {
  constructor(
    private readonly directory: UserDirectory,
    private readonly listings: ListingDirectory,
  ) {}

  async execute(input: AdminUserQuery): Promise<Result<AdminUserSummary[], NotAuthenticated | AdminOnly | AdminScope>> {
    const admin = requireAdmin(input.actor);
    if (!admin.ok) return admin;
    const scope = listScope(admin.value, input.campusId);
    if (!scope.ok) return scope;
    const q = input.q?.trim();
    const users = await this.directory.search({
      ...(scope.value !== undefined ? { campusId: scope.value } : {}),
      ...(q ? { nicknameOrId: q } : {}),
      ...(input.verified !== undefined ? { verified: input.verified } : {}),
      ...(input.banned !== undefined ? { banned: input.banned } : {}),
      before: input.before,
      limit: input.limit,
    });
    const counts = await this.listings.countByOwner(users.map((u) => u.id));
    return ok(users.map((user) => ({ user, listingCount: counts.get(user.id) ?? 0 })));
  }
}

/** Whether a student is verified now, had their number released by an admin, or never verified. */
export interface VerificationState {
  readonly state: 'verified' | 'none' | 'released';
  readonly at: Date | null;
}

export interface UserReportRow {
  readonly caseId: string;
  readonly reason: string;
  /** The case's status: open, or how it was resolved. */
  readonly state: string;
  readonly createdAt: Date;
}

export interface BanChange {
  readonly banned: boolean;
  readonly reason: string;
  readonly at: Date;
  readonly actorId: string | null;
}

export interface AdminUserDetail extends AdminUserSummary {
  readonly verification: VerificationState;
  /** Newest first, every status. */
  readonly listings: readonly AdminListingSummary[];
  /** Reports against the student themselves, newest first. */
  readonly reports: readonly UserReportRow[];
  /** Bans and unbans, newest first. */
  readonly bans: readonly BanChange[];
}

export const ADMIN_USER_LISTINGS = 20;
const HISTORY_LIMIT = 50;

export interface GetAdminUserDeps {
  readonly users: UserRepository;
  readonly listings: ListingRepository;
  readonly listingDirectory: ListingDirectory;
  readonly cases: ModerationCaseRepository;
  readonly reports: ReportRepository;
  readonly audit: AuditLog;
}

/**
 * One student as the back office sees them: their verification, newest listings, the reports against
 * them and their bans (read back from the audit log, where every ban and unban is written).
 */
export class GetAdminUser {
  constructor(private readonly deps: GetAdminUserDeps) {}

  async execute(input: {
    actor: Actor;
    userId: string;
  }): Promise<Result<AdminUserDetail, NotAuthenticated | AdminOnly | AdminScope | UserNotFound>> {
    const anyAdmin = requireAdmin(input.actor);
    if (!anyAdmin.ok) return anyAdmin;
    const user = await this.deps.users.byId(input.userId);
    if (!user) return err(new UserNotFound(input.userId));
    const admin = requireAdminOf(input.actor, user.campusId);
    if (!admin.ok) return admin;
    const audited = (action: string) =>
      this.deps.audit.list({ action, targetType: 'user', targetId: user.id, limit: HISTORY_LIMIT });
    const [counts, listings, cases, bans, unbans, releases] = await Promise.all([
      this.deps.listingDirectory.countByOwner([user.id]),
      this.deps.listings.byOwner({ ownerId: user.id, after: null, limit: ADMIN_USER_LISTINGS }),
      this.deps.cases.forTarget('user', user.id, HISTORY_LIMIT),
      audited('user.ban'),
      audited('user.unban'),
      audited('student.release'),
    ]);
    const reports = (
      await Promise.all(
        cases.map(async (c) =>
          (await this.deps.reports.forCase(c.id)).map((r) => ({
            caseId: c.id,
            reason: r.reason,
            state: c.status,
            createdAt: r.createdAt,
          })),
        ),
      )
    )
      .flat()
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const banChange = (e: AuditEntry): BanChange => ({
      banned: e.action === 'user.ban',
      reason: typeof e.details['reason'] === 'string' ? e.details['reason'] : '',
      at: e.at,
      actorId: e.actor.id,
    });
    return ok({
      user,
      listingCount: counts.get(user.id) ?? 0,
      verification: user.verifiedAt
        ? { state: 'verified', at: user.verifiedAt }
        : releases[0]
          ? { state: 'released', at: releases[0].at }
          : { state: 'none', at: null },
      listings: await withSellers(this.deps.users, listings),
      reports,
      // Ids (ULIDs) break ties of the same millisecond in the order the entries were written.
      bans: [...bans, ...unbans]
        .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
        .map(banChange),
    });
  }
}
