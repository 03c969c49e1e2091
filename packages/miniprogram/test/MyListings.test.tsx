import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { actionsFor, MyListings } from '../src/components/MyListings';
import { ContactSupport } from '../src/components/ContactSupport';
import { consentKindsFor } from '../src/lib/notifications';
import { aListing } from './fixtures';
import { calls, ok, refusal, renderWithQuery, serve } from './query';
import { storage, taroFake } from './taro-mock';

const labels = (status: Parameters<typeof actionsFor>[0]) => actionsFor(status).map((a) => a.label);

describe('我发布的', () => {
  it('offers each state’s actions: 重新上架 for a withdrawn listing, nothing for a sold one', () => {
    expect(labels('active')).toEqual(['预订', '已售出', '擦亮', '下架']);
    expect(labels('reserved')).toEqual(['取消预订', '已售出', '下架']);
    expect(labels('expired')).toEqual(['擦亮', '下架']);
    expect(labels('withdrawn')).toEqual(['重新上架']);
    expect(labels('sold')).toEqual([]);
  });

  it('lists my listings, relists a withdrawn one and refreshes; a refusal says why', async () => {
    storage.set('xz_token', 'tok-alice');
    let status: 'withdrawn' | 'active' = 'withdrawn';
    let relistAnswer = refusal(409, 'LISTING_TRANSITION_NOT_ALLOWED', '已下架超过 30 天的商品不能重新上架');
    serve({
      'GET /v1/me/listings': () => ok({ items: [aListing({ id: 'L1', title: '旧台灯', status })], nextCursor: null }),
      'POST /v1/listings/L1/relist': () => {
        if (relistAnswer.statusCode === 200) status = 'active';
        return relistAnswer;
      },
    });
    renderWithQuery(<MyListings />);
    const row = await screen.findByTestId('my-listing');
    expect(within(row).queryByText('编辑')).toBeNull(); // a withdrawn listing is relisted before it is edited
    fireEvent.click(within(row).getByText('重新上架'));
    await waitFor(() =>
      expect(taroFake.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ title: '重新上架失败', content: '已下架超过 30 天的商品不能重新上架' }),
      ),
    );

    relistAnswer = ok(aListing({ id: 'L1', status: 'active' }));
    fireEvent.click(within(row).getByText('重新上架'));
    await waitFor(() => expect(screen.getByText('在售')).toBeTruthy());
    expect(calls('POST', '/v1/listings/L1/relist')).toHaveLength(2);
    expect(within(screen.getByTestId('my-listing')).getByText('编辑')).toBeTruthy();
  });

  it('confirms 已售出 first, and filters by state', async () => {
    storage.set('xz_token', 'tok-alice');
    serve({
      'GET /v1/me/listings': (req) =>
        ok({
          items: req.url.includes('status=reserved') ? [] : [aListing({ id: 'L2', status: 'active' })],
          nextCursor: null,
        }),
      'POST /v1/listings/L2/status': () => ok(aListing({ id: 'L2', status: 'sold' })),
    });
    taroFake.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    renderWithQuery(<MyListings />);
    fireEvent.click(within(await screen.findByTestId('my-listing')).getByText('已售出'));
    await waitFor(() => expect(taroFake.showModal).toHaveBeenCalledTimes(1));
    expect(calls('POST', '/v1/listings/L2/status')).toHaveLength(0);
    fireEvent.click(within(screen.getByTestId('my-listing')).getByText('已售出'));
    await waitFor(() => expect(calls('POST', '/v1/listings/L2/status')).toHaveLength(1));
    expect(calls('POST', '/v1/listings/L2/status')[0]!.data).toEqual({ status: 'sold' });

    fireEvent.click(screen.getByText('已预订'));
    expect(await screen.findByText('还没有发布过商品')).toBeTruthy();
  });

  it('shows my favorites, and an error that retries', async () => {
    storage.set('xz_token', 'tok-alice');
    let fail = true;
    serve({
      'GET /v1/me/listings': () => (fail ? refusal(500, 'INTERNAL', '出错了') : ok({ items: [], nextCursor: null })),
      'GET /v1/me/favorites': () => ok({ items: [aListing({ id: 'F1', title: '收藏的书' })], nextCursor: null }),
    });
    renderWithQuery(<MyListings />);
    const error = await screen.findByText('出错了（点击重试）');
    fail = false;
    fireEvent.click(error);
    expect(await screen.findByText('还没有发布过商品')).toBeTruthy();
    fireEvent.click(screen.getByText('我的收藏'));
    expect(await screen.findByText('收藏的书')).toBeTruthy();
  });
});

describe('联系客服 and consent kinds', () => {
  it('shows the campus’s configured contact (the web build has no QQ contact button)', async () => {
    serve({
      'GET /v1/campuses': () =>
        ok({
          items: [
            {
              id: 'demo',
              name: '示例大学',
              verification: 'demo',
              contact: { qq: '123456', hours: '工作日 9:00-17:00' },
            },
            { id: 'other', name: '其他大学', verification: 'cas', contact: null },
          ],
          defaultCampusId: null,
        }),
    });
    renderWithQuery(<ContactSupport campusId="demo" />);
    expect(screen.queryByTestId('qq-contact')).toBeNull();
    await screen.findByText('QQ：123456');
    fireEvent.click(screen.getByTestId('campus-contact'));
    expect(taroFake.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: 'QQ：123456\n服务时间：工作日 9:00-17:00', confirmText: '复制QQ号' }),
    );
    await waitFor(() => expect(taroFake.setClipboardData).toHaveBeenCalledWith({ data: '123456' }));
  });

  it('says where to go when the campus has no contact configured', async () => {
    serve({
      'GET /v1/campuses': () =>
        ok({ items: [{ id: 'demo', name: '示例大学', verification: 'demo', contact: null }], defaultCampusId: 'demo' }),
    });
    renderWithQuery(<ContactSupport campusId={null} />);
    await waitFor(() => expect(calls('GET', '/v1/campuses')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 0));
    fireEvent.click(screen.getByTestId('campus-contact'));
    await waitFor(() =>
      expect(taroFake.showModal).toHaveBeenCalledWith(
        expect.objectContaining({ content: expect.stringContaining('意见反馈') }),
      ),
    );
  });

  it('a wanted post asks for the wanted-match reminder first', () => {
    expect(consentKindsFor('wanted')).toEqual(['wanted_match', 'comment', 'reply']);
    expect(consentKindsFor('book')).toEqual(['comment', 'reply', 'expiring']);
  });
});
