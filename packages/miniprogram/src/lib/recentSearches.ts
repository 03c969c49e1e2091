import Taro from '@tarojs/taro';

// Kept on the phone only: the server counts searches without knowing who made them.
const KEY = 'xz.recentSearches';
export const MAX_RECENT = 10;

export function loadRecentSearches(): string[] {
  const raw: unknown = Taro.getStorageSync(KEY);
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
}

/** Newest first, each query once (compared without surrounding spaces), at most ten. */
export function rememberSearch(query: string): string[] {
  const q = query.trim();
  if (!q) return loadRecentSearches();
  const next = [q, ...loadRecentSearches().filter((x) => x !== q)].slice(0, MAX_RECENT);
  Taro.setStorageSync(KEY, next);
  return next;
}

export function clearRecentSearches(): void {
  Taro.removeStorageSync(KEY);
}
