import { DomainError } from '../shared/errors.js';

export class NotificationNotFound extends DomainError<'NOTIFICATION_NOT_FOUND'> {
  readonly code = 'NOTIFICATION_NOT_FOUND' as const;
  constructor(id: string) {
    super('通知不存在', { id });
  }
}

export class DeadLetterNotFound extends DomainError<'DEAD_LETTER_NOT_FOUND'> {
  readonly code = 'DEAD_LETTER_NOT_FOUND' as const;
  constructor(id: string) {
    super('没有这条待处理的失败消息（可能已被重试）', { id });
  }
}
