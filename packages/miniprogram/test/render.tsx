import { QueryClientProvider } from '@tanstack/react-query';
import { render as rtlRender, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { onTestFinished } from 'vitest';
import { createQueryClient, followSession } from '../src/api/query';

/**
 * Renders as the app does: inside a query cache that follows logins and logouts. Each call gets a
 * fresh cache that never retries, so one test's answers cannot leak into another's.
 */
export function render(ui: ReactElement, options?: RenderOptions) {
  const client = createQueryClient();
  client.setDefaultOptions({
    queries: { ...client.getDefaultOptions().queries, retry: false },
    mutations: { retry: false },
  });
  const unfollow = followSession(client);
  onTestFinished(() => {
    unfollow();
    client.clear();
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return rtlRender(ui, { wrapper, ...options });
}

/** The server's answers every page needs first: how it runs and which campus it serves by default. */
export const CLIENT_CONFIG = { mode: 'embedded', demoLogin: true, defaultCampusId: 'demo' };
