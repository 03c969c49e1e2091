import { DomainError } from '../shared/errors.js';

export class CommentNotFound extends DomainError<'COMMENT_NOT_FOUND'> {
  readonly code = 'COMMENT_NOT_FOUND' as const;
  constructor(readonly commentId: string) {
    super('留言不存在或已删除', { commentId });
  }
}

export class NotCommentModerator extends DomainError<'NOT_COMMENT_MODERATOR'> {
  readonly code = 'NOT_COMMENT_MODERATOR' as const;
  constructor(readonly commentId: string) {
    super('只有留言者或商品发布者可以删除这条留言', { commentId });
  }
}

export class ListingNotOpen extends DomainError<'LISTING_NOT_OPEN'> {
  readonly code = 'LISTING_NOT_OPEN' as const;
  constructor(
    readonly listingId: string,
    readonly status: string,
  ) {
    super('该商品已下架或售出，无法操作', { listingId, status });
  }
}
