import { defineConfig } from 'vitest/config';

// Component tests run the H5 flavour of the app in jsdom: `@tarojs/components` is swapped for its
// React implementation, Taro's build-time constants are defined here, and `@tarojs/taro` is a
// hand-written fake (test/taro-mock.ts) so no test touches a network or a mini-program runtime.
/** Test files that vi.mock a module of the app itself (src/…). */
const MOCKS_APP_MODULES = ['test/Comments.test.tsx'];

export default defineConfig({
  resolve: {
    alias: [{ find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' }],
    // @tarojs/components imports react without declaring it as a peer, so pnpm leaves it to
    // whatever react is hoisted in the workspace — the admin's React 19. Pin it to ours (18).
    dedupe: ['react', 'react-dom'],
  },
  define: {
    'process.env.TARO_ENV': JSON.stringify('h5'),
    'process.env.TARO_PLATFORM': JSON.stringify('web'),
    XZ_API_BASE: JSON.stringify(''),
    ENABLE_INNER_HTML: 'true',
    ENABLE_ADJACENT_HTML: 'true',
    ENABLE_SIZE_APIS: 'true',
    ENABLE_TEMPLATE_CONTENT: 'true',
    ENABLE_CLONE_NODE: 'true',
    ENABLE_CONTAINS: 'true',
    ENABLE_MUTATION_OBSERVER: 'true',
    DEPRECATED_ADAPTER_COMPONENT: 'false',
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    server: { deps: { inline: [/@tarojs\//] } },
    // One jsdom and one module graph per worker rather than per file: about a third of the time. A file that
    // replaces one of the app's own modules with vi.mock needs a graph of its own (a shared graph may already
    // hold the real module), so it runs isolated.
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['test/**/*.test.{ts,tsx}'], exclude: MOCKS_APP_MODULES, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: MOCKS_APP_MODULES } },
    ],
  },
});
