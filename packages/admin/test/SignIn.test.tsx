import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../src/App';
import { refuse, stubFetch, type Call } from './fakeApi';
import { renderWithProviders } from './render';

const campusAdmin = { id: 'adm-1', username: 'wang', role: 'campus_admin', campusId: 'demo' };
const superAdmin = { id: 'adm-0', username: 'root', role: 'super_admin', campusId: null };
const session = (admin: object) => ({
  status: 200,
  body: { accessToken: 'tok-1', expiresAt: '2026-12-06T04:00:00.000Z', admin },
});
const campuses = {
  items: [
    { id: 'demo', name: '示例大学', verification: 'demo', contact: null },
    { id: 'north', name: '北方大学', verification: 'cas', contact: null },
  ],
  defaultCampusId: null,
};
const stats = (campusId: string) => ({
  campusId,
  campusName: campusId === 'north' ? '北方大学' : '示例大学',
  campuses: [],
  generatedAt: '2026-12-06T00:00:00.000Z',
  listings: { total: 0, byStatus: {}, byKind: {}, byStatusAndKind: [] },
  users: { total: 0, verified: 0, unverified: 0 },
  daily: [],
  topCategories: [],
  hotSearches: [],
  funnel: { listed: 0, favorited: 0, commented: 0, sold: 0 },
  topViewed: [],
});

/** The platform routes every sign-in scenario needs; `mode` is what `GET /v1/client-config` says. */
function platform(mode: 'production' | 'embedded', extra: (c: Call) => ReturnType<Parameters<typeof stubFetch>[0]>) {
  return stubFetch((c) => {
    if (c.path === '/v1/client-config')
      return { status: 200, body: { mode, demoLogin: mode === 'embedded', defaultCampusId: 'demo' } };
    if (c.path === '/v1/campuses') return { status: 200, body: campuses };
    if (c.path === '/v1/admin/stats') return { status: 200, body: stats(c.query.get('campusId')!) };
    if (c.path === '/v1/admin/search/blocked-terms') return { status: 200, body: { items: [] } };
    return extra(c);
  });
}

async function fillAndSubmit(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('用户名'), username);
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: /登\s*录/ }));
}

describe('sign-in', () => {
  it('signs any admin in through the form, shows their role and own campus, and signs out', async () => {
    let attempts = 0;
    const calls = platform('production', (c) => {
      if (c.path !== '/v1/admin/auth/login') return undefined;
      attempts += 1;
      return attempts === 1 ? refuse(401, 'INVALID_CREDENTIALS', '用户名或密码错误') : session(campusAdmin);
    });
    renderWithProviders(<App />);
    await fillAndSubmit('wang', 'wrong');
    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
    expect(localStorage.getItem('xz_admin_token')).toBeNull();
    // Production: the server says there is no demo account, so there is no button for it.
    expect(screen.queryByRole('button', { name: '演示账号登录' })).toBeNull();

    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'right-password' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    const account = await screen.findByTestId('account');
    expect(within(account).getByText('wang')).toBeTruthy();
    expect(within(account).getByText('校区管理员')).toBeTruthy();
    await waitFor(() => expect(within(account).getByTestId('own-campus').textContent).toBe('示例大学'));
    expect(screen.queryByLabelText('选择校区')).toBeNull();
    expect(calls.filter((c) => c.path === '/v1/admin/auth/login').map((c) => c.body)).toEqual([
      { username: 'wang', password: 'wrong' },
      { username: 'wang', password: 'right-password' },
    ]);
    expect(localStorage.getItem('xz_admin_token')).toBe('tok-1');
    // The dashboard loads the admin's own campus with the new token.
    await waitFor(
      () => {
        const last = calls.filter((c) => c.path === '/v1/admin/stats').at(-1);
        expect(last?.query.get('campusId')).toBe('demo');
        expect(last?.headers.Authorization).toBe('Bearer tok-1');
      },
      { timeout: 5000 },
    );

    fireEvent.click(within(account).getByRole('button', { name: '退出登录' }));
    expect(await screen.findByLabelText('用户名')).toBeTruthy();
    expect(localStorage.getItem('xz_admin_token')).toBeNull();
  });

  it('tells how long a locked-out address must wait', async () => {
    const retryAt = new Date(Date.now() + 14 * 60_000 + 5_000).toISOString();
    platform('production', (c) =>
      c.path === '/v1/admin/auth/login' ? refuse(429, 'TOO_MANY_ATTEMPTS', '登录失败次数过多', { retryAt }) : undefined,
    );
    renderWithProviders(<App />);
    await fillAndSubmit('wang', 'guess');
    expect((await screen.findByTestId('signin-error')).textContent).toContain('登录失败次数过多 请 15 分钟后再试。');
  });

  it('offers the demo button only in embedded mode, and it sends no password', async () => {
    const calls = platform('embedded', (c) => (c.path === '/v1/dev/admin-login' ? session(superAdmin) : undefined));
    renderWithProviders(<App />);
    fireEvent.click(await screen.findByRole('button', { name: '演示账号登录' }));
    const account = await screen.findByTestId('account');
    expect(within(account).getByText('超级管理员')).toBeTruthy();
    const demo = calls.find((c) => c.path === '/v1/dev/admin-login')!;
    expect(demo.method).toBe('POST');
    expect(JSON.stringify(demo.body ?? {})).not.toContain('password');
    expect(calls.some((c) => c.path === '/v1/admin/auth/login')).toBe(false);
  });

  it('lets a super admin pick the campus every page shows', async () => {
    const calls = platform('production', (c) => (c.path === '/v1/admin/auth/login' ? session(superAdmin) : undefined));
    renderWithProviders(<App />);
    await fillAndSubmit('root', 'pw');
    const picker = await screen.findByLabelText('选择校区');
    await waitFor(
      () =>
        expect(
          calls
            .filter((c) => c.path === '/v1/admin/stats')
            .at(-1)
            ?.query.get('campusId'),
        ).toBe('demo'),
      { timeout: 5000 },
    );
    fireEvent.mouseDown(picker);
    fireEvent.click(await screen.findByTitle('北方大学'));
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === '/v1/admin/stats')
          .at(-1)!
          .query.get('campusId'),
      ).toBe('north'),
    );
    expect(localStorage.getItem('xz_admin_campus')).toBe('north');
  });

  it('goes back to the form when the API no longer takes the token', async () => {
    localStorage.setItem('xz_admin_token', 'expired');
    platform('production', (c) =>
      c.path === '/v1/admin/me' ? refuse(401, 'UNAUTHENTICATED', '登录已过期') : undefined,
    );
    renderWithProviders(<App />);
    expect(await screen.findByLabelText('用户名')).toBeTruthy();
    expect(localStorage.getItem('xz_admin_token')).toBeNull();
  });
});
