import { QueryClient } from '@tanstack/react-query';
import { ApiError, onSessionChange } from './client';

/**
 * The one server-state cache of the app (TanStack Query runs under Taro React on QQ and H5 alike).
 * Client errors (4xx) are answers and are shown at once; network failures and 5xx are retried twice.
 * A phone has no window focus worth refetching on; pages refresh on pull-down and on show instead.
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
 * A login or logout changes whose data every answer was: recommendations, the profile, the unread
 * count. Reset the whole cache then (active queries load again); a token refresh changes nothing.
 */
export function followSession(client: QueryClient): () => void {
  return onSessionChange((change) => {
    if (change !== 'refresh') void client.resetQueries();
  });
}
