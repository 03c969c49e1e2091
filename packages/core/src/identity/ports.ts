import type { User } from './user.js';
import type { Campus } from './campus.js';

export interface UserRepository {
  byId(id: string): Promise<User | null>;
  byIds(ids: readonly string[]): Promise<User[]>;
  byOpenId(qqOpenId: string): Promise<User | null>;
  save(user: User): Promise<void>;
}

export interface CampusRepository {
  byId(id: string): Promise<Campus | null>;
  list(): Promise<Campus[]>;
  save(campus: Campus): Promise<void>;
}
