import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The API server serves this build under /admin/ and answers /v1/... on the same origin.
// `pnpm dev` proxies /v1 to a local API (XZ_API_URL, default http://127.0.0.1:8080, where the API listens
// unless XZ_PORT says otherwise).
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // React changes less often than our code: its own chunk stays cached across deploys. antd is left to
        // the page chunks on purpose: each page (lazy, src/routes.tsx) brings the components it uses, so the
        // first load carries only the shell's and the sign-in form's, and ECharts only comes with the charts.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 }],
        },
      },
    },
  },
  server: {
    proxy: { '/v1': process.env.XZ_API_URL ?? 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 15_000,
    // One jsdom and one module graph (antd, ECharts) per worker rather than per file: less than half the time.
    // No test file replaces an app module with vi.mock; one that does would need a project of its own.
    isolate: false,
  },
});
