import { Problems, type ValidationFailed } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Clock } from '../shared/clock.js';
import type { Actor } from './actor.js';
import { NotAuthenticated, UserNotFound, type UserBanned } from './errors.js';
import { requireActiveUser } from './policy.js';
import type { ProfilePhoto, ProfilePhotos, UserRepository } from './ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
} from '../shared/content-safety.js';
import { NICKNAME_MAX, type User } from './user.js';

export class GetMyProfile {
  constructor(private readonly users: UserRepository) {}

  async execute(input: { actor: Actor }): Promise<Result<User, NotAuthenticated | UserNotFound>> {
    if (input.actor.kind !== 'user') return err(new NotAuthenticated());
    const user = await this.users.byId(input.actor.userId);
    return user ? ok(user) : err(new UserNotFound(input.actor.userId));
  }
}

export interface UpdateMyProfileDeps {
  readonly users: UserRepository;
  readonly photos: ProfilePhotos;
  readonly clock: Clock;
  readonly screening?: ContentScreening;
  /** Saves the profile and its review-queue entry together; without one they are two writes. */
  readonly uow?: UnitOfWork | null;
}

const PHOTO_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const OWN_MEDIA_URL = /^\/media\/photos\/([0-9A-HJKMNP-TV-Z]{26})\/(thumb|medium|large)$/;

/**
 * The avatar as one of our own photo URLs, or null when the reference is not one: an uploaded photo's
 * id (shown as its thumb) or the /media URL the upload answered. Any other address is refused, because
 * whoever runs it would learn the address of everyone who views the profile.
 */
function ownPhotoReference(reference: string): { photoId: string; url: string } | null {
  if (PHOTO_ID.test(reference)) return { photoId: reference, url: `/media/photos/${reference}/thumb` };
  const m = OWN_MEDIA_URL.exec(reference);
  return m ? { photoId: m[1]!, url: reference } : null;
}

export class UpdateMyProfile {
  private readonly users: UserRepository;
  private readonly photos: ProfilePhotos;
  private readonly clock: Clock;
  private readonly screening: ContentScreening;
  private readonly uow: UnitOfWork | null;

  constructor(deps: UpdateMyProfileDeps) {
    this.users = deps.users;
    this.photos = deps.photos;
    this.clock = deps.clock;
    this.screening = deps.screening ?? noScreening;
    this.uow = deps.uow ?? null;
  }

  async execute(input: {
    actor: Actor;
    nickname?: string;
    avatarUrl?: string | null;
  }): Promise<
    Result<
      User,
      NotAuthenticated | UserBanned | UserNotFound | ValidationFailed | ContentRisky | ContentSafetyUnavailable
    >
  > {
    const who = requireActiveUser(input.actor);
    if (!who.ok) return who;
    const user = await this.users.byId(who.value.userId);
    if (!user) return err(new UserNotFound(who.value.userId));
    const p = new Problems();
    if (input.nickname !== undefined) {
      const nickname = input.nickname.replace(/\s+/g, ' ').trim();
      p.check(nickname.length > 0 && nickname.length <= NICKNAME_MAX, 'nickname', `昵称须为 1 到 ${NICKNAME_MAX} 个字`);
      user.nickname = nickname;
    }
    let avatarPhoto: ProfilePhoto | null = null;
    if (input.avatarUrl !== undefined) {
      const own = input.avatarUrl === null ? null : ownPhotoReference(input.avatarUrl);
      const photo = own ? await this.photos.byId(own.photoId) : null;
      p.check(
        input.avatarUrl === null || (photo !== null && photo.ownerId === user.id),
        'avatarUrl',
        '头像须为你自己上传的照片',
      );
      user.avatarUrl = own?.url ?? null;
      if (photo?.attachedAt === null) avatarPhoto = photo;
    }
    if (p.any) return err(p.toError());
    const screened =
      input.nickname !== undefined
        ? await this.screening.texts([{ field: 'nickname', text: user.nickname }], { scene: 'profile' })
        : ok({ unchecked: [] });
    if (!screened.ok) return screened;
    user.updatedAt = this.clock.now();
    const write = async () => {
      await this.users.save(user);
      // In use now: the sweep of never-attached uploads must not delete it.
      if (avatarPhoto) {
        avatarPhoto.attachedAt = user.updatedAt;
        await this.photos.save(avatarPhoto);
      }
      await this.screening.queueUnchecked(screened.value, {
        targetType: 'user',
        targetId: user.id,
        campusId: user.campusId,
        now: user.updatedAt,
      });
    };
    await (this.uow ? this.uow.run(write) : write());
    return ok(user);
  }
}
