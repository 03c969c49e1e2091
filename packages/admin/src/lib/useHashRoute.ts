import { useSyncExternalStore } from 'react';

export const ROUTES = [
  'dashboard',
  'synonyms',
  'listings',
  'users',
  'categories',
  'banners',
  'notices',
  'feedback',
  'moderation',
  'dead-letters',
  'audit-log',
] as const;
export type RouteKey = (typeof ROUTES)[number];

function read(): RouteKey {
  const key = window.location.hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(key) ? (key as RouteKey) : 'dashboard';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Hash routes (#/listings) so the static build works under /admin/ without server rewrites. */
export function useHashRoute(): [RouteKey, (key: RouteKey) => void] {
  const route = useSyncExternalStore(subscribe, read);
  return [route, (key) => (window.location.hash = `#/${key}`)];
}
