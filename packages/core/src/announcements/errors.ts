import { DomainError } from '../shared/errors.js';

export class BannerNotFound extends DomainError<'BANNER_NOT_FOUND'> {
  readonly code = 'BANNER_NOT_FOUND' as const;
  constructor(readonly bannerId: string) {
    super('轮播图不存在或已被删除', { bannerId });
  }
}

/** Also what students get for a notice that is scheduled or ended: only live notices are public. */
export class NoticeNotFound extends DomainError<'NOTICE_NOT_FOUND'> {
  readonly code = 'NOTICE_NOT_FOUND' as const;
  constructor(readonly noticeId: string) {
    super('通知不存在或已下线', { noticeId });
  }
}
