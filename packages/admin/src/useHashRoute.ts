import { useEffect, useState } from 'react';

export type RouteKey = 'dashboard' | 'listings' | 'categories' | 'moderation' | 'dead-letters';
const ROUTES: RouteKey[] = ['dashboard', 'listings', 'categories', 'moderation', 'dead-letters'];

function read(): RouteKey {
  const key = window.location.hash.replace(/^#\/?/, '') as RouteKey;
  return ROUTES.includes(key) ? key : 'dashboard';
}

/** Hash routes (#/listings) so the static build works under /admin/ without server rewrites. */
export function useHashRoute(): [RouteKey, (key: RouteKey) => void] {
  const [route, setRoute] = useState<RouteKey>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [route, (key) => (window.location.hash = `#/${key}`)];
}
