import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/client';
import type { Catalog } from '../api/types';

// The catalog changes rarely; every page shares one fetch per app launch.
let cached: Catalog | null = null;
let inflight: Promise<Catalog> | null = null;

export function loadCatalog(): Promise<Catalog> {
  if (cached) return Promise.resolve(cached);
  if (!inflight) {
    inflight = api
      .catalog()
      .then((c) => {
        cached = c;
        return c;
      })
      .finally(() => {
        inflight = null;
      });
  }
  return inflight;
}

/** Test hook: forget the shared catalog. */
export function resetCatalogCache(): void {
  cached = null;
  inflight = null;
}

export function useCatalog(): { catalog: Catalog | null; error: string | null; reload: () => void } {
  const [catalog, setCatalog] = useState<Catalog | null>(cached);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    loadCatalog().then(
      (c) => alive && (setCatalog(c), setError(null)),
      (e) => alive && setError(errorMessage(e)),
    );
    return () => {
      alive = false;
    };
  }, [attempt]);
  return { catalog, error, reload: () => setAttempt((n) => n + 1) };
}

export function areaName(catalog: Catalog | null, areaId: string | null | undefined): string {
  if (!catalog || !areaId) return '';
  return catalog.campus.areas.find((a) => a.id === areaId)?.name ?? '';
}
