import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Notice, CreateNoticeBody } from '../src/api/types';
import { Notices } from '../src/pages/notices/Notices';
import { stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

const aNotice = (id: string, over: Partial<Notice> = {}): Notice => ({
  id,
  campusId: 'demo',
  title: `公告 ${id}`,
  body: '正文',
  pinned: false,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  state: 'live',
  ...over,
});

function noticesApi(initial: Notice[]) {
  let notices = [...initial];
  return (c: Call) => {
    if (c.path === '/v1/admin/banners') return { status: 200, body: { items: [] } };
    if (c.path === '/v1/admin/notices' && c.method === 'GET') return { status: 200, body: { items: notices } };
    if (c.path === '/v1/admin/notices' && c.method === 'POST') {
      const created = aNotice('N-new', c.body as CreateNoticeBody);
      notices = [created, ...notices];
      return { status: 201, body: created };
    }
    const m = /^\/v1\/admin\/notices\/([^/]+)$/.exec(c.path);
    if (m && c.method === 'PATCH') {
      notices = notices.map((n) => (n.id === m[1] ? { ...n, ...(c.body as Partial<Notice>) } : n));
      return { status: 200, body: notices.find((n) => n.id === m[1]) };
    }
    return undefined;
  };
}

const row = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)!;

describe('公告 page', () => {
  it('publishes a pinned notice, previewed at phone width before saving', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(noticesApi([aNotice('N1', { title: '失物招领', state: 'ended' })]));
    renderPage(<Notices />);
    await screen.findByText('失物招领');
    expect(within(row('N1')).getByText('已结束')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /发布公告/ }));
    const drawer = (await screen.findByText('发布公告', { selector: '.ant-drawer-title' })).closest<HTMLElement>(
      '.ant-drawer',
    )!;
    await user.type(within(drawer).getByLabelText('标题'), '期末回收教材');
    await user.type(within(drawer).getByLabelText('正文'), '12 月 20 日图书馆门口');
    await user.click(within(drawer).getByRole('switch', { name: '置顶' }));
    expect(within(within(drawer).getByTestId('phone-preview')).getByText('期末回收教材')).toBeTruthy();
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        campusId: 'demo',
        title: '期末回收教材',
        body: '12 月 20 日图书馆门口',
        pinned: true,
        endsAt: null,
      }),
    );
    await waitFor(() => expect(within(row('N-new')).getByText('置顶')).toBeTruthy());
  });

  it('edits a notice from its current values', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(noticesApi([aNotice('N1', { title: '失物招领' })]));
    renderPage(<Notices />);
    await waitFor(() => expect(row('N1')).not.toBeNull());
    await user.click(within(row('N1')).getByRole('button', { name: /编\s*辑/ }));
    const drawer = (await screen.findByText('编辑公告', { selector: '.ant-drawer-title' })).closest<HTMLElement>(
      '.ant-drawer',
    )!;
    const title = within(drawer).getByLabelText<HTMLInputElement>('标题');
    expect(title.value).toBe('失物招领');
    await user.clear(title);
    await user.type(title, '失物招领处搬迁');
    await user.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
        path: '/v1/admin/notices/N1',
        body: { title: '失物招领处搬迁', startsAt: '2026-12-01T00:00:00.000Z' },
      }),
    );
    await waitFor(() => expect(within(row('N1')).getByText('失物招领处搬迁')).toBeTruthy());
  });
});
