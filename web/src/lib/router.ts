import { useSyncExternalStore } from 'react';

/**
 * Hash routing (`#/chips/nvidia-h20?on=2024-01-01`): the server only has to serve index.html at `/`, and every
 * view, with its date or order in the query, is a link someone can share.
 */
export interface Route {
  /** Path segments after `#/`, decoded: `['chips', 'nvidia-h20']`. */
  segments: string[];
  query: URLSearchParams;
}

export type QueryValues = Record<string, string | number | boolean | undefined | null>;

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q === -1 ? body : body.slice(0, q);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { segments, query: new URLSearchParams(q === -1 ? '' : body.slice(q + 1)) };
}

/** `href('chips', 'nvidia-h20', { on: '2024-01-01' })` → `#/chips/nvidia-h20?on=2024-01-01`; empty values are left out. */
export function href(...parts: (string | QueryValues)[]): string {
  const segments: string[] = [];
  const params = new URLSearchParams();
  for (const part of parts) {
    if (typeof part === 'string') segments.push(encodeURIComponent(part));
    else for (const [k, v] of Object.entries(part)) if (v !== undefined && v !== null && v !== '' && v !== false) params.set(k, String(v));
  }
  return `#/${segments.join('/')}${params.size ? `?${params}` : ''}`;
}

/** Goes to a hash route; `replace` rewrites the current history entry (a slider moving should not fill history). */
export function navigate(target: string, { replace = false } = {}): void {
  if (replace) {
    history.replaceState(history.state, '', target);
    // replaceState does not fire hashchange; tell subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target.replace(/^#/, '');
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseHash(hash);
}
