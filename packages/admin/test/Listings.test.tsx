import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminListingDetail, AdminListingRow } from '../src/api/types';
import { Listings } from '../src/pages/listings/Listings';
import { aListing, refuse, stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

const row = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)!;
const modal = async (title: string) =>
  (await screen.findByText(title, { selector: '.ant-modal-title' })).closest<HTMLElement>('.ant-modal')!;

function detailOf(l: AdminListingRow): AdminListingDetail {
  return {
    listing: {
      ...l,
      description: '用了一年，屏幕无坏点',
      photos: [{ id: 'P1', url: '/media/photos/P1/medium' }],
      categoryId: 'c-phone',
      condition: 'like_new',
      tradeMethods: ['face_to_face'],
    },
    priceHistory: [{ price: 40000, at: '2026-11-18T08:00:00.000Z' }],
    statusHistory: [{ from: null, to: 'active', at: '2026-11-18T08:00:00.000Z', actorId: null, reason: null }],
    viewsPerDay: [{ day: '2026-11-20', count: 5 }],
  };
}

/** Every status of the campus's listings, two pages, with remove and restore changing the store. */
function listingsApi() {
  const store = new Map<string, AdminListingRow>(
    [
      aListing({ id: 'L1', title: '二手显示器', price: 35000 }),
      aListing({ id: 'L2', title: '高数教材', kind: 'book', price: 1250, status: 'sold' }),
      aListing({ id: 'L3', title: '违规手机', status: 'removed', seller: { id: 'u2', nickname: 'bob' } }),
    ].map((l) => [l.id, l]),
  );
  return (c: Call) => {
    if (c.path === '/v1/admin/listings') {
      const status = c.query.get('status');
      const all = [...store.values()].filter((l) => !status || l.status === status);
      const page = c.query.get('cursor') === 'c2' ? all.slice(2) : all.slice(0, 2);
      return { status: 200, body: { items: page, nextCursor: c.query.get('cursor') || all.length <= 2 ? null : 'c2' } };
    }
    const m = /^\/v1\/admin\/listings\/([^/]+)(?:\/(remove|restore))?$/.exec(c.path);
    const l = m && store.get(m[1]!);
    if (!m || !l) return undefined;
    if (m[2]) store.set(l.id, { ...l, status: m[2] === 'remove' ? 'removed' : 'active' });
    return { status: 200, body: m[2] ? { ok: true } : detailOf(l) };
  };
}

describe('商品 page', () => {
  it('lists listings of every status with fen as yuan, loads more, and filters by status', async () => {
    const calls = stubFetch(listingsApi());
    renderPage(<Listings />);
    await screen.findByText('二手显示器');
    expect(within(row('L1')).getByText('¥350.00')).toBeTruthy();
    expect(within(row('L2')).getByText('已售出')).toBeTruthy();
    expect(calls[0]!.query.get('campusId')).toBe('demo');
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await screen.findByText('违规手机');
    expect(within(row('L3')).getByText('已移除')).toBeTruthy();
    expect(calls.at(-1)!.query.get('cursor')).toBe('c2');
    await screen.findByText('已全部加载（3 条）');

    fireEvent.mouseDown(screen.getByLabelText('状态'));
    fireEvent.click(await screen.findByTitle('已售出'));
    await waitFor(() => expect(document.querySelector('tr[data-row-key="L1"]')).toBeNull());
    expect(calls.at(-1)!.query.get('status')).toBe('sold');
  });

  it('searches by title through the API', async () => {
    const calls = stubFetch(listingsApi());
    renderPage(<Listings />);
    await screen.findByText('二手显示器');
    fireEvent.change(screen.getByPlaceholderText('搜索标题'), { target: { value: '显示器' } });
    fireEvent.keyDown(screen.getByPlaceholderText('搜索标题'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(calls.at(-1)!.query.get('q')).toBe('显示器'));
  });

  it('opens the detail drawer with photos, price and status history', async () => {
    const user = userEvent.setup();
    stubFetch(listingsApi());
    renderPage(<Listings />);
    await user.click(await screen.findByRole('button', { name: '二手显示器' }));
    const detail = await screen.findByTestId('listing-detail');
    expect(within(detail).getByText('用了一年，屏幕无坏点')).toBeTruthy();
    expect(within(detail).getByAltText('二手显示器').getAttribute('src')).toBe('/media/photos/P1/medium');
    expect(within(detail).getByText('¥400.00')).toBeTruthy();
  });

  it('removes a listing only with a reason, and restores a removed one', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(listingsApi());
    renderPage(<Listings />);
    await screen.findByText('二手显示器');
    await user.click(within(row('L1')).getByRole('button', { name: /^下\s?架$/ }));
    const dialog = await modal('下架商品');
    await user.click(within(dialog).getByRole('button', { name: '确认下架' }));
    expect(await within(dialog).findByText('请填写下架原因')).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/remove'))).toBe(false);

    await user.type(within(dialog).getByLabelText('下架原因'), '违禁物品');
    await user.click(within(dialog).getByRole('button', { name: '确认下架' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/v1/admin/listings/L1/remove')?.body).toEqual({ reason: '违禁物品' }),
    );
    await waitFor(() => expect(within(row('L1')).getByText('已移除')).toBeTruthy());

    await user.click(within(row('L1')).getByRole('button', { name: /^恢\s?复$/ }));
    const restore = await modal('恢复商品');
    await user.type(within(restore).getByLabelText('恢复原因'), '经核实无误');
    await user.click(within(restore).getByRole('button', { name: '确认恢复' }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/v1/admin/listings/L1/restore')?.body).toEqual({ reason: '经核实无误' }),
    );
    await waitFor(() => expect(within(row('L1')).getByText('在售')).toBeTruthy());
  });

  it('keeps the dialog open with the API error when the removal is refused', async () => {
    const user = userEvent.setup();
    stubFetch((c) =>
      c.path.endsWith('/remove') ? refuse(403, 'ADMIN_SCOPE', '只能管理本校区的商品') : listingsApi()(c),
    );
    renderPage(<Listings />);
    await screen.findByText('二手显示器');
    await user.click(within(row('L1')).getByRole('button', { name: /^下\s?架$/ }));
    const dialog = await modal('下架商品');
    await user.type(within(dialog).getByLabelText('下架原因'), '虚假信息');
    await user.click(within(dialog).getByRole('button', { name: '确认下架' }));
    expect(await within(dialog).findByText('只能管理本校区的商品')).toBeTruthy();
    expect(within(row('L1')).getByText('在售')).toBeTruthy();
  });
});
