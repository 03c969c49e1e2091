export type Role = 'student' | 'admin';
export type UserStatus = 'active' | 'banned';

export interface NewUser {
  id: string;
  qqOpenId: string;
  nickname: string;
  avatarUrl: string | null;
  campusId: string;
  role?: Role;
  now: Date;
}

export class User {
  id!: string;
  /** Secret-ish: revealed only to verified viewers of this user's listings (the add-friend button). */
  qqOpenId!: string;
  nickname!: string;
  avatarUrl!: string | null;
  campusId!: string;
  /** Null until the campus login confirms the user studies here. */
  verifiedAt!: Date | null;
  status!: UserStatus;
  role!: Role;
  createdAt!: Date;
  updatedAt!: Date;

  static register(input: NewUser): User {
    const user = new User();
    user.id = input.id;
    user.qqOpenId = input.qqOpenId;
    user.nickname = input.nickname;
    user.avatarUrl = input.avatarUrl;
    user.campusId = input.campusId;
    user.verifiedAt = null;
    user.status = 'active';
    user.role = input.role ?? 'student';
    user.createdAt = input.now;
    user.updatedAt = input.now;
    return user;
  }

  get verified(): boolean {
    return this.verifiedAt !== null;
  }

  get banned(): boolean {
    return this.status === 'banned';
  }

  markVerified(at: Date): void {
    this.verifiedAt = at;
    this.updatedAt = at;
  }
}

export const NICKNAME_MAX = 20;
