import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NotificationItem, NotificationSettings } from '../src/api/types';
import Notifications from '../src/pages/notifications/index';
import { CLIENT_CONFIG, render } from './render';
import { requests, respondWith, storage, taroFake, type FakeResponse } from './taro-mock';

const notice = (id: string, over: Partial<NotificationItem> = {}): NotificationItem => ({
  id,
  kind: 'comment',
  listingId: `L-${id}`,
  createdAt: '2026-11-20T06:30:00.000Z',
  readAt: null,
  data: { listingTitle: '二手自行车', actorNickname: '鲍勃', excerpt: '还在吗' },
  count: 1,
  ...over,
});

const calls = (method: string, path: string) =>
  requests.filter((r) => r.method === method && r.url.split('?')[0] === path);

function serve(routes: Record<string, (req: { method: string; url: string; data: unknown }) => FakeResponse>) {
  respondWith((req) => {
    const route = routes[`${req.method} ${req.url.split('?')[0]}`];
    if (!route && req.url === '/v1/client-config') return { statusCode: 200, data: CLIENT_CONFIG };
    if (!route && req.url === '/v1/me/notifications/unread-count') return { statusCode: 200, data: { unread: 0 } };
    return route
      ? route(req)
      : { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'no route', details: null } } };
  });
}

const signedIn = () => storage.set('xz_token', 'token-alice');

describe('消息 page', () => {
  it('lists my notifications newest first with what happened, and opens one as read', async () => {
    signedIn();
    serve({
      'GET /v1/me/notifications': () => ({
        statusCode: 200,
        data: {
          items: [
            notice('N2', { kind: 'price_drop', data: { listingTitle: '台灯', oldPrice: 3000, newPrice: 2500 } }),
            notice('N1', { readAt: '2026-11-20T07:00:00.000Z' }),
          ],
          nextCursor: null,
        },
      }),
      'POST /v1/me/notifications/N2/read': () => ({ statusCode: 204, data: '' }),
    });
    render(<Notifications />);
    await waitFor(() => expect(screen.getAllByTestId('notice')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('notice');
    expect(first!.textContent).toContain('降价提醒台灯你收藏的宝贝降价了：¥30.00 → ¥25.00');
    expect(first!.className).toContain('notice-unread');
    expect(second!.textContent).toContain('鲍勃：还在吗');
    expect(second!.className).not.toContain('notice-unread');
    expect(screen.getByText('1 条未读')).toBeTruthy();

    fireEvent.click(first!);
    await waitFor(() => expect(calls('POST', '/v1/me/notifications/N2/read')).toHaveLength(1));
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/detail/index?id=L-N2' });
    await waitFor(() => expect(screen.getAllByTestId('notice')[0]!.className).not.toContain('notice-unread'));
    expect(screen.getByText('没有未读消息')).toBeTruthy();
  });

  it('shows unread comments of one listing as one entry with their count, and opens it as read', async () => {
    signedIn();
    serve({
      'GET /v1/me/notifications': () => ({
        statusCode: 200,
        data: {
          items: [
            notice('C50', { count: 50, data: { listingTitle: '山地车', actorNickname: '卡萝', excerpt: '最低多少' } }),
            notice('R3', {
              kind: 'reply',
              count: 3,
              listingId: 'L-C50',
              data: { listingTitle: '山地车', actorNickname: '鲍勃', excerpt: '可以' },
            }),
            notice('OLD', {
              count: 4,
              readAt: '2026-11-19T07:00:00.000Z',
              data: { listingTitle: '台灯', actorNickname: '戴夫', excerpt: '好的' },
            }),
          ],
          nextCursor: null,
        },
      }),
      'POST /v1/me/notifications/C50/read': () => ({ statusCode: 204, data: '' }),
    });
    render(<Notifications />);
    await waitFor(() => expect(screen.getAllByTestId('notice')).toHaveLength(3));
    const [folded, replies, read] = screen.getAllByTestId('notice');
    expect(folded!.textContent).toContain('新留言山地车有 50 条新留言，最新来自 卡萝：最低多少');
    expect(replies!.textContent).toContain('回复我的山地车有 3 条新回复，最新来自 鲍勃：可以');
    expect(read!.textContent).toContain('台灯共 4 条留言，最新来自 戴夫：好的');
    expect(read!.className).not.toContain('notice-unread');
    // Fifty comments are one unread line, not fifty.
    expect(screen.getByText('2 条未读')).toBeTruthy();

    fireEvent.click(folded!);
    await waitFor(() => expect(calls('POST', '/v1/me/notifications/C50/read')).toHaveLength(1));
    expect(taroFake.navigateTo).toHaveBeenCalledWith({ url: '/pages/detail/index?id=L-C50' });
    await waitFor(() => expect(screen.getByText('1 条未读')).toBeTruthy());
    expect(screen.getAllByTestId('notice')[0]!.textContent).toContain('共 50 条留言，最新来自 卡萝');
  });

  it('tells the owner when reports hid a listing and when an admin restored it', async () => {
    signedIn();
    serve({
      'GET /v1/me/notifications': () => ({
        statusCode: 200,
        data: {
          items: [
            notice('R', { kind: 'restored', data: { listingTitle: '电饭煲' } }),
            notice('H', { kind: 'hidden', data: { listingTitle: '电饭煲' }, readAt: '2026-11-20T07:00:00.000Z' }),
          ],
          nextCursor: null,
        },
      }),
    });
    render(<Notifications />);
    await waitFor(() => expect(screen.getAllByTestId('notice')).toHaveLength(2));
    const [restored, hidden] = screen.getAllByTestId('notice');
    expect(restored!.textContent).toContain('恢复展示电饭煲管理员审核后已恢复');
    expect(hidden!.textContent).toContain('举报隐藏电饭煲因多人举报已暂时隐藏，等待管理员审核');
  });

  it('marks all read', async () => {
    signedIn();
    serve({
      'GET /v1/me/notifications': () => ({
        statusCode: 200,
        data: { items: [notice('A'), notice('B', { kind: 'reply' })], nextCursor: null },
      }),
      'POST /v1/me/notifications/read-all': () => ({ statusCode: 200, data: { marked: 2 } }),
    });
    render(<Notifications />);
    fireEvent.click(await screen.findByText('全部已读'));
    await waitFor(() => expect(screen.getByText('没有未读消息')).toBeTruthy());
    expect(calls('POST', '/v1/me/notifications/read-all')).toHaveLength(1);
    expect(screen.getAllByTestId('notice').every((n) => !n.className.includes('notice-unread'))).toBe(true);
  });

  it('mutes a kind with its switch and shows the messages still allowed', async () => {
    signedIn();
    let settings: NotificationSettings = {
      muted: [],
      consents: { price_drop: 2 },
      templates: { price_drop: 'TPL-PRICE' },
    };
    serve({
      'GET /v1/me/notifications': () => ({ statusCode: 200, data: { items: [], nextCursor: null } }),
      'GET /v1/me/notification-settings': () => ({ statusCode: 200, data: settings }),
      'PUT /v1/me/notification-settings': (req) => {
        settings = { ...settings, muted: (req.data as { muted: NotificationSettings['muted'] }).muted };
        return { statusCode: 200, data: settings };
      },
    });
    render(<Notifications />);
    expect(await screen.findByText('还没有消息')).toBeTruthy();
    fireEvent.click(screen.getByText('提醒设置'));
    const panel = await screen.findByTestId('notice-settings');
    expect(panel.textContent).toContain('降价提醒可推送 2 次');
    expect(panel.textContent).toContain('下架通知');
    // Review notices are inbox-only: no switch to mute them.
    expect(screen.queryByTestId('mute-hidden')).toBeNull();
    expect(screen.queryByTestId('mute-restored')).toBeNull();
    fireEvent(screen.getByTestId('mute-price_drop'), new CustomEvent('change', { detail: { value: false } }));
    await waitFor(() => expect(calls('PUT', '/v1/me/notification-settings')).toHaveLength(1));
    expect(calls('PUT', '/v1/me/notification-settings')[0]!.data).toEqual({ muted: ['price_drop'] });
  });

  it("asks a signed-out visitor to sign in without asking for anyone's messages", async () => {
    serve({});
    render(<Notifications />);
    expect(await screen.findByText('请先在「我的」页登录')).toBeTruthy();
    expect(requests.filter((r) => r.url.startsWith('/v1/me'))).toHaveLength(0);
  });
});
