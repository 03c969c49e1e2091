import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { vi } from 'vitest';
import { createQueryClient } from '../src/api/query';
import type { AdminProfile } from '../src/api/types';
import { SessionContext, type Session } from '../src/session/context';

export const campusAdmin: AdminProfile = { id: 'adm-1', username: 'wang', role: 'campus_admin', campusId: 'demo' };

/** The app's providers around `ui`: a fresh query cache (no retries, so failures show at once), antd in zh-CN. */
export function renderWithProviders(ui: ReactElement) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } });
  return render(
    <QueryClientProvider client={client}>
      <ConfigProvider locale={zhCN}>
        <AntApp>{ui}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>,
  );
}

/** A page as a signed-in admin sees it, on campus `demo` unless told otherwise. */
export function renderPage(ui: ReactElement, over: Partial<Session> = {}) {
  const session: Session = {
    admin: campusAdmin,
    campusId: 'demo',
    campusName: '示例大学',
    campuses: [{ id: 'demo', name: '示例大学', verification: 'demo', contact: null }],
    setCampusId: vi.fn(),
    signOut: vi.fn(),
    ...over,
  };
  return renderWithProviders(<SessionContext.Provider value={session}>{ui}</SessionContext.Provider>);
}
