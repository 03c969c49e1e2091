import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

vi.mock('@tarojs/taro', async () => (await import('./taro-mock')).taroModule);

// Taro's lazy-loading <Image> watches visibility; jsdom has no IntersectionObserver.
class NoopIntersectionObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
globalThis.IntersectionObserver ??= NoopIntersectionObserver as unknown as typeof IntersectionObserver;

beforeEach(async () => {
  (await import('./taro-mock')).resetTaro();
});

afterEach(() => {
  cleanup();
});
