import type { User } from './user.js';
import type { Campus } from './campus.js';

export interface UserRepository {
  byId(id: string): Promise<User | null>;
  byIds(ids: readonly string[]): Promise<User[]>;
  byOpenId(qqOpenId: string): Promise<User | null>;
  save(user: User): Promise<void>;
}

/** The back office's query over students; newest registered first. */
export interface UserDirectoryQuery {
  /** Every campus when absent (super admins). */
  readonly campusId?: string;
  /** Part of the nickname (matched literally), or a user's exact id. */
  readonly nicknameOrId?: string;
  readonly verified?: boolean;
  readonly banned?: boolean;
  /** Keyset cursor: users registered strictly before this (createdAt, id). */
  readonly before: { readonly createdAt: Date; readonly id: string } | null;
  readonly limit: number;
}

export interface UserDirectory {
  search(query: UserDirectoryQuery): Promise<User[]>;
}

export interface CampusRepository {
  byId(id: string): Promise<Campus | null>;
  list(): Promise<Campus[]>;
  save(campus: Campus): Promise<void>;
}

/**
 * Takes a banned student's listings out of the feed, search and recommendations and puts them back on
 * unban. Declared here because identity sits below listings; the listing repository implements it.
 */
export interface BannedOwnerListings {
  setOwnerBanned(ownerId: string, banned: boolean): Promise<void>;
}

/**
 * Uploaded photos, as far as a profile needs them: whose a photo is, and marking it in use so the
 * cleanup of unattached uploads leaves it. Declared here because identity sits below photos; the
 * photo repository implements it.
 */
export interface ProfilePhotos {
  byId(id: string): Promise<ProfilePhoto | null>;
  save(photo: ProfilePhoto): Promise<void>;
}

export interface ProfilePhoto {
  readonly ownerId: string;
  /** When it was first put to use; null while only uploaded. */
  attachedAt: Date | null;
}
