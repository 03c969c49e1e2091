import { DomainError } from '../shared/errors.js';
import type { ListingStatus } from './listing.js';

export class ListingNotFound extends DomainError<'LISTING_NOT_FOUND'> {
  readonly code = 'LISTING_NOT_FOUND' as const;
  constructor(readonly listingId: string) {
    super('商品不存在或已被删除', { listingId });
  }
}

export class NotListingOwner extends DomainError<'NOT_LISTING_OWNER'> {
  readonly code = 'NOT_LISTING_OWNER' as const;
  constructor(readonly listingId: string) {
    super('只有发布者可以修改这条信息', { listingId });
  }
}

/** The client edited a copy that someone (often the same user on another phone) has since changed. */
export class ListingVersionConflict extends DomainError<'LISTING_VERSION_CONFLICT'> {
  readonly code = 'LISTING_VERSION_CONFLICT' as const;
  constructor(
    readonly listingId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super('信息已在别处被修改，请刷新后再试（你的修改未丢失，可重新提交）', {
      listingId,
      expectedVersion: expected,
      currentVersion: actual,
    });
  }
}

export class ListingTransitionNotAllowed extends DomainError<'LISTING_TRANSITION_NOT_ALLOWED'> {
  readonly code = 'LISTING_TRANSITION_NOT_ALLOWED' as const;
  constructor(
    readonly from: ListingStatus,
    readonly to: ListingStatus | 'edited' | 'renewed' | 'relisted',
  ) {
    super(`当前状态（${from}）不能执行此操作（${to}）`, { from, to });
  }
}

/** Only a removed listing can be restored. */
export class ListingNotRemoved extends DomainError<'LISTING_NOT_REMOVED'> {
  readonly code = 'LISTING_NOT_REMOVED' as const;
  constructor(
    readonly listingId: string,
    readonly status: ListingStatus,
  ) {
    super(`只有已被下架的商品可以恢复（当前状态：${status}）`, { listingId, status });
  }
}

export class RenewTooSoon extends DomainError<'RENEW_TOO_SOON'> {
  readonly code = 'RENEW_TOO_SOON' as const;
  constructor(readonly retryAt: Date) {
    super(`每天只能擦亮一次，请在 ${retryAt.toISOString()} 之后再试`, { retryAt: retryAt.toISOString() });
  }
}

export class InvalidIsbn extends DomainError<'INVALID_ISBN'> {
  readonly code = 'INVALID_ISBN' as const;
  constructor(readonly isbn: string) {
    super('ISBN 校验失败，请核对书背面的 10 位或 13 位 ISBN', [{ field: 'book.isbn', message: 'ISBN 校验位不正确' }]);
  }
}
