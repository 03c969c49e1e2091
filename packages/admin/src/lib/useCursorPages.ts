import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';

export interface CursorPages<T> {
  readonly items: T[];
  /** For removing a row once it is dealt with, without reloading. */
  readonly setItems: Dispatch<SetStateAction<T[]>>;
  readonly cursor: string | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** The first page without a cursor; the next one appended with it. */
  readonly load: (after?: string) => Promise<void>;
}

/** A cursor-paged list loaded on mount, for the admin's queues (reports, dead letters). */
export function useCursorPages<T>(
  fetchPage: (after?: string) => Promise<{ items: T[]; nextCursor: string | null }>,
): CursorPages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      setError(null);
      try {
        const page = await fetchPage(after);
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => void load(), [load]);

  return { items, setItems, cursor, loading, error, load };
}
