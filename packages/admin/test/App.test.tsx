import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { describe, expect, it } from 'vitest';
import { App } from '../src/App';
import { catalog, stubFetch } from './fakeApi';

function renderApp() {
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>,
  );
}

const admin = { id: 'adm-1', username: 'wang', role: 'campus_admin', campusId: 'demo' };

describe('admin shell', () => {
  it('navigates to the read-only category tree', async () => {
    const user = userEvent.setup();
    stubFetch((c) => {
      if (c.path === '/v1/catalog') return { status: 200, body: catalog };
      // Signed out: the API refuses the dashboard's statistics.
      if (c.path === '/v1/admin/stats')
        return { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } };
      return undefined;
    });
    renderApp();
    expect(await screen.findByText('请先登录管理员账号')).toBeTruthy();
    await user.click(within(screen.getByRole('menu')).getByText('分类'));
    expect(await screen.findByText('书籍教材（1）')).toBeTruthy();
    expect(screen.getByText('教材')).toBeTruthy();
    expect(window.location.hash).toBe('#/categories');
  });

  it('signs in with the demo admin account, keeps the token in localStorage and sends it', async () => {
    const user = userEvent.setup();
    const calls = stubFetch((c) => {
      if (c.path === '/v1/admin/auth/login')
        return { status: 200, body: { accessToken: 'adm-1', expiresAt: '2026-09-01T04:00:00.000Z', admin } };
      return undefined;
    });
    renderApp();
    await user.click(await screen.findByRole('button', { name: '演示账号登录（admin）' }));
    expect(await screen.findByText('wang')).toBeTruthy();
    expect(screen.getByText('校区管理员')).toBeTruthy();
    expect(localStorage.getItem('xz_admin_token')).toBe('adm-1');
    expect(calls.find((c) => c.path === '/v1/admin/auth/login')!.body).toEqual({
      username: 'admin',
      password: 'xianzhi-admin-demo',
    });
    // The dashboard refetches with the new session and sends the bearer token.
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/v1/admin/stats').at(-1)!.headers.Authorization).toBe('Bearer adm-1'),
    );
  });
});
