import type { AdminAccount, AdminAccountRepository } from '../identity/admin.js';
import type { Campus } from '../identity/campus.js';
import type { ActiveUserLog } from '../identity/activity.js';
import type { CampusRepository, UserDirectory, UserDirectoryQuery, UserRepository } from '../identity/ports.js';
import type { RefreshToken, RefreshTokenRepository } from '../identity/session.js';
import type { User } from '../identity/user.js';
import { copy, type InMemoryStore } from './in-memory-store.js';
import { newestCreated } from './in-memory-listings.js';

export class InMemoryCampusRepository implements CampusRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<Campus | null> {
    const c = this.store.tables.campuses.get(id);
    return c ? copy(c) : null;
  }
  async list(): Promise<Campus[]> {
    return [...this.store.tables.campuses.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
  }
  async save(campus: Campus): Promise<void> {
    this.store.tables.campuses.set(campus.id, copy(campus));
  }
}

export class InMemoryUserRepository implements UserRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<User | null> {
    const u = this.store.tables.users.get(id);
    return u ? copy(u) : null;
  }
  async byIds(ids: readonly string[]): Promise<User[]> {
    return ids.flatMap((id) => (this.store.tables.users.has(id) ? [copy(this.store.tables.users.get(id)!)] : []));
  }
  async byOpenId(qqOpenId: string): Promise<User | null> {
    const u = [...this.store.tables.users.values()].find((x) => x.qqOpenId === qqOpenId);
    return u ? copy(u) : null;
  }
  async save(user: User): Promise<void> {
    const clash = [...this.store.tables.users.values()].find((x) => x.qqOpenId === user.qqOpenId && x.id !== user.id);
    if (clash) throw new Error(`duplicate qqOpenId for user ${user.id}`);
    this.store.tables.users.set(user.id, copy(user));
  }
}

export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly store: InMemoryStore) {}
  private get table() {
    return this.store.tables.refreshTokens;
  }
  async save(token: RefreshToken): Promise<void> {
    const clash = [...this.table.values()].find((t) => t.tokenHash === token.tokenHash && t.id !== token.id);
    if (clash) throw new Error('duplicate refresh token hash');
    this.table.set(token.id, copy(token));
  }
  async byHash(tokenHash: string): Promise<RefreshToken | null> {
    const t = [...this.table.values()].find((x) => x.tokenHash === tokenHash);
    return t ? copy(t) : null;
  }
  async markRotated(id: string, at: Date): Promise<boolean> {
    const t = this.table.get(id);
    if (!t || t.rotatedAt !== null) return false;
    const next = copy(t);
    next.rotatedAt = new Date(at);
    this.table.set(id, next);
    return true;
  }
  async revokeFamily(familyId: string, at: Date): Promise<void> {
    this.revokeWhere((t) => t.familyId === familyId, at);
  }
  async revokeAllOfUser(userId: string, at: Date): Promise<void> {
    this.revokeWhere((t) => t.userId === userId, at);
  }
  async deleteExpired(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, t] of this.table) {
      if (t.expiresAt.getTime() < before.getTime()) {
        this.table.delete(id);
        removed++;
      }
    }
    return removed;
  }
  private revokeWhere(match: (t: RefreshToken) => boolean, at: Date): void {
    for (const [id, t] of this.table) {
      if (!match(t) || t.revokedAt !== null) continue;
      const next = copy(t);
      next.revokedAt = new Date(at);
      this.table.set(id, next);
    }
  }
}

export class InMemoryAdminAccountRepository implements AdminAccountRepository {
  constructor(private readonly store: InMemoryStore) {}
  async byId(id: string): Promise<AdminAccount | null> {
    const a = this.store.tables.admins.get(id);
    return a ? copy(a) : null;
  }
  async byUsername(username: string): Promise<AdminAccount | null> {
    const a = [...this.store.tables.admins.values()].find((x) => x.username === username);
    return a ? copy(a) : null;
  }
  async save(account: AdminAccount): Promise<void> {
    const clash = [...this.store.tables.admins.values()].find(
      (x) => x.username === account.username && x.id !== account.id,
    );
    if (clash) throw new Error(`duplicate admin username ${account.username}`);
    this.store.tables.admins.set(account.id, copy(account));
  }
}

export class InMemoryUserDirectory implements UserDirectory {
  constructor(private readonly store: InMemoryStore) {}
  async search(q: UserDirectoryQuery): Promise<User[]> {
    const needle = q.nicknameOrId?.toLowerCase();
    return [...this.store.tables.users.values()]
      .filter(
        (u) =>
          (q.campusId === undefined || u.campusId === q.campusId) &&
          (needle === undefined || u.id === q.nicknameOrId || u.nickname.toLowerCase().includes(needle)) &&
          (q.verified === undefined || (u.verifiedAt !== null) === q.verified) &&
          (q.banned === undefined || (u.status === 'banned') === q.banned) &&
          (!q.before || newestCreated(u, q.before) > 0),
      )
      .sort(newestCreated)
      .slice(0, q.limit)
      .map(copy);
  }
}

export class InMemoryActiveUserLog implements ActiveUserLog {
  constructor(private readonly store: InMemoryStore) {}
  async record(userId: string, campusId: string, day: string): Promise<void> {
    const key = `${userId}|${day}`;
    if (!this.store.tables.activeDays.has(key)) this.store.tables.activeDays.set(key, { userId, campusId, day });
  }
}
