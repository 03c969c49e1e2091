import { useInfiniteQuery, type InfiniteData, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { errorMessage } from './client';
import { api } from './endpoints';
import type { ListingQuery, SearchQuery } from './types';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const cursorPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: Page<unknown>) => last.nextCursor ?? undefined,
};

/** The campus feed with its filters (`GET /v1/listings`); idle until the campus is known. */
export function useListingFeed(
  campusId: string | null,
  query: Omit<ListingQuery, 'cursor' | 'campusId'>,
  enabled = true,
) {
  return useInfiniteQuery({
    queryKey: ['feed', campusId, query],
    queryFn: ({ pageParam }) => api.listings(campusId!, { ...query, cursor: pageParam }),
    enabled: enabled && campusId !== null,
    ...cursorPaging,
  });
}

/** 推荐: personal when signed in with some history, the campus's favourites otherwise (`mode`). */
export function useRecommendations(campusId: string | null, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['recommendations', campusId],
    queryFn: ({ pageParam }) => api.recommendations(campusId!, pageParam),
    enabled: enabled && campusId !== null,
    ...cursorPaging,
  });
}

export function useSearch(campusId: string | null, query: Omit<SearchQuery, 'cursor' | 'campusId'> | null) {
  return useInfiniteQuery({
    queryKey: ['search', campusId, query],
    queryFn: ({ pageParam }) => api.search(campusId!, { ...query!, cursor: pageParam }),
    enabled: campusId !== null && query !== null,
    ...cursorPaging,
  });
}

export function useUserListings(userId: string) {
  return useInfiniteQuery({
    queryKey: ['user-listings', userId],
    queryFn: ({ pageParam }) => api.userListings(userId, pageParam),
    enabled: userId !== '',
    ...cursorPaging,
  });
}

export function useNotifications(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['user', 'notifications'],
    queryFn: ({ pageParam }) => api.notifications(pageParam),
    enabled,
    ...cursorPaging,
  });
}

/** What a page shows of a cursor-paged list: every item so far, and the states around them. */
export interface PagedList<T> {
  items: T[];
  /** The first page or the next one is on its way. */
  loading: boolean;
  error: string | null;
  /** Nothing more to load (also true before the first page). */
  done: boolean;
  /** The next page, if there is one and none is on its way (scrolled to the bottom, or 加载更多). */
  more: () => void;
  /** After an error: the page that failed again; otherwise everything from the start. */
  retry: () => void;
}

export function paged<T>(q: UseInfiniteQueryResult<InfiniteData<Page<T>>>): PagedList<T> {
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const firstLoad = q.isPending && q.fetchStatus !== 'idle';
  const more = () => {
    if (q.hasNextPage && !q.isFetching) void q.fetchNextPage();
  };
  return {
    items,
    loading: firstLoad || q.isFetchingNextPage || (q.isRefetching && items.length === 0),
    error: q.error ? errorMessage(q.error) : null,
    done: !q.hasNextPage,
    more,
    retry: () => void (q.isFetchNextPageError ? q.fetchNextPage() : q.refetch()),
  };
}
