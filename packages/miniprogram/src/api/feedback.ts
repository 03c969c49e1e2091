import type { Feedback, FeedbackPage, SendFeedbackBody } from '@xianzhi/api/contract';
import { request } from './client';

export type { Feedback, FeedbackPage, SendFeedbackBody };

/** The API's limits: 1..1000 characters, at most three of my own photos. */
export const FEEDBACK_TEXT_MAX = 1000;
export const FEEDBACK_PHOTOS_MAX = 3;

export const feedbackKeys = { mine: ['me', 'feedback'] as const };

export const feedbackApi = {
  send: (body: SendFeedbackBody) => request<Feedback>('POST', '/v1/feedback', { body }),
  mine: (cursor?: string) => request<FeedbackPage>('GET', '/v1/me/feedback', { query: { cursor, limit: 20 } }),
};
