import { Problems, type ValidationFailed } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Clock } from '../shared/clock.js';
import type { Actor } from './actor.js';
import { NotAuthenticated, UserNotFound, type UserBanned } from './errors.js';
import { requireActiveUser } from './policy.js';
import type { UserRepository } from './ports.js';
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

export class UpdateMyProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock,
    private readonly screening: ContentScreening = noScreening,
    /** Saves the profile and its review-queue entry together; without one they are two writes. */
    private readonly uow: UnitOfWork | null = null,
  ) {}

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
    if (input.avatarUrl !== undefined) {
      p.check(
        input.avatarUrl === null || /^https:\/\/\S{1,500}$/.test(input.avatarUrl),
        'avatarUrl',
        '头像须为 https 地址',
      );
      user.avatarUrl = input.avatarUrl;
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
