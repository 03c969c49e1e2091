import type { Actor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import { CampusNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { isAdminOf, requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { CampusRepository } from '../identity/ports.js';
import type { AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { auditAnnouncement, changedFields, requireAdminOfCampus, type AnnouncementAdminError } from './admin-scope.js';
import { NoticeNotFound } from './errors.js';
import { checkNoticeFields, NOTICE_LIMITS, type Notice } from './notice.js';
import type { NoticeRepository } from './ports.js';
import { isLiveAt, stated, type Stated } from './schedule.js';

export type NoticeView = Stated<Notice>;

/** The live notices of a campus for its home page: pinned first, then newest. Anyone may read them. */
export class ListLiveNotices {
  constructor(
    private readonly notices: NoticeRepository,
    private readonly campuses: CampusRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { campusId: string }): Promise<Result<NoticeView[], CampusNotFound>> {
    if (!(await this.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
    const now = this.clock.now();
    return ok((await this.notices.liveOn(input.campusId, now, NOTICE_LIMITS.liveMax)).map((n) => stated(n, now)));
  }
}

/** One notice: live ones for everybody, any state for an admin of its campus; otherwise it does not exist. */
export class GetNotice {
  constructor(
    private readonly notices: NoticeRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { actor: Actor; id: string }): Promise<Result<NoticeView, NoticeNotFound>> {
    const notice = await this.notices.byId(input.id);
    const now = this.clock.now();
    if (!notice || !(isLiveAt(notice, now) || isAdminOf(input.actor, notice.campusId)))
      return err(new NoticeNotFound(input.id));
    return ok(stated(notice, now));
  }
}

/** Every notice of a campus, whatever its state, for its admins. */
export class ListNotices {
  constructor(
    private readonly notices: NoticeRepository,
    private readonly campuses: CampusRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { actor: Actor; campusId: string }): Promise<Result<NoticeView[], AnnouncementAdminError>> {
    const admin = await requireAdminOfCampus(input.actor, input.campusId, this.campuses);
    if (!admin.ok) return admin;
    const now = this.clock.now();
    return ok((await this.notices.forCampus(input.campusId, NOTICE_LIMITS.adminMax)).map((n) => stated(n, now)));
  }
}

export interface NoticeWriteDeps {
  readonly notices: NoticeRepository;
  readonly campuses: CampusRepository;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

export interface CreateNoticeInput {
  readonly actor: Actor;
  readonly campusId: string;
  readonly title: string;
  readonly body: string;
  readonly pinned?: boolean;
  /** Defaults to now. */
  readonly startsAt?: Date;
  readonly endsAt?: Date | null;
}

/** Publishes (or schedules) a notice on a campus. Audited as `notice.create`. */
export class CreateNotice {
  constructor(private readonly deps: NoticeWriteDeps) {}

  execute(input: CreateNoticeInput): Promise<Result<NoticeView, AnnouncementAdminError | ValidationFailed>> {
    return this.deps.uow.run(async () => {
      const admin = await requireAdminOfCampus(input.actor, input.campusId, this.deps.campuses);
      if (!admin.ok) return admin;
      const now = this.deps.clock.now();
      const p = new Problems();
      const fields = checkNoticeFields(p, {
        title: input.title,
        body: input.body,
        pinned: input.pinned ?? false,
        startsAt: input.startsAt ?? now,
        endsAt: input.endsAt ?? null,
      });
      if (p.any) return err(p.toError());
      const notice: Notice = {
        id: this.deps.ids.next(),
        campusId: input.campusId,
        ...fields,
        createdAt: now,
        updatedAt: now,
        createdBy: admin.value.adminId,
      };
      await this.deps.notices.save(notice);
      await auditAnnouncement(this.deps.audit, {
        actor: admin.value,
        action: 'notice.create',
        id: notice.id,
        campusId: notice.campusId,
        details: { title: notice.title },
        at: now,
      });
      return ok(stated(notice, now));
    });
  }
}

export type UpdateNoticeInput = { readonly actor: Actor; readonly id: string } & Partial<
  Pick<CreateNoticeInput, 'title' | 'body' | 'pinned' | 'startsAt' | 'endsAt'>
>;

type WriteError = NotAuthenticated | AdminOnly | AdminScope | NoticeNotFound;

/** Changes any of a notice's fields but its campus; the rules hold on the result. Audited as `notice.update`. */
export class UpdateNotice {
  constructor(private readonly deps: Omit<NoticeWriteDeps, 'ids' | 'campuses'>) {}

  execute(input: UpdateNoticeInput): Promise<Result<NoticeView, WriteError | ValidationFailed>> {
    return this.deps.uow.run(async () => {
      const found = await loadForAdmin(this.deps.notices, input.actor, input.id);
      if (!found.ok) return found;
      const { notice, admin } = found.value;
      const now = this.deps.clock.now();
      const p = new Problems();
      const fields = checkNoticeFields(p, {
        title: input.title ?? notice.title,
        body: input.body ?? notice.body,
        pinned: input.pinned ?? notice.pinned,
        startsAt: input.startsAt ?? notice.startsAt,
        endsAt: input.endsAt === undefined ? notice.endsAt : input.endsAt,
      });
      if (p.any) return err(p.toError());
      const updated: Notice = { ...notice, ...fields, updatedAt: now };
      await this.deps.notices.save(updated);
      await auditAnnouncement(this.deps.audit, {
        actor: admin,
        action: 'notice.update',
        id: notice.id,
        campusId: notice.campusId,
        details: { changed: changedFields(input, ['title', 'body', 'pinned', 'startsAt', 'endsAt']) },
        at: now,
      });
      return ok(stated(updated, now));
    });
  }
}

/** Deletes a notice for good. Audited as `notice.delete`, with its title. */
export class DeleteNotice {
  constructor(private readonly deps: Omit<NoticeWriteDeps, 'ids' | 'campuses'>) {}

  execute(input: { actor: Actor; id: string }): Promise<Result<void, WriteError>> {
    return this.deps.uow.run(async () => {
      const found = await loadForAdmin(this.deps.notices, input.actor, input.id);
      if (!found.ok) return found;
      const { notice, admin } = found.value;
      await this.deps.notices.delete(notice.id);
      await auditAnnouncement(this.deps.audit, {
        actor: admin,
        action: 'notice.delete',
        id: notice.id,
        campusId: notice.campusId,
        details: { title: notice.title },
        at: this.deps.clock.now(),
      });
      return ok(undefined);
    });
  }
}

/** Admin first (401/403 before anything is read), then the notice (404), then its campus (403). */
async function loadForAdmin(notices: NoticeRepository, actor: Actor, id: string) {
  const anyAdmin = requireAdmin(actor);
  if (!anyAdmin.ok) return anyAdmin;
  const notice = await notices.byId(id);
  if (!notice) return err(new NoticeNotFound(id));
  const admin = requireAdminOf(actor, notice.campusId);
  if (!admin.ok) return admin;
  return ok({ notice, admin: admin.value });
}
