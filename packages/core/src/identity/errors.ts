import { DomainError } from '../shared/errors.js';

export class NotAuthenticated extends DomainError<'UNAUTHENTICATED'> {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor() {
    super('请先登录');
  }
}

export class NotVerified extends DomainError<'NOT_VERIFIED'> {
  readonly code = 'NOT_VERIFIED' as const;
  constructor(action: string) {
    super(`完成学生身份验证后才能${action}`, { action });
  }
}

export class UserBanned extends DomainError<'USER_BANNED'> {
  readonly code = 'USER_BANNED' as const;
  constructor() {
    super('账号已被封禁，无法进行此操作');
  }
}

export class AdminOnly extends DomainError<'ADMIN_ONLY'> {
  readonly code = 'ADMIN_ONLY' as const;
  constructor() {
    super('仅管理员可以进行此操作');
  }
}

export class UserNotFound extends DomainError<'USER_NOT_FOUND'> {
  readonly code = 'USER_NOT_FOUND' as const;
  constructor(readonly userId: string) {
    super('用户不存在', { userId });
  }
}

export class CampusNotFound extends DomainError<'CAMPUS_NOT_FOUND'> {
  readonly code = 'CAMPUS_NOT_FOUND' as const;
  constructor(readonly campusId: string) {
    super('校园不存在', { campusId });
  }
}
