/** Small hooks the views share: a ticking clock, and data loaded from the UI contract. */
import { useCallback, useEffect, useRef, useState } from 'react';

/** The current time, re-read every `everyMs` (countdowns, "5 min ago"). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export type Query<T> = { data: T | undefined; error: string | null; reload: () => void };

/**
 * Loads with `load` now and whenever `version` (bumped by hub events) or `key` changes. Keeps the
 * last good data while reloading, and drops answers that arrive after a newer request.
 */
export function useQuery<T>(load: () => Promise<T>, version: number, key = ''): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const run = useCallback(() => {
    const ticket = ++latest.current;
    loader.current().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(null);
      },
      (e: unknown) => {
        if (ticket === latest.current) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);
  useEffect(() => {
    setData(undefined);
  }, [key]);
  useEffect(run, [run, version, key]);
  return { data, error, reload: run };
}

/** An action's error, shown beside the control that ran it. */
export function useAction(): [string | null, (run: () => Promise<unknown>) => void] {
  const [error, setError] = useState<string | null>(null);
  const act = (run: () => Promise<unknown>): void => {
    setError(null);
    run().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return [error, act];
}
