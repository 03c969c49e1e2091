import type { Condition, ListingKind, TradeMethod } from '../catalog/dimensions.js';
import { addDays, DAY_MS } from '../shared/clock.js';
import type { Fen } from '../shared/money.js';
import { err, ok, okVoid, type Result } from '../shared/result.js';
import {
  contentOf,
  LISTING_CONTENT_FIELDS,
  type BookInfo,
  type ListingContent,
  type ListingContentField,
} from './content.js';
import { ListingTransitionNotAllowed, RenewTooSoon } from './errors.js';

/** `hidden`: taken out of sight after enough reports, until an admin restores or removes it. */
export type ListingStatus = 'active' | 'reserved' | 'sold' | 'withdrawn' | 'removed' | 'expired' | 'hidden';

/** Statuses only the owner and the campus's admins may see. */
export const PRIVATE_STATUSES: readonly ListingStatus[] = ['withdrawn', 'removed', 'hidden'];

/** Statuses shown in the feed and open to comments. */
export const LIVE_STATUSES: readonly ListingStatus[] = ['active', 'reserved'];

export interface PriceChange {
  readonly at: string;
  readonly from: Fen | null;
  readonly to: Fen | null;
}

/** One change of status, as the lifecycle recorded it; `by` is the student or admin, null for the system. */
export interface StatusChange {
  readonly from: ListingStatus | null;
  readonly to: ListingStatus;
  readonly at: string;
  readonly by: string | null;
  readonly reason: string | null;
}

export interface ContentChange {
  readonly fields: ListingContentField[];
  /** Set when the price went down: favoriters are told. */
  readonly priceDrop: { readonly from: Fen; readonly to: Fen } | null;
}

/** The owner marks a deal in progress, calls it off, or closes it. */
export type OwnerStatusChange = 'reserved' | 'active' | 'sold';

const OWNER_TRANSITIONS: Record<OwnerStatusChange, readonly ListingStatus[]> = {
  reserved: ['active'],
  active: ['reserved'],
  sold: ['active', 'reserved'],
};

/** Bumping to the top of the feed is limited so the feed is not a shouting match. */
export const RENEW_INTERVAL_MS = DAY_MS;

/**
 * A listing: an idle item, a second-hand book, or a wanted post. Changes go through methods that
 * enforce the lifecycle; the use case compares versions and writes events.
 */
export class Listing {
  id!: string;
  campusId!: string;
  ownerId!: string;
  kind!: ListingKind;
  title!: string;
  description!: string;
  price!: Fen | null;
  originalPrice!: Fen | null;
  categoryId!: string;
  /** Denormalised parent of categoryId, so the feed filters by either level on one index. */
  rootCategoryId!: string;
  condition!: Condition | null;
  areaId!: string | null;
  tradeMethods!: TradeMethod[];
  photos!: string[];
  book!: BookInfo | null;
  status!: ListingStatus;
  removalReason!: string | null;
  /** Increases on every change the owner could have seen; edits must name the version they saw. */
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  /** Feed position: set on publish and on renewal (擦亮). */
  listedAt!: Date;
  lastRenewedAt!: Date | null;
  expiresAt!: Date;
  viewCount!: number;
  favoriteCount!: number;
  commentCount!: number;
  /** 想要 marks: moved with them in the same unit of work, never by a save. */
  wantCount!: number;
  priceHistory!: PriceChange[];
  /**
   * Every change of status, oldest first, saved with the change itself. Listings published before it
   * was kept start with their first change after that.
   */
  statusHistory!: StatusChange[];
  /**
   * The owner is banned: kept out of the feed, search and recommendations until unbanned, whatever
   * the status (which the ban leaves alone, so an unban restores exactly what was there). Denormalised
   * so those reads need no join; only SetUserBan changes it, never a save.
   */
  ownerBanned!: boolean;

  static publish(input: {
    id: string;
    campusId: string;
    ownerId: string;
    kind: ListingKind;
    content: ListingContent;
    rootCategoryId: string;
    now: Date;
    lifetimeDays: number;
  }): Listing {
    const l = new Listing();
    l.id = input.id;
    l.campusId = input.campusId;
    l.ownerId = input.ownerId;
    l.kind = input.kind;
    l.applyContent(input.content);
    l.rootCategoryId = input.rootCategoryId;
    l.status = 'active';
    l.removalReason = null;
    l.version = 1;
    l.createdAt = input.now;
    l.updatedAt = input.now;
    l.listedAt = input.now;
    l.lastRenewedAt = null;
    l.expiresAt = addDays(input.now, input.lifetimeDays);
    l.viewCount = 0;
    l.favoriteCount = 0;
    l.commentCount = 0;
    l.wantCount = 0;
    l.priceHistory = [{ at: input.now.toISOString(), from: null, to: input.content.price }];
    l.statusHistory = [{ from: null, to: 'active', at: input.now.toISOString(), by: input.ownerId, reason: null }];
    l.ownerBanned = false;
    return l;
  }

  get isLive(): boolean {
    return LIVE_STATUSES.includes(this.status);
  }

  isExpiredAt(now: Date): boolean {
    return this.status === 'expired' || (this.isLive && this.expiresAt.getTime() <= now.getTime());
  }

  /** Applies the owner's edit; returns which fields really changed (none is fine: nothing happens). */
  edit(content: ListingContent, rootCategoryId: string, now: Date): Result<ContentChange, ListingTransitionNotAllowed> {
    if (!this.isLive && this.status !== 'expired') return err(new ListingTransitionNotAllowed(this.status, 'edited'));
    const fields = LISTING_CONTENT_FIELDS.filter((k) => JSON.stringify(content[k]) !== JSON.stringify(this[k]));
    if (fields.length === 0) return ok({ fields, priceDrop: null });
    const oldPrice = this.price;
    this.applyContent(content);
    this.rootCategoryId = rootCategoryId;
    let priceDrop: ContentChange['priceDrop'] = null;
    if (fields.includes('price')) {
      this.priceHistory = [...this.priceHistory, { at: now.toISOString(), from: oldPrice, to: content.price }];
      if (oldPrice !== null && content.price !== null && content.price < oldPrice) {
        priceDrop = { from: oldPrice, to: content.price };
      }
    }
    this.touch(now);
    return ok({ fields, priceDrop });
  }

  changeStatusByOwner(to: OwnerStatusChange, now: Date): Result<void, ListingTransitionNotAllowed> {
    if (!OWNER_TRANSITIONS[to].includes(this.status) || this.isExpiredAt(now)) {
      return err(new ListingTransitionNotAllowed(this.status, to));
    }
    this.status = to;
    this.touch(now);
    return okVoid;
  }

  withdraw(now: Date): Result<void, ListingTransitionNotAllowed> {
    if (!this.isLive && this.status !== 'expired')
      return err(new ListingTransitionNotAllowed(this.status, 'withdrawn'));
    this.status = 'withdrawn';
    this.touch(now);
    return okVoid;
  }

  /** Admins may take down anything not already taken down, whatever its state. */
  remove(reason: string, now: Date): Result<void, ListingTransitionNotAllowed> {
    if (this.status === 'removed') return err(new ListingTransitionNotAllowed(this.status, 'removed'));
    this.status = 'removed';
    this.removalReason = reason;
    this.touch(now);
    return okVoid;
  }

  /**
   * The status a removed listing had before its last removal: the one it goes back to when an admin
   * restores it. A listing hidden by reports before removal goes back to what it was before that;
   * null when the history does not say.
   */
  statusBeforeRemoval(): ListingStatus | null {
    let wanted: ListingStatus = 'removed';
    for (let i = this.statusHistory.length - 1; i >= 0; i--) {
      const change = this.statusHistory[i]!;
      if (change.to !== wanted) continue;
      if (change.from === null) return null;
      if (change.from !== 'hidden' && change.from !== 'removed') return change.from;
      wanted = change.from;
    }
    return null;
  }

  /** An admin takes back a removal: the listing returns to `to`, the status it had before. */
  restore(to: ListingStatus, now: Date): Result<void, ListingTransitionNotAllowed> {
    if (this.status !== 'removed' || to === 'removed' || to === 'hidden') {
      return err(new ListingTransitionNotAllowed(this.status, to));
    }
    this.status = to;
    this.removalReason = null;
    this.touch(now);
    return okVoid;
  }

  /** Called by the lifecycle with every save of a changed status, so the history is written with it. */
  noteStatusChange(from: ListingStatus, at: Date, by: string | null, reason: string | null): void {
    this.statusHistory = [...this.statusHistory, { from, to: this.status, at: at.toISOString(), by, reason }];
  }

  /** Out of sight pending review; only a live listing is hidden (others are out of sight already). */
  hide(now: Date): Result<void, ListingTransitionNotAllowed> {
    if (!this.isLive) return err(new ListingTransitionNotAllowed(this.status, 'hidden'));
    this.status = 'hidden';
    this.touch(now);
    return okVoid;
  }

  /** An admin found nothing wrong: back to the status it had when hidden. */
  unhide(to: 'active' | 'reserved', now: Date): Result<void, ListingTransitionNotAllowed> {
    if (this.status !== 'hidden') return err(new ListingTransitionNotAllowed(this.status, to));
    this.status = to;
    this.touch(now);
    return okVoid;
  }

  /** An admin refused a photo: it leaves the listing whatever its state. False when the listing did not use it. */
  dropPhoto(photoId: string, now: Date): boolean {
    if (!this.photos.includes(photoId)) return false;
    this.photos = this.photos.filter((id) => id !== photoId);
    this.touch(now);
    return true;
  }

  /** Called by the expiry sweep. */
  expire(now: Date): Result<void, ListingTransitionNotAllowed> {
    if (!this.isLive || this.expiresAt.getTime() > now.getTime()) {
      return err(new ListingTransitionNotAllowed(this.status, 'expired'));
    }
    this.status = 'expired';
    this.touch(now);
    return okVoid;
  }

  /** 擦亮: back to the top of the feed with a fresh lifetime; brings an expired listing back. */
  renew(now: Date, lifetimeDays: number): Result<void, ListingTransitionNotAllowed | RenewTooSoon> {
    if (!this.isLive && this.status !== 'expired') return err(new ListingTransitionNotAllowed(this.status, 'renewed'));
    const last = (this.lastRenewedAt ?? this.listedAt).getTime();
    if (this.status !== 'expired' && now.getTime() - last < RENEW_INTERVAL_MS) {
      return err(new RenewTooSoon(new Date(last + RENEW_INTERVAL_MS)));
    }
    if (this.status === 'expired') this.status = 'active';
    this.listedAt = now;
    this.lastRenewedAt = now;
    this.expiresAt = addDays(now, lifetimeDays);
    this.touch(now);
    return okVoid;
  }

  /**
   * 重新上架: a withdrawn listing goes back on sale with a fresh lifetime. It returns to the top of the
   * feed only when a 擦亮 would be allowed now, so withdrawing and relisting is no way around that limit.
   * Anything else not live (sold, removed, hidden) stays where it is; an expired one is renewed instead.
   */
  relist(now: Date, lifetimeDays: number): Result<void, ListingTransitionNotAllowed> {
    if (this.status !== 'withdrawn') return err(new ListingTransitionNotAllowed(this.status, 'relisted'));
    this.status = 'active';
    this.expiresAt = addDays(now, lifetimeDays);
    const last = (this.lastRenewedAt ?? this.listedAt).getTime();
    if (now.getTime() - last >= RENEW_INTERVAL_MS) {
      this.listedAt = now;
      this.lastRenewedAt = now;
    }
    this.touch(now);
    return okVoid;
  }

  private applyContent(c: ListingContent): void {
    Object.assign(this, contentOf(c));
  }

  private touch(now: Date): void {
    this.updatedAt = now;
    this.version += 1;
  }
}
