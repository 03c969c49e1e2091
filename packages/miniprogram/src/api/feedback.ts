import { request } from './client';

/** `Feedback` of spec 11-12: what a student wrote, with the admins' replies. */
export interface Feedback {
  id: string;
  campusId: string;
  text: string;
  photos: { id: string; url: string }[];
  state: 'open' | 'answered' | 'closed';
  createdAt: string;
  updatedAt: string;
  replies: { id: string; text: string; at: string }[];
}

export interface FeedbackPage {
  items: Feedback[];
  nextCursor: string | null;
}

export interface SendFeedbackBody {
  text: string;
  photoIds?: string[];
}

/** The API's limits: 1..1000 characters, at most three of my own photos. */
export const FEEDBACK_TEXT_MAX = 1000;
export const FEEDBACK_PHOTOS_MAX = 3;

export const feedbackKeys = { mine: ['me', 'feedback'] as const };

export const feedbackApi = {
  send: (body: SendFeedbackBody) => request<Feedback>('POST', '/v1/feedback', { body }),
  mine: (cursor?: string) => request<FeedbackPage>('GET', '/v1/me/feedback', { query: { cursor, limit: 20 } }),
};
