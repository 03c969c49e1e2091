import { Category } from '../catalog/category.js';
import { Campus } from '../identity/campus.js';
import { User, type Role } from '../identity/user.js';
import type { ListingContent } from '../listings/content.js';
import { Listing, type ListingStatus } from '../listings/listing.js';
import type { ListingKind } from '../catalog/dimensions.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-09-01T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Readable, sortable ids: `id-000001`, `id-000002`, … */
export class SequentialIds implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = 'id') {}
  next(): string {
    return `${this.prefix}-${String(++this.n).padStart(6, '0')}`;
  }
}

export const TEST_CAMPUS_ID = 'demo';

export function aCampus(
  overrides: Partial<Pick<Campus, 'id' | 'name' | 'areas' | 'listingLifetimeDays'>> = {},
): Campus {
  return Campus.create({
    id: overrides.id ?? TEST_CAMPUS_ID,
    name: overrides.name ?? '示例大学',
    areas: overrides.areas ?? [
      { id: 'east-dorm', name: '东区宿舍' },
      { id: 'library', name: '图书馆' },
      { id: 'south-gate', name: '南门' },
    ],
    listingLifetimeDays: overrides.listingLifetimeDays ?? 30,
  });
}

let userSeq = 0;
export function aUser(
  overrides: {
    id?: string;
    nickname?: string;
    campusId?: string;
    verified?: boolean;
    banned?: boolean;
    role?: Role;
    qqOpenId?: string;
    now?: Date;
  } = {},
): User {
  const n = ++userSeq;
  const now = overrides.now ?? new Date('2026-08-01T00:00:00.000Z');
  const user = User.register({
    id: overrides.id ?? `user-${n}`,
    qqOpenId: overrides.qqOpenId ?? `openid-${overrides.id ?? n}`,
    nickname: overrides.nickname ?? `同学${n}`,
    avatarUrl: null,
    campusId: overrides.campusId ?? TEST_CAMPUS_ID,
    role: overrides.role ?? 'student',
    now,
  });
  if (overrides.verified ?? true) user.markVerified(now);
  if (overrides.banned) user.status = 'banned';
  return user;
}

/** A small two-level tree: 旧书 > 教材, 电子产品 > 手机 / 电脑, and a disabled 其他 > 杂物. */
export function aCategoryTree(campusId = TEST_CAMPUS_ID) {
  const books = Category.create({
    id: `${campusId}-books`,
    campusId,
    parentId: null,
    code: 'books',
    name: '旧书',
    sortOrder: 10,
  });
  const textbooks = Category.create({
    id: `${campusId}-textbooks`,
    campusId,
    parentId: books.id,
    code: 'books-textbook',
    name: '教材',
    sortOrder: 10,
  });
  const digital = Category.create({
    id: `${campusId}-digital`,
    campusId,
    parentId: null,
    code: 'digital',
    name: '电子产品',
    sortOrder: 20,
  });
  const phones = Category.create({
    id: `${campusId}-phones`,
    campusId,
    parentId: digital.id,
    code: 'digital-phone',
    name: '手机',
    sortOrder: 10,
  });
  const computers = Category.create({
    id: `${campusId}-computers`,
    campusId,
    parentId: digital.id,
    code: 'digital-computer',
    name: '电脑',
    sortOrder: 20,
  });
  const other = Category.create({
    id: `${campusId}-other`,
    campusId,
    parentId: null,
    code: 'other',
    name: '其他',
    sortOrder: 30,
  });
  const misc = Category.create({
    id: `${campusId}-misc`,
    campusId,
    parentId: other.id,
    code: 'other-misc',
    name: '杂物',
    sortOrder: 10,
  });
  misc.enabled = false;
  return {
    books,
    textbooks,
    digital,
    phones,
    computers,
    other,
    misc,
    all: [books, textbooks, digital, phones, computers, other, misc],
  };
}

let listingSeq = 0;
/** A listing built directly (not through the use case), for tests that need one in a given state. */
export function aListing(
  overrides: Partial<ListingContent> & {
    id?: string;
    campusId?: string;
    ownerId?: string;
    kind?: ListingKind;
    status?: ListingStatus;
    rootCategoryId?: string;
    now?: Date;
    lifetimeDays?: number;
  } = {},
): Listing {
  const n = ++listingSeq;
  const campusId = overrides.campusId ?? TEST_CAMPUS_ID;
  const kind = overrides.kind ?? 'item';
  const listing = Listing.publish({
    id: overrides.id ?? `listing-${String(n).padStart(6, '0')}`,
    campusId,
    ownerId: overrides.ownerId ?? 'user-owner',
    kind,
    rootCategoryId: overrides.rootCategoryId ?? `${campusId}-digital`,
    now: overrides.now ?? new Date('2026-09-01T02:00:00.000Z'),
    lifetimeDays: overrides.lifetimeDays ?? 30,
    content: {
      title: overrides.title ?? `二手物品 ${n}`,
      description: overrides.description ?? '自用，功能正常',
      price: overrides.price === undefined ? 10_000 : overrides.price,
      originalPrice: overrides.originalPrice ?? null,
      categoryId: overrides.categoryId ?? `${campusId}-phones`,
      condition: overrides.condition === undefined ? (kind === 'wanted' ? null : 'lightly_used') : overrides.condition,
      areaId: overrides.areaId ?? null,
      tradeMethods: overrides.tradeMethods ?? ['face_to_face'],
      photos: overrides.photos ?? [],
      book: overrides.book ?? null,
    },
  });
  if (overrides.status) listing.status = overrides.status;
  return listing;
}
