import { DomainError } from '../shared/errors.js';

export class FeedbackNotFound extends DomainError<'FEEDBACK_NOT_FOUND'> {
  readonly code = 'FEEDBACK_NOT_FOUND' as const;
  constructor(readonly feedbackId: string) {
    super('反馈不存在', { feedbackId });
  }
}

export class FeedbackClosed extends DomainError<'FEEDBACK_CLOSED'> {
  readonly code = 'FEEDBACK_CLOSED' as const;
  constructor(readonly feedbackId: string) {
    super('这条反馈已关闭，不能再回复', { feedbackId });
  }
}

export class FeedbackLimitReached extends DomainError<'FEEDBACK_LIMIT_REACHED'> {
  readonly code = 'FEEDBACK_LIMIT_REACHED' as const;
  constructor(
    readonly limit: number,
    readonly retryAt: Date,
  ) {
    super(`每天最多提交 ${limit} 条反馈，请稍后再试`, { limit, retryAt: retryAt.toISOString() });
  }
}
