/**
 * The access matrix's vocabulary: every kind of caller, the statuses each must get, and a row per route.
 *
 * verified = the owner of the target listing (alice); anotherOwner = a verified student who owns
 * other things but not the target (bob); banned = a banned student's still-unexpired token;
 * otherCampusAdmin = a campus admin of another campus; admin = the demo campus's admin.
 */
export const ROLES = [
  'anonymous',
  'unverified',
  'verified',
  'banned',
  'anotherOwner',
  'otherCampusAdmin',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
export type Expect = Record<Role, number>;

/** What a row may aim at: made fresh for each role (a listing, its comment, a review case…) or once per run. */
export interface Fixture {
  listingId: string;
  commentId: string;
  categoryId: string;
  targetUserId: string;
  refreshToken: string;
  /** An open review case on the target listing (dave reported it). */
  caseId: string;
  /** Made once, before the rows run. */
  categories: Record<string, string>;
  photo: { id: string; jpeg: Buffer };
  /** A demo-campus block entry: other campuses' admins may not lift it, the demo admin may (last role). */
  blockedTermId: string;
  /** Demo-campus announcements, and a photo the demo admin uploaded (for new banners). */
  announcement: { bannerId: string; noticeId: string; adminPhotoId: string };
  /** dave's feedback: the reply row answers it, the close row then closes it (the demo admin, last role). */
  feedbackId: string;
  /** Offers, trades and a rating between alice and bob: made only for rows that say `needs: 'deal'`. */
  deal?: { offerId: string; tradeId: string; completedTradeId: string; ratingId: string };
  /** A saved search of alice's (the verified caller), made fresh for each role. */
  savedSearchId: string;
}

export interface Row {
  /** `METHOD /path` as the route table names it; `#variant` for a second row of the same route. */
  readonly route: string;
  readonly request: (f: Fixture) => { url: string; payload?: object; headers?: Record<string, string> };
  readonly expect: Expect;
  /** Extra fixtures this row aims at (made fresh for each role, like the rest). */
  readonly needs?: 'deal';
}

/** The usual shapes: the same status for everyone who may, and the refusals by kind. */
export const everyone = (ok: number): Expect => ({
  anonymous: ok,
  unverified: ok,
  verified: ok,
  banned: 403,
  anotherOwner: ok,
  otherCampusAdmin: ok,
  admin: ok,
});
export const students = (ok: number): Expect => ({
  anonymous: 401,
  unverified: ok,
  verified: ok,
  banned: 403,
  anotherOwner: ok,
  otherCampusAdmin: 401,
  admin: 401,
});
export const verifiedStudents = (ok: number): Expect => ({ ...students(ok), unverified: 403 });
export const ownerOnly = (ok: number): Expect => ({ ...students(403), verified: ok });
export const admins = (ok: number): Expect => ({
  anonymous: 401,
  unverified: 403,
  verified: 403,
  banned: 403,
  anotherOwner: 403,
  otherCampusAdmin: ok,
  admin: ok,
});
export const campusAdmins = (ok: number): Expect => ({ ...admins(ok), otherCampusAdmin: 403 });
