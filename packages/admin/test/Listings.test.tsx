import { render, screen, waitFor, within, fireEvent } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { describe, expect, it } from 'vitest';
import { Listings } from '../src/pages/Listings';
import { aListing, catalog, stubFetch, type Call } from './fakeApi';

/** The table row of a listing (antd marks rows with data-row-key). */
function rowOf(id: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

function renderListings() {
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <Listings />
      </AntApp>
    </ConfigProvider>,
  );
}

const page1 = [
  aListing({ id: 'L1', title: '二手显示器', price: 35000 }),
  aListing({
    id: 'L2',
    title: '高数教材',
    kind: 'book',
    price: 1250,
    status: 'reserved',
    seller: { id: 'u2', nickname: 'bob', avatarUrl: null },
  }),
];
const page2 = [aListing({ id: 'L3', title: '求购自行车', kind: 'wanted', price: null })];

function listingsRoute(call: Call) {
  if (call.path === '/v1/catalog') return { status: 200, body: catalog };
  if (call.path === '/v1/listings') {
    return call.query.get('cursor') === 'c2'
      ? { status: 200, body: { items: page2, nextCursor: null } }
      : { status: 200, body: { items: page1, nextCursor: 'c2' } };
  }
  return undefined;
}

describe('Listings page', () => {
  it('renders a row per listing from the API, with fen formatted as yuan', async () => {
    const calls = stubFetch(listingsRoute);
    renderListings();

    const row = (await screen.findByText('二手显示器')).closest('tr')!;
    expect(within(row).getByText('¥350.00')).toBeTruthy();
    expect(within(row).getByText('在售')).toBeTruthy();
    expect(within(row).getByText('数码 / 手机')).toBeTruthy();

    const row2 = screen.getByText('高数教材').closest('tr')!;
    expect(within(row2).getByText('¥12.50')).toBeTruthy();
    expect(within(row2).getByText('已预订')).toBeTruthy();
    expect(within(row2).getByText('bob')).toBeTruthy();

    const listCall = calls.find((c) => c.path === '/v1/listings')!;
    expect(listCall.query.get('campusId')).toBe('demo');
    expect(listCall.query.get('sort')).toBe('newest');
    expect(listCall.query.has('cursor')).toBe(false);
  });

  it('loads the next page with the cursor and appends it', async () => {
    const calls = stubFetch(listingsRoute);
    renderListings();
    await screen.findByText('二手显示器');
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    const row = (await screen.findByText('求购自行车')).closest('tr')!;
    expect(within(row).getByText('面议')).toBeTruthy();
    expect(screen.getByText('二手显示器')).toBeTruthy();
    expect(
      calls
        .filter((c) => c.path === '/v1/listings')
        .at(-1)!
        .query.get('cursor'),
    ).toBe('c2');
    await screen.findByText('已全部加载（3 条）');
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
  });

  it('refetches with the kind filter', async () => {
    const calls = stubFetch(listingsRoute);
    renderListings();
    await screen.findByText('二手显示器');
    const kindSelect = screen.getByLabelText('类型');
    fireEvent.mouseDown(kindSelect);
    fireEvent.click(await screen.findByTitle('闲置书籍'));
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === '/v1/listings')
          .at(-1)!
          .query.get('kind'),
      ).toBe('book'),
    );
  });
});

describe('remove dialog', () => {
  it('requires a reason before calling the API, then posts it', async () => {
    const user = userEvent.setup();
    const calls = stubFetch((call) => {
      if (call.path === '/v1/admin/listings/L1/remove') return { status: 200, body: { ok: true } };
      return listingsRoute(call);
    });
    renderListings();
    const row = (await screen.findByText('二手显示器')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: /^下\s?架$/ }));

    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '确认下架' }));
    expect(await within(dialog).findByText('请填写下架原因')).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/remove'))).toBe(false);

    // Whitespace alone is not a reason either.
    await user.type(within(dialog).getByLabelText('下架原因'), '   ');
    await user.click(within(dialog).getByRole('button', { name: '确认下架' }));
    expect(await within(dialog).findByText('请填写下架原因')).toBeTruthy();
    expect(calls.some((c) => c.path.endsWith('/remove'))).toBe(false);

    await user.clear(within(dialog).getByLabelText('下架原因'));
    await user.type(within(dialog).getByLabelText('下架原因'), '违禁物品');
    await user.click(within(dialog).getByRole('button', { name: '确认下架' }));

    await waitFor(() => expect(calls.some((c) => c.path === '/v1/admin/listings/L1/remove')).toBe(true));
    const removeCall = calls.find((c) => c.path === '/v1/admin/listings/L1/remove')!;
    expect(removeCall.method).toBe('POST');
    expect(removeCall.body).toEqual({ reason: '违禁物品' });
    await waitFor(() => expect(within(rowOf('L1')).getByText('已移除')).toBeTruthy());
  });

  it('shows the API error message when the removal is refused', async () => {
    const user = userEvent.setup();
    stubFetch((call) => {
      if (call.path === '/v1/admin/listings/L1/remove')
        return { status: 403, body: { error: { code: 'FORBIDDEN', message: '需要管理员权限' } } };
      return listingsRoute(call);
    });
    renderListings();
    const row = (await screen.findByText('二手显示器')).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: /^下\s?架$/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('下架原因'), '虚假信息');
    await user.click(within(dialog).getByRole('button', { name: '确认下架' }));
    expect(await within(dialog).findByText('需要管理员权限')).toBeTruthy();
    expect(within(rowOf('L1')).getByText('在售')).toBeTruthy();
  });
});
