import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminUserDetail, AdminUserRow } from '../src/api/types';
import { Users } from '../src/pages/users/Users';
import { aListing, aUser, refuse, stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

function detailOf(user: AdminUserRow): AdminUserDetail {
  return {
    user,
    verification: user.verified ? { state: 'verified', at: user.verifiedAt } : { state: 'none', at: null },
    listings: [aListing({ id: 'L7', title: '九成新台灯', status: 'sold' })],
    reports: [{ caseId: 'C1', reason: '诈骗', state: 'open', createdAt: '2026-11-21T08:00:00.000Z' }],
    bans: user.banned ? [{ banned: true, reason: '诈骗', at: '2026-11-22T08:00:00.000Z', actorId: 'adm-1' }] : [],
  };
}

/** A small user store: the list follows bans and releases made through it. */
function usersApi() {
  const users = new Map([
    ['u-alice', aUser()],
    ['u-carol', aUser({ id: 'u-carol', nickname: 'carol', verified: false, verifiedAt: null, listingCount: 0 })],
  ]);
  return (c: Call) => {
    if (c.path === '/v1/admin/users') {
      const q = c.query.get('q');
      const items = [...users.values()].filter((u) => !q || u.nickname.includes(q) || u.id === q);
      return { status: 200, body: { items, nextCursor: null } };
    }
    const m = /^\/v1\/admin\/(users|verifications)\/([^/]+)(?:\/(ban|unban|release))?$/.exec(c.path);
    const user = m && users.get(m[2]!);
    if (!m || !user) return undefined;
    if (!m[3]) return { status: 200, body: detailOf(user) };
    if (m[3] === 'release') users.set(user.id, { ...user, verified: false, verifiedAt: null });
    else users.set(user.id, { ...user, banned: m[3] === 'ban' });
    return { status: 200, body: { id: user.id } };
  };
}

/** The open modal titled `title` (the drawer is a dialog too). */
const modal = async (title: string) =>
  (await screen.findByText(title, { selector: '.ant-modal-title' })).closest<HTMLElement>('.ant-modal')!;

const row = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)!;

describe('用户 page', () => {
  it('lists the campus users with their state, and searches and filters through the API', async () => {
    const calls = stubFetch(usersApi());
    renderPage(<Users />);
    await screen.findByText('carol');
    expect(within(row('u-alice')).getByText('已认证')).toBeTruthy();
    expect(within(row('u-carol')).getByText('未认证')).toBeTruthy();
    expect(calls[0]!.query.get('campusId')).toBe('demo');

    fireEvent.change(screen.getByPlaceholderText('昵称或用户 ID'), { target: { value: 'car' } });
    fireEvent.keyDown(screen.getByPlaceholderText('昵称或用户 ID'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(document.querySelector('tr[data-row-key="u-alice"]')).toBeNull());
    expect(calls.at(-1)!.query.get('q')).toBe('car');

    fireEvent.mouseDown(screen.getByLabelText('封禁'));
    fireEvent.click(await screen.findByTitle('已封禁'));
    await waitFor(() => expect(calls.at(-1)!.query.get('banned')).toBe('true'));
    expect(calls.at(-1)!.query.get('q')).toBe('car');
  });

  it('opens a user with verification, listings, reports and bans, and bans them with a reason', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(usersApi());
    renderPage(<Users />);
    await user.click(await screen.findByRole('button', { name: 'alice' }));
    const detail = await screen.findByTestId('user-detail');
    expect(within(detail).getByText('九成新台灯')).toBeTruthy();
    expect(within(detail).getByText('诈骗')).toBeTruthy();
    expect(within(detail).getByText('没有封禁记录')).toBeTruthy();

    await user.click(within(detail).getByRole('button', { name: /封\s*禁/ }));
    const dialog = await modal('封禁用户');
    await user.click(within(dialog).getByRole('button', { name: '确认封禁' }));
    expect(await within(dialog).findByText('请填写封禁原因')).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/ban'))).toBe(false);

    await user.type(within(dialog).getByLabelText('封禁原因'), '多次发布虚假信息');
    await user.click(within(dialog).getByRole('button', { name: '确认封禁' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/v1/admin/users/u-alice/ban')?.body).toEqual({ reason: '多次发布虚假信息' }),
    );
    expect(await screen.findByText('已封禁', { selector: '.ant-message *' })).toBeTruthy();
    // The drawer and the list are fetched again and show the ban.
    await waitFor(() => expect(within(row('u-alice')).getByText('已封禁')).toBeTruthy());
    expect(await within(screen.getByTestId('user-detail')).findByRole('button', { name: '解除封禁' })).toBeTruthy();
  });

  it('releases a student number only after a confirmation with a reason', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(usersApi());
    renderPage(<Users />);
    await user.click(await screen.findByRole('button', { name: 'alice' }));
    const detail = await screen.findByTestId('user-detail');
    await user.click(within(detail).getByRole('button', { name: '解除学号绑定' }));
    const dialog = await modal('解除学号绑定');
    expect(within(dialog).getByText(/此操作不可撤销/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '取 消' }));
    expect(calls.some((c) => c.path.endsWith('/release'))).toBe(false);

    await user.click(within(detail).getByRole('button', { name: '解除学号绑定' }));
    await user.type(within(dialog).getByLabelText('解绑原因'), '学生毕业，学号转给新账号');
    await user.click(within(dialog).getByRole('button', { name: '确认解绑' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/v1/admin/verifications/u-alice/release')?.body).toEqual({
        reason: '学生毕业，学号转给新账号',
      }),
    );
    await waitFor(() => expect(within(row('u-alice')).getByText('未认证')).toBeTruthy());
  });

  it('shows an empty list, and the refusal of another campus', async () => {
    stubFetch((c) =>
      c.path === '/v1/admin/users' ? { status: 200, body: { items: [], nextCursor: null } } : undefined,
    );
    const { unmount } = renderPage(<Users />);
    expect(await screen.findByText('没有符合条件的用户')).toBeTruthy();
    unmount();
    stubFetch((c) =>
      c.path === '/v1/admin/users' ? refuse(403, 'ADMIN_SCOPE', '校区管理员只能管理本校区的内容') : undefined,
    );
    renderPage(<Users />, { campusId: 'north' });
    expect(await screen.findByText('校区管理员只能管理本校区的内容')).toBeTruthy();
    expect(screen.getByText('用户加载失败')).toBeTruthy();
  });
});
