import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { logout } from '../src/api/session';
import Home from '../src/pages/home/index';
import { calls, ok, params, serveApi } from './fake-api';
import { aListing } from './fixtures';
import { render } from './render';
import { storage, taroFake } from './taro-mock';

const TWO_CAMPUSES = {
  items: [
    { id: 'north', name: '北方大学', verification: 'form', contact: null },
    { id: 'south', name: '南方大学', verification: 'cas', contact: null },
  ],
  defaultCampusId: null,
};
const MULTI = { mode: 'embedded', demoLogin: true, defaultCampusId: null };

describe('which campus the app browses', () => {
  it('asks a visitor to pick a campus when there are several, remembers it, and browses it', async () => {
    serveApi({ '/v1/campuses': () => ok(TWO_CAMPUSES) }, MULTI);
    render(<Home />);
    const options = await screen.findAllByTestId('campus-option');
    expect(options.map((o) => o.textContent)).toEqual(['北方大学', '南方大学']);
    expect(calls('/v1/recommendations')).toHaveLength(0);

    fireEvent.click(options[1]!);
    await waitFor(() => expect(calls('/v1/recommendations')).toHaveLength(1));
    expect(storage.get('xz.campus')).toBe('south');
    for (const path of ['/v1/recommendations', '/v1/catalog', '/v1/banners', '/v1/notices']) {
      expect(params(calls(path)[0]!.url)['campusId']).toBe('south');
    }
    expect(screen.queryByTestId('campus-choice')).toBeNull();
    expect(screen.getByTestId('switch-campus')).toBeTruthy();
  });

  it("uses the visitor's earlier pick without asking again", async () => {
    storage.set('xz.campus', 'north');
    serveApi({}, MULTI);
    render(<Home />);
    await waitFor(() => expect(calls('/v1/recommendations')).toHaveLength(1));
    expect(params(calls('/v1/recommendations')[0]!.url)['campusId']).toBe('north');
    expect(calls('/v1/campuses')).toHaveLength(0);
  });

  it("uses the server's only campus for a visitor who never picked one", async () => {
    serveApi({});
    render(<Home />);
    await waitFor(() => expect(calls('/v1/recommendations')).toHaveLength(1));
    expect(params(calls('/v1/recommendations')[0]!.url)['campusId']).toBe('demo');
    expect(screen.queryByTestId('campus-choice')).toBeNull();
  });

  it("browses a signed-in student's own campus, whatever was picked before, and offers no switch", async () => {
    storage.set('xz.campus', 'north');
    storage.set('xz_token', 'tok');
    serveApi(
      {
        '/v1/me': () => ok({ id: 'u1', nickname: '小南', campusId: 'south', verified: true, status: 'active' }),
        '/v1/recommendations': () =>
          ok({ items: [aListing({ id: 'S1', title: '南方的台灯' })], nextCursor: null, mode: 'popular' }),
      },
      MULTI,
    );
    render(<Home />);
    await screen.findByText('南方的台灯');
    expect(calls('/v1/recommendations').map((r) => params(r.url)['campusId'])).toEqual(['south']);
    expect(screen.queryByTestId('switch-campus')).toBeNull();
  });

  it('shows the unread count on the 消息 tab for a signed-in student', async () => {
    storage.set('xz_token', 'tok');
    serveApi({
      '/v1/me': () => ok({ id: 'u1', nickname: '小南', campusId: 'demo', verified: true, status: 'active' }),
      '/v1/me/notifications/unread-count': () => ok({ unread: 120 }),
    });
    render(<Home />);
    await waitFor(() => expect(taroFake.setTabBarBadge).toHaveBeenCalledWith({ index: 3, text: '99+' }));
  });
});

describe('退出', () => {
  it('revokes the refresh token on the server, then forgets both tokens', async () => {
    storage.set('xz_token', 'tok');
    storage.set('xz_refresh', 'ref');
    serveApi({ 'POST /v1/auth/logout': () => ({ statusCode: 204, data: null }) });
    await logout();
    expect(calls('/v1/auth/logout', 'POST')[0]!.data).toEqual({ refreshToken: 'ref' });
    expect([storage.has('xz_token'), storage.has('xz_refresh')]).toEqual([false, false]);
  });

  it('signs out on the phone even when the server cannot be reached', async () => {
    storage.set('xz_token', 'tok');
    storage.set('xz_refresh', 'ref');
    taroFake.request.mockRejectedValueOnce({ errMsg: 'request:fail' });
    await logout();
    expect(taroFake.request).toHaveBeenCalledTimes(1);
    expect(storage.has('xz_token')).toBe(false);
  });
});
