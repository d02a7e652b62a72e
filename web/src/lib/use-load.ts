import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from './api.js';

export type Loaded<T> =
  | { state: 'loading'; data: T | undefined }
  | { state: 'error'; error: ApiError; data: T | undefined }
  | { state: 'ok'; data: T };

function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ title: 'Error', status: 0, detail: (e as Error).message ?? String(e) });
}

/**
 * Runs `load` whenever `key` changes and keeps the latest answer. The previous data stays available while a new
 * request runs (a chart keeps its points while the date slider moves), and an answer to a superseded request is
 * dropped. `key` null means "nothing to load yet".
 */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> & { reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading', data: undefined });
  const [generation, setGeneration] = useState(0);
  // The loader is a fresh closure every render; only `key` decides when to fetch again.
  const runLoad = useEffectEvent(load);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setResult((r) => ({ state: 'loading', data: r.data }));
    runLoad(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ state: 'ok', data });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setResult((r) => ({ state: 'error', error: asApiError(e), data: r.data }));
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...result, reload };
}

/** State for a form submission: pending while the call runs, then its result or its problem. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [state, setState] = useState<{ pending: boolean; error: ApiError | null; result: T | null }>({ pending: false, error: null, result: null });
  // `run` stays the same function across renders (effects may depend on it) and calls the latest `action`.
  const latest = useRef(action);
  useLayoutEffect(() => {
    latest.current = action;
  });
  const run = useCallback(async (...args: A): Promise<T | null> => {
    setState((s) => ({ ...s, pending: true, error: null }));
    try {
      const result = await latest.current(...args);
      setState({ pending: false, error: null, result });
      return result;
    } catch (e) {
      setState({ pending: false, error: asApiError(e), result: null });
      return null;
    }
  }, []);
  return { ...state, run };
}
