import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Home from '../src/pages/home/index';
import NoticePage from '../src/pages/notice/index';
import Notifications from '../src/pages/notifications/index';
import ProfilePage from '../src/pages/profile/index';
import { calls, notFound, ok, serveApi } from './fake-api';
import { aListing } from './fixtures';
import { render } from './render';
import { routerParams, storage, taroFake, taroModule } from './taro-mock';

const banner = (id: string, target: object) => ({
  id,
  campusId: 'demo',
  title: `横幅 ${id}`,
  imageUrl: `/media/photos/${id}/large`,
  photoId: id,
  target,
  position: 0,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  state: 'live',
});
const notice = (id: string, title: string, pinned = false) => ({
  id,
  campusId: 'demo',
  title,
  body: `${title}的全文\n第二行`,
  pinned,
  startsAt: '2026-12-01T08:00:00.000Z',
  endsAt: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  state: 'live',
});

describe('首页 sections', () => {
  it("shows the campus's banners, notices and 一级标签, each opening where it points", async () => {
    serveApi({
      '/v1/banners': () =>
        ok({
          items: [
            banner('B1', { kind: 'listing', listingId: 'L-7' }),
            banner('B2', { kind: 'category', categoryId: 'c-books' }),
            banner('B3', { kind: 'page', path: 'pages/me/index' }),
          ],
        }),
      '/v1/notices': () => ok({ items: [notice('N1', '期末跳蚤市场', true), notice('N2', '谨防诈骗')] }),
    });
    render(<Home />);
    const banners = await screen.findAllByTestId('home-banner');
    expect(banners.map((b) => b.textContent)).toEqual(['横幅 B1', '横幅 B2', '横幅 B3']);
    fireEvent.click(banners[0]!);
    expect(taroFake.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/detail/index?id=L-7' });
    fireEvent.click(banners[1]!);
    expect(taroFake.switchTab).toHaveBeenLastCalledWith({ url: '/pages/category/index' });
    fireEvent.click(banners[2]!);
    expect(taroFake.switchTab).toHaveBeenLastCalledWith({ url: '/pages/me/index' });

    const notices = screen.getAllByTestId('home-notice');
    expect(notices.map((n) => n.textContent)).toEqual(['置顶期末跳蚤市场›', '通知谨防诈骗›']);
    fireEvent.click(notices[1]!);
    expect(taroFake.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/notice/index?id=N2' });

    const grid = screen.getByTestId('home-categories');
    expect(
      within(grid)
        .getAllByTestId('home-category')
        .map((c) => c.textContent),
    ).toEqual(['书书籍教材', '生生活用品']);
  });

  it('starts with the feed when the campus has no banners or notices', async () => {
    serveApi({});
    render(<Home />);
    await screen.findByTestId('home-categories');
    await waitFor(() => expect(calls('/v1/banners')).toHaveLength(1));
    expect(screen.queryByTestId('home-banners')).toBeNull();
    expect(screen.queryByTestId('home-notices')).toBeNull();
  });

  it('opens a notice in full', async () => {
    Object.assign(routerParams, { id: 'N1' });
    serveApi({ '/v1/notices/N1': () => ok(notice('N1', '期末跳蚤市场', true)) });
    render(<NoticePage />);
    expect((await screen.findByTestId('notice-title')).textContent).toBe('置顶期末跳蚤市场');
    expect(screen.getByTestId('notice-body').textContent).toBe('期末跳蚤市场的全文\n第二行');
  });

  it('says so when a notice has ended', async () => {
    Object.assign(routerParams, { id: 'gone' });
    serveApi({ '/v1/notices/gone': () => notFound('NOTICE_NOT_FOUND', '通知不存在或已结束') });
    render(<NoticePage />);
    expect(await screen.findByText('通知不存在或已结束（点击重试）')).toBeTruthy();
  });
});

describe('seller profile', () => {
  it("shows who the seller is and their live listings, pages on, and shares the seller's page", async () => {
    Object.assign(routerParams, { id: 'u-alice' });
    serveApi({
      '/v1/users/u-alice': () =>
        ok({
          id: 'u-alice',
          nickname: '爱丽丝',
          avatarUrl: null,
          verified: true,
          campusId: 'demo',
          memberSince: '2026-09-01T00:00:00.000Z',
          liveListingCount: 3,
          trust: { completedAsSeller: 0, completedAsBuyer: 0, ratingCount: 0, goodShare: null },
        }),
      '/v1/users/u-alice/listings': (q) =>
        q['cursor']
          ? ok({ items: [aListing({ id: 'L3', title: '吉他' })], nextCursor: null })
          : ok({
              items: [aListing({ id: 'L1', title: '台灯' }), aListing({ id: 'L2', title: '书架' })],
              nextCursor: 'p2',
            }),
    });
    render(<ProfilePage />);
    const card = await screen.findByTestId('profile-card');
    expect(card.textContent).toContain('爱丽丝');
    expect(card.textContent).toContain('已认证学生');
    expect(card.textContent).toContain('2026 年 9 月加入 · 在售 3 件');
    await waitFor(() => expect(screen.getAllByTestId('listing-card')).toHaveLength(2));
    const onBottom = taroModule.useReachBottom.mock.calls.at(-1)![0] as () => void;
    onBottom();
    await waitFor(() => expect(screen.getAllByTestId('listing-card')).toHaveLength(3));

    const share = taroModule.useShareAppMessage.mock.calls.at(-1)![0] as () => { title: string; path: string };
    expect(share()).toMatchObject({ title: '爱丽丝 在闲置上的 3 件宝贝', path: '/pages/profile/index?id=u-alice' });
  });

  it('says when the student cannot be found', async () => {
    Object.assign(routerParams, { id: 'u-x' });
    serveApi({ '/v1/users/u-x': () => notFound('USER_NOT_FOUND', '用户不存在') });
    render(<ProfilePage />);
    expect((await screen.findByTestId('profile-error')).textContent).toBe('用户不存在（点击重试）');
  });
});

describe('production web page', () => {
  it('asks to open the mini-program in QQ instead of showing 消息', async () => {
    storage.set('xz_token', 'tok');
    serveApi({}, { mode: 'production', demoLogin: false, defaultCampusId: 'demo' });
    render(<Notifications />);
    expect((await screen.findByTestId('open-in-qq')).textContent).toContain('请在 QQ 中打开「闲置」小程序查看消息');
    expect(calls('/v1/me/notifications')).toHaveLength(0);
  });
});
