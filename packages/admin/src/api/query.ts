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
