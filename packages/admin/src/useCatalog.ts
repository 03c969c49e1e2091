import { useEffect, useState } from 'react';
import { api } from './api/client';
import type { Catalog } from './api/types';

export function useCatalog(): { catalog: Catalog | null; error: string | null } {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api.catalog().then(
      (c) => alive && setCatalog(c),
      (e: Error) => alive && setError(e.message),
    );
    return () => {
      alive = false;
    };
  }, []);
  return { catalog, error };
}
