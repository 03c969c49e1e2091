import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { StudentVerificationSchema } from './verification-repository.js';
import { PhotoSchema } from './photo-repository.js';
import { ModerationCaseSchema, ReportSchema } from './moderation-repository.js';
import { BlockedTermSchema } from './search-log-repository.js';
import { BannerSchema, NoticeSchema } from './announcement-repository.js';
import { FeedbackReplySchema, FeedbackSchema } from './feedback-repository.js';
import { TRADE_SCHEMAS } from './trade-schemas.js';
import { AdminAccount, Campus, Category, Comment, Listing, RefreshToken, User } from '@xianzhi/core';

/*
 * Mappings of the core's classes, kept here so domain classes carry no decorators. Column types
 * are explicit so SQLite and MariaDB agree; the DDL itself lives in the committed migrations.
 * Money is integer fen everywhere; JSON columns hold small value arrays owned by one row.
 */

const id = { type: 'string', length: 26, primary: true } as const;
const ref = { type: 'string', length: 26 } as const;
const time = { type: 'datetime', length: 3 } as const;

export const CampusSchema = new EntitySchema<Campus>({
  class: Campus,
  tableName: 'campus',
  properties: {
    id: { type: 'string', length: 40, primary: true },
    name: { type: 'string', length: 100 },
    areas: { type: 'json' },
    listingLifetimeDays: { type: 'integer' },
  },
});

export const UserSchema = new EntitySchema<User, Pick<User, 'verified' | 'banned'>>({
  class: User,
  tableName: 'app_user',
  properties: {
    id,
    qqOpenId: { type: 'string', length: 64, unique: 'app_user_qq_open_id_unique' },
    nickname: { type: 'string', length: 40 },
    avatarUrl: { type: 'string', length: 512, nullable: true },
    campusId: { type: 'string', length: 40 },
    verifiedAt: { ...time, nullable: true },
    status: { type: 'string', length: 16 },
    role: { type: 'string', length: 16 },
    createdAt: time,
    updatedAt: time,
  },
});

export const CategorySchema = new EntitySchema<Category, Pick<Category, 'isRoot'>>({
  class: Category,
  tableName: 'category',
  properties: {
    id,
    campusId: { type: 'string', length: 40 },
    parentId: { ...ref, nullable: true },
    code: { type: 'string', length: 40 },
    name: { type: 'string', length: 40 },
    sortOrder: { type: 'integer' },
    enabled: { type: 'boolean' },
  },
});

export const ListingSchema = new EntitySchema<Listing, Pick<Listing, 'isLive'>>({
  class: Listing,
  tableName: 'listing',
  properties: {
    id,
    campusId: { type: 'string', length: 40 },
    ownerId: ref,
    kind: { type: 'string', length: 16 },
    title: { type: 'string', length: 120 },
    description: { type: 'text' },
    price: { type: 'integer', nullable: true },
    originalPrice: { type: 'integer', nullable: true },
    categoryId: ref,
    rootCategoryId: ref,
    condition: { type: 'string', length: 20, nullable: true, fieldName: 'item_condition' },
    areaId: { type: 'string', length: 40, nullable: true },
    tradeMethods: { type: 'json' },
    photos: { type: 'json' },
    book: { type: 'json', nullable: true },
    status: { type: 'string', length: 16 },
    removalReason: { type: 'string', length: 255, nullable: true },
    version: { type: 'integer' },
    createdAt: time,
    updatedAt: time,
    listedAt: time,
    lastRenewedAt: { ...time, nullable: true },
    expiresAt: time,
    // Counters change only through adjustCounters' atomic UPDATE; a save must never write them back.
    viewCount: { type: 'integer' },
    favoriteCount: { type: 'integer' },
    commentCount: { type: 'integer' },
    wantCount: { type: 'integer' },
    priceHistory: { type: 'json' },
    statusHistory: { type: 'json' },
    // Written only by setOwnerBanned's UPDATE (a save skips it); part of the generated `live` column.
    ownerBanned: { type: 'boolean', fieldName: 'owner_banned' },
  },
});

export const CommentSchema = new EntitySchema<Comment, Pick<Comment, 'deleted'>>({
  class: Comment,
  tableName: 'listing_comment',
  properties: {
    id,
    listingId: ref,
    authorId: ref,
    body: { type: 'text' },
    parentId: { ...ref, nullable: true },
    replyToCommentId: { ...ref, nullable: true },
    replyToUserId: { ...ref, nullable: true },
    createdAt: time,
    deletedAt: { ...time, nullable: true },
    deletedBy: { ...ref, nullable: true },
    hiddenAt: { ...time, nullable: true },
  },
});

/** Adapter-side rows: plain records with no domain behaviour. */
export class FavoriteRow {
  userId!: string;
  listingId!: string;
  createdAt!: Date;
}

export const FavoriteSchema = new EntitySchema<FavoriteRow>({
  class: FavoriteRow,
  tableName: 'favorite',
  properties: {
    userId: { ...ref, primary: true },
    listingId: { ...ref, primary: true },
    createdAt: time,
  },
});

export class OutboxRow {
  seq!: number;
  id!: string;
  type!: string;
  aggregateId!: string;
  payload!: unknown;
  occurredAt!: Date;
  publishedAt!: Date | null;
  claimToken!: string | null;
  claimedUntil!: Date | null;
}

export const OutboxSchema = new EntitySchema<OutboxRow>({
  class: OutboxRow,
  tableName: 'outbox',
  properties: {
    seq: { type: new BigIntType('number'), primary: true, autoincrement: true },
    id: { ...ref, unique: 'outbox_id_unique' },
    type: { type: 'string', length: 60 },
    aggregateId: ref,
    payload: { type: 'json' },
    occurredAt: time,
    publishedAt: { ...time, nullable: true },
    claimToken: { ...ref, nullable: true },
    claimedUntil: { ...time, nullable: true },
  },
});

export class ListingViewRow {
  listingId!: string;
  viewerKey!: string;
  day!: string;
}

export const ListingViewSchema = new EntitySchema<ListingViewRow>({
  class: ListingViewRow,
  tableName: 'listing_view',
  properties: {
    listingId: { ...ref, primary: true },
    viewerKey: { type: 'string', length: 80, primary: true },
    day: { type: 'string', length: 10, primary: true },
  },
});

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  class: RefreshToken,
  tableName: 'refresh_token',
  properties: {
    id,
    familyId: ref,
    userId: ref,
    tokenHash: { type: 'string', length: 64, unique: 'refresh_token_hash_unique' },
    issuedAt: time,
    expiresAt: time,
    rotatedAt: { ...time, nullable: true },
    revokedAt: { ...time, nullable: true },
  },
});

export const AdminAccountSchema = new EntitySchema<AdminAccount, Pick<AdminAccount, 'active'>>({
  class: AdminAccount,
  tableName: 'admin_account',
  properties: {
    id,
    username: { type: 'string', length: 32, unique: 'admin_account_username_unique' },
    passwordHash: { type: 'string', length: 255 },
    role: { type: 'string', length: 16 },
    campusId: { type: 'string', length: 40, nullable: true },
    status: { type: 'string', length: 16 },
    createdAt: time,
  },
});

export class AuditRow {
  id!: string;
  at!: Date;
  actorKind!: string;
  actorId!: string | null;
  action!: string;
  targetType!: string;
  targetId!: string;
  campusId!: string | null;
  details!: Record<string, unknown>;
}

export const AuditSchema = new EntitySchema<AuditRow>({
  class: AuditRow,
  tableName: 'audit_log',
  properties: {
    id,
    at: time,
    actorKind: { type: 'string', length: 16 },
    actorId: { type: 'string', length: 64, nullable: true },
    action: { type: 'string', length: 60 },
    targetType: { type: 'string', length: 40 },
    targetId: { type: 'string', length: 100 },
    campusId: { type: 'string', length: 40, nullable: true },
    details: { type: 'json' },
  },
});

export class RateHitRow {
  seq!: number;
  key!: string;
  at!: Date;
}

export const RateHitSchema = new EntitySchema<RateHitRow>({
  class: RateHitRow,
  tableName: 'rate_limit_hit',
  properties: {
    seq: { type: new BigIntType('number'), primary: true, autoincrement: true },
    key: { type: 'string', length: 191, fieldName: 'rate_key' },
    at: time,
  },
});

export const ENTITY_SCHEMAS = [
  CampusSchema,
  UserSchema,
  CategorySchema,
  ListingSchema,
  CommentSchema,
  FavoriteSchema,
  OutboxSchema,
  ListingViewSchema,
  RefreshTokenSchema,
  AdminAccountSchema,
  AuditSchema,
  RateHitSchema,
  StudentVerificationSchema,
  PhotoSchema,
  ModerationCaseSchema,
  ReportSchema,
  BlockedTermSchema,
  BannerSchema,
  NoticeSchema,
  FeedbackSchema,
  FeedbackReplySchema,
  ...TRADE_SCHEMAS,
];
