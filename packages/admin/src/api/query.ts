import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/**
 * The one server-state cache of the back office. Client errors (4xx) are answers, not glitches: they are
 * shown at once instead of retried; network failures and 5xx are retried twice.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}

/**
 * Query keys, by area: a mutation invalidates its area's prefix (every campus, filter and page of it).
 * The campus is part of every campus-scoped key, so switching campus never shows another campus's rows.
 */
export const keys = {
  me: ['me'] as const,
  clientConfig: ['client-config'] as const,
  campuses: ['campuses'] as const,
  stats: (campusId: string) => ['stats', campusId] as const,
  blockedTerms: (campusId: string) => ['blocked-terms', campusId] as const,
  synonyms: (campusId: string) => ['synonyms', campusId] as const,
  listings: ['listings'] as const,
  listing: (id: string) => ['listing', id] as const,
  users: ['users'] as const,
  user: (id: string) => ['user', id] as const,
  userTrades: (id: string) => ['user', id, 'trades'] as const,
  userRatings: (id: string) => ['user', id, 'ratings'] as const,
  categories: (campusId: string) => ['categories', campusId] as const,
  banners: (campusId: string) => ['banners', campusId] as const,
  notices: (campusId: string) => ['notices', campusId] as const,
  feedback: ['feedback'] as const,
  audit: ['audit'] as const,
  reviewCases: ['review-cases'] as const,
  deadLetters: ['dead-letters'] as const,
};
