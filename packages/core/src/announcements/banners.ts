import type { Actor, AdminActor } from '../identity/actor.js';
import type { AdminScope } from '../identity/admin.js';
import { CampusNotFound, type AdminOnly, type NotAuthenticated } from '../identity/errors.js';
import { requireAdmin, requireAdminOf } from '../identity/policy.js';
import type { CampusRepository } from '../identity/ports.js';
import type { AuditLog } from '../shared/audit.js';
import type { Clock } from '../shared/clock.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { auditAnnouncement, changedFields, requireAdminOfCampus, type AnnouncementAdminError } from './admin-scope.js';
import { BANNER_LIMITS, checkBannerFields, type Banner, type BannerFields, type BannerTarget } from './banner.js';
import { attachBannerPhoto, checkBannerPhoto, checkTarget, type BannerReferenceDeps } from './banner-references.js';
import { BannerNotFound } from './errors.js';
import type { BannerRepository } from './ports.js';
import { stated, type Stated } from './schedule.js';

export type BannerView = Stated<Banner>;

/** The live banners of a campus's home page, by position then newest. Anyone may read them. */
export class ListLiveBanners {
  constructor(
    private readonly banners: BannerRepository,
    private readonly campuses: CampusRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { campusId: string }): Promise<Result<BannerView[], CampusNotFound>> {
    if (!(await this.campuses.byId(input.campusId))) return err(new CampusNotFound(input.campusId));
    const now = this.clock.now();
    return ok((await this.banners.liveOn(input.campusId, now, BANNER_LIMITS.liveMax)).map((b) => stated(b, now)));
  }
}

/** Every banner of a campus, whatever its state, for its admins. */
export class ListBanners {
  constructor(
    private readonly banners: BannerRepository,
    private readonly campuses: CampusRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { actor: Actor; campusId: string }): Promise<Result<BannerView[], AnnouncementAdminError>> {
    const admin = await requireAdminOfCampus(input.actor, input.campusId, this.campuses);
    if (!admin.ok) return admin;
    const now = this.clock.now();
    return ok((await this.banners.forCampus(input.campusId, BANNER_LIMITS.adminMax)).map((b) => stated(b, now)));
  }
}

export interface BannerWriteDeps extends BannerReferenceDeps {
  readonly banners: BannerRepository;
  readonly campuses: CampusRepository;
  readonly audit: AuditLog;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

export interface CreateBannerInput {
  readonly actor: Actor;
  readonly campusId: string;
  readonly title: string;
  readonly photoId: string;
  readonly target: BannerTarget;
  /** Defaults to 0 (first). */
  readonly position?: number;
  /** Defaults to now. */
  readonly startsAt?: Date;
  readonly endsAt?: Date | null;
}

/** Puts a banner on a campus's home page (now or later). Audited as `banner.create`. */
export class CreateBanner {
  constructor(private readonly deps: BannerWriteDeps) {}

  execute(input: CreateBannerInput): Promise<Result<BannerView, AnnouncementAdminError | ValidationFailed>> {
    return this.deps.uow.run(async () => {
      const admin = await requireAdminOfCampus(input.actor, input.campusId, this.deps.campuses);
      if (!admin.ok) return admin;
      const now = this.deps.clock.now();
      const fields = await checkBanner(this.deps, admin.value, input.campusId, now, true, {
        title: input.title,
        photoId: input.photoId,
        target: input.target,
        position: input.position ?? 0,
        startsAt: input.startsAt ?? now,
        endsAt: input.endsAt ?? null,
      });
      if (!fields.ok) return fields;
      const banner: Banner = {
        id: this.deps.ids.next(),
        campusId: input.campusId,
        ...fields.value,
        createdAt: now,
        updatedAt: now,
        createdBy: admin.value.adminId,
      };
      await this.deps.banners.save(banner);
      await auditAnnouncement(this.deps.audit, {
        actor: admin.value,
        action: 'banner.create',
        id: banner.id,
        campusId: banner.campusId,
        details: { title: banner.title, target: banner.target },
        at: now,
      });
      return ok(stated(banner, now));
    });
  }
}

export type UpdateBannerInput = { readonly actor: Actor; readonly id: string } & Partial<
  Pick<CreateBannerInput, 'title' | 'photoId' | 'target' | 'position' | 'startsAt' | 'endsAt'>
>;

type WriteError = NotAuthenticated | AdminOnly | AdminScope | BannerNotFound;

/**
 * Changes any of a banner's fields but its campus; the rules hold on the result. A new photo must be
 * the acting admin's own; the one it had may stay whoever uploaded it. Audited as `banner.update`.
 */
export class UpdateBanner {
  constructor(private readonly deps: Omit<BannerWriteDeps, 'ids'>) {}

  execute(input: UpdateBannerInput): Promise<Result<BannerView, WriteError | ValidationFailed>> {
    return this.deps.uow.run(async () => {
      const found = await loadForAdmin(this.deps.banners, input.actor, input.id);
      if (!found.ok) return found;
      const { banner, admin } = found.value;
      const now = this.deps.clock.now();
      const newPhoto = input.photoId !== undefined && input.photoId !== banner.photoId;
      const fields = await checkBanner(this.deps, admin, banner.campusId, now, newPhoto, {
        title: input.title ?? banner.title,
        photoId: input.photoId ?? banner.photoId,
        target: input.target ?? banner.target,
        position: input.position ?? banner.position,
        startsAt: input.startsAt ?? banner.startsAt,
        endsAt: input.endsAt === undefined ? banner.endsAt : input.endsAt,
      });
      if (!fields.ok) return fields;
      const updated: Banner = { ...banner, ...fields.value, updatedAt: now };
      await this.deps.banners.save(updated);
      await auditAnnouncement(this.deps.audit, {
        actor: admin,
        action: 'banner.update',
        id: banner.id,
        campusId: banner.campusId,
        details: {
          changed: changedFields(input, ['title', 'photoId', 'target', 'position', 'startsAt', 'endsAt']),
        },
        at: now,
      });
      return ok(stated(updated, now));
    });
  }
}

/** Takes a banner down for good (its photo stays, as a listing's does). Audited as `banner.delete`. */
export class DeleteBanner {
  constructor(private readonly deps: Pick<BannerWriteDeps, 'banners' | 'audit' | 'uow' | 'clock'>) {}

  execute(input: { actor: Actor; id: string }): Promise<Result<void, WriteError>> {
    return this.deps.uow.run(async () => {
      const found = await loadForAdmin(this.deps.banners, input.actor, input.id);
      if (!found.ok) return found;
      const { banner, admin } = found.value;
      await this.deps.banners.delete(banner.id);
      await auditAnnouncement(this.deps.audit, {
        actor: admin,
        action: 'banner.delete',
        id: banner.id,
        campusId: banner.campusId,
        details: { title: banner.title },
        at: this.deps.clock.now(),
      });
      return ok(undefined);
    });
  }
}

/** Every field problem at once; the photo is checked (and attached) only when it is new to the banner. */
async function checkBanner(
  deps: Omit<BannerWriteDeps, 'ids'>,
  admin: AdminActor,
  campusId: string,
  now: Date,
  newPhoto: boolean,
  input: BannerFields,
): Promise<Result<BannerFields, ValidationFailed>> {
  const p = new Problems();
  const fields = checkBannerFields(p, input);
  await checkTarget(deps, p, campusId, fields.target);
  const photo = newPhoto ? await checkBannerPhoto(deps.photos, p, admin.adminId, fields.photoId) : null;
  if (p.any) return err(p.toError());
  // Attached only once everything is right, so a refused banner marks no photo as used.
  if (photo) await attachBannerPhoto(deps.photos, photo, now);
  return ok(fields);
}

async function loadForAdmin(banners: BannerRepository, actor: Actor, id: string) {
  const anyAdmin = requireAdmin(actor);
  if (!anyAdmin.ok) return anyAdmin;
  const banner = await banners.byId(id);
  if (!banner) return err(new BannerNotFound(id));
  const admin = requireAdminOf(actor, banner.campusId);
  if (!admin.ok) return admin;
  return ok({ banner, admin: admin.value });
}
