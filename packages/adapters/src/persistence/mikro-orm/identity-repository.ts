import {
  AdminAccount,
  Campus,
  RefreshToken,
  User,
  type AdminAccountRepository,
  type CampusRepository,
  type RefreshTokenRepository,
  type UserRepository,
} from '@xianzhi/core';
import type { OrmContext } from './context.js';
import { orNull, toDate } from './rows.js';

export class MikroOrmCampusRepository implements CampusRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<Campus | null> {
    return this.ctx.em().findOne(Campus, { id });
  }
  list(): Promise<Campus[]> {
    return this.ctx.em().find(Campus, {}, { orderBy: { id: 'asc' } });
  }
  save(campus: Campus): Promise<void> {
    return this.ctx.save(Campus, campus);
  }
}

export class MikroOrmUserRepository implements UserRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<User | null> {
    return this.ctx.em().findOne(User, { id });
  }
  async byIds(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    // The sellers of every feed page: plain SQL and mapping, no query builder or hydration.
    const rows = await this.ctx.em().execute<Record<string, unknown>[]>(
      `select id, qq_open_id, nickname, avatar_url, campus_id, verified_at, status, role, created_at, updated_at
       from app_user where id in (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return rows.map((r) => {
      const u = new User();
      u.id = String(r['id']);
      u.qqOpenId = String(r['qq_open_id']);
      u.nickname = String(r['nickname']);
      u.avatarUrl = orNull(r['avatar_url'], String);
      u.campusId = String(r['campus_id']);
      u.verifiedAt = orNull(r['verified_at'], toDate);
      u.status = r['status'] as User['status'];
      u.role = r['role'] as User['role'];
      u.createdAt = toDate(r['created_at']);
      u.updatedAt = toDate(r['updated_at']);
      return u;
    });
  }
  byOpenId(qqOpenId: string): Promise<User | null> {
    return this.ctx.em().findOne(User, { qqOpenId });
  }
  save(user: User): Promise<void> {
    return this.ctx.save(User, user);
  }
}

export class MikroOrmRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly ctx: OrmContext) {}
  save(token: RefreshToken): Promise<void> {
    return this.ctx.save(RefreshToken, token);
  }
  byHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.ctx.em().findOne(RefreshToken, { tokenHash }, { refresh: true });
  }
  async markRotated(id: string, at: Date): Promise<boolean> {
    // One conditional UPDATE: of two concurrent refreshes with one token, exactly one wins.
    const changed = await this.ctx.em().nativeUpdate(RefreshToken, { id, rotatedAt: null }, { rotatedAt: at });
    return changed === 1;
  }
  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.ctx.em().nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: at });
  }
  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    await this.ctx.em().nativeUpdate(RefreshToken, { userId, revokedAt: null }, { revokedAt: at });
  }
  deleteExpired(before: Date): Promise<number> {
    return this.ctx.em().nativeDelete(RefreshToken, { expiresAt: { $lt: before } });
  }
}

export class MikroOrmAdminAccountRepository implements AdminAccountRepository {
  constructor(private readonly ctx: OrmContext) {}
  byId(id: string): Promise<AdminAccount | null> {
    return this.ctx.em().findOne(AdminAccount, { id });
  }
  byUsername(username: string): Promise<AdminAccount | null> {
    return this.ctx.em().findOne(AdminAccount, { username });
  }
  save(account: AdminAccount): Promise<void> {
    return this.ctx.save(AdminAccount, account);
  }
}
