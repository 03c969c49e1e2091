import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from './endpoints';

/** Cache keys of one listing's server state, shared by the detail, edit and 我的 pages. */
export const listingKeys = {
  detail: (id: string) => ['listing', id] as const,
  comments: (id: string) => ['listing', id, 'comments'] as const,
  mine: ['me', 'listings'] as const,
  favorites: ['me', 'favorites'] as const,
};

export function useListing(id: string) {
  return useQuery({ queryKey: listingKeys.detail(id), queryFn: () => api.listing(id), enabled: Boolean(id) });
}

/** After a change to a listing: its detail and the lists that show it are stale. */
export function invalidateListing(client: QueryClient, id: string): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: listingKeys.detail(id) }),
    client.invalidateQueries({ queryKey: listingKeys.mine }),
    client.invalidateQueries({ queryKey: listingKeys.favorites }),
  ]);
}
