import { DomainError } from '../shared/errors.js';

export type AdminRole = 'super_admin' | 'campus_admin';
export type AdminStatus = 'active' | 'disabled';

/**
 * A back-office account: staff, not students. Its own table, login route and token audience, so
 * no student account can ever carry admin rights. Campus admins act within one campus.
 */
export class AdminAccount {
  id!: string;
  username!: string;
  /** A PasswordHasher's output (algorithm, parameters, salt and hash in one string). */
  passwordHash!: string;
  role!: AdminRole;
  /** The campus of a campus admin; null for a super admin. */
  campusId!: string | null;
  status!: AdminStatus;
  createdAt!: Date;

  static create(input: {
    id: string;
    username: string;
    passwordHash: string;
    role: AdminRole;
    campusId: string | null;
    now: Date;
  }): AdminAccount {
    const a = new AdminAccount();
    a.id = input.id;
    a.username = input.username;
    a.passwordHash = input.passwordHash;
    a.role = input.role;
    a.campusId = input.role === 'super_admin' ? null : input.campusId;
    a.status = 'active';
    a.createdAt = input.now;
    return a;
  }

  get active(): boolean {
    return this.status === 'active';
  }
}

export interface AdminAccountRepository {
  byId(id: string): Promise<AdminAccount | null>;
  byUsername(username: string): Promise<AdminAccount | null>;
  save(account: AdminAccount): Promise<void>;
}

/** Slow, salted password hashing (argon2id in the adapters). `verify` compares in constant time. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /**
   * Whether a stored hash is of an older scheme or weaker parameters than `hash` makes today: the
   * admin's next successful login then stores a fresh one (only then is the password at hand).
   */
  needsRehash(stored: string): boolean;
}

export const ADMIN_USERNAME = /^[a-z0-9][a-z0-9_.-]{2,31}$/;
export const ADMIN_PASSWORD_MIN = 10;

export class InvalidCredentials extends DomainError<'INVALID_CREDENTIALS'> {
  readonly code = 'INVALID_CREDENTIALS' as const;
  constructor() {
    super('用户名或密码错误');
  }
}

export class AdminScope extends DomainError<'ADMIN_SCOPE'> {
  readonly code = 'ADMIN_SCOPE' as const;
  constructor(readonly campusId: string) {
    super('校区管理员只能管理本校区的内容', { campusId });
  }
}

export class AdminUsernameTaken extends DomainError<'ADMIN_USERNAME_TAKEN'> {
  readonly code = 'ADMIN_USERNAME_TAKEN' as const;
  constructor(readonly username: string) {
    super('管理员用户名已存在', { username });
  }
}
