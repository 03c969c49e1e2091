import { CloseFeedback, ListFeedbackForAdmin, ListMyFeedback, ReplyToFeedback, SendFeedback } from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { feedbackRoutes } from '../http/routes/feedback.js';
import { Feedback } from './feedback-tokens.js';
import { Moderation } from './moderation-tokens.js';
import { factory, named } from './token.js';
import { Core, HttpRoutes, Ports } from './tokens.js';

/**
 * 意见反馈: the student's text is screened as comments are; an answer reaches the inbox through the
 * outbox (FeedbackReplied) and the notification rules the worker already runs.
 */
export const feedbackModule = new ContainerModule(({ bind }) => {
  named(bind(Feedback.Send), (deps) => new SendFeedback(deps), {
    feedback: Ports.Feedback,
    photos: Ports.Photos,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
    screening: Moderation.Screening,
  });
  factory(bind(Feedback.Mine), (feedback) => new ListMyFeedback(feedback), [Ports.Feedback]);
  factory(bind(Feedback.ForAdmin), (feedback, users) => new ListFeedbackForAdmin(feedback, users), [
    Ports.Feedback,
    Ports.Users,
  ]);
  named(bind(Feedback.Reply), (deps) => new ReplyToFeedback(deps), {
    feedback: Ports.Feedback,
    users: Ports.Users,
    outbox: Ports.Outbox,
    events: Core.Events,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
  });
  named(bind(Feedback.Close), (deps) => new CloseFeedback(deps), {
    feedback: Ports.Feedback,
    users: Ports.Users,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
  });
  named(bind(HttpRoutes.Api), feedbackRoutes, {
    send: Feedback.Send,
    mine: Feedback.Mine,
    forAdmin: Feedback.ForAdmin,
    reply: Feedback.Reply,
    close: Feedback.Close,
  });
});
