import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../api';

export interface Query<T> {
  data: T | undefined;
  error: ApiFailure | null;
  loading: boolean;
  reload: () => void;
}

const asFailure = (e: unknown): ApiFailure => (e instanceof ApiFailure ? e : new ApiFailure(0, 'client_error', e instanceof Error ? e.message : String(e)));

/**
 * Runs `fn` whenever `key` changes and keeps the last answer while the next one loads, so
 * changing a filter does not blank the page. Out-of-order answers are dropped.
 */
export function useQuery<T>(fn: () => Promise<T>, key: string, enabled = true): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const id = ++latest.current;
    setLoading(true);
    fn().then(
      (d) => {
        if (id !== latest.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== latest.current) return;
        setError(asFailure(e));
        setLoading(false);
      },
    );
  }, [key, tick, enabled]);
  return { data, error, loading, reload: useCallback(() => setTick((t) => t + 1), []) };
}

export interface Mutation<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: ApiFailure | null;
  reset: () => void;
}

/** A write: `run` resolves to the answer, or to undefined after showing the error. */
export function useMutation<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Mutation<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn(...args);
    } catch (e) {
      setError(asFailure(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, reset: () => setError(null) };
}
