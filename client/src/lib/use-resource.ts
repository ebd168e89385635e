import { useCallback, useEffect, useState } from 'react';

export interface Resource<T> {
  /** The last value loaded; kept while reloading, so lists do not flash empty. */
  data: T | null;
  /** What went wrong with the last load, in words a person can read. */
  error: string | null;
  loading: boolean;
  /** Loads again (after a change, or from a "Try again" button). */
  reload: () => void;
}

/**
 * Loads something once on mount and again on `reload()`. `load` must be stable (defined at module level or
 * memoised); an answer that arrives after unmount or after a newer load is ignored.
 */
export function useResource<T>(load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => {
        if (current) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        const error = err instanceof Error ? err.message : 'Something went wrong. Try again.';
        if (current) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [load, version]);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    setVersion((v) => v + 1);
  }, []);

  return { ...state, reload };
}
