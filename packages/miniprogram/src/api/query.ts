import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

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
