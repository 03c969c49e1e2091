import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import { api } from '../api/endpoints';
import { keys, useCampus } from '../api/queries';
import type { Catalog } from '../api/types';

/**
 * The catalog (categories, conditions, areas) of the campus being browsed. It changes rarely: one
 * fetch per campus serves every page for ten minutes.
 */
export function useCatalog(): { catalog: Catalog | null; error: string | null; reload: () => void } {
  const { campusId } = useCampus();
  const q = useQuery({
    queryKey: keys.catalog(campusId),
    queryFn: () => api.catalog(campusId!),
    enabled: campusId !== null,
    staleTime: 10 * 60_000,
  });
  return { catalog: q.data ?? null, error: q.error ? errorMessage(q.error) : null, reload: () => void q.refetch() };
}

export function areaName(catalog: Catalog | null, areaId: string | null | undefined): string {
  if (!catalog || !areaId) return '';
  return catalog.campus.areas.find((a) => a.id === areaId)?.name ?? '';
}
