import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import CategoryPage from '../src/pages/category/index';
import { filterChips, NO_FEED_FILTERS, removeFilter } from '../src/lib/feedFilters';
import { calls, ok, params, serveApi } from './fake-api';
import { aListing, catalog } from './fixtures';
import { render } from './render';

const lastFeed = () => params(calls('/v1/listings').at(-1)!.url);

describe('分类 page', () => {
  it('walks the two-level tree and narrows the feed to a second-level category', async () => {
    serveApi({ '/v1/listings': () => ok({ items: [aListing({ title: '小台灯' })], nextCursor: null }) });
    render(<CategoryPage />);
    await screen.findByText('小台灯');
    expect(lastFeed()).toEqual({ campusId: 'demo', limit: '20', sort: 'newest' });

    fireEvent.click(screen.getByText('生活用品'));
    const children = await screen.findByTestId('cat-children');
    await waitFor(() => expect(lastFeed()['categoryId']).toBe('c-home'));
    expect(within(screen.getByTestId('filter-chips')).getByText('全部生活用品')).toBeTruthy();

    fireEvent.click(within(children).getByText('台灯'));
    await waitFor(() => expect(lastFeed()['categoryId']).toBe('c-lamp'));
    expect(screen.getByTestId('chip-category').textContent).toBe('台灯×');
  });

  it('applies trade method, price band, condition, area and kind, shows each as a chip, and × takes one away', async () => {
    serveApi({});
    render(<CategoryPage />);
    await waitFor(() => expect(calls('/v1/listings')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('filter-toggle'));
    const pick = (row: string, label: string) => fireEvent.click(within(screen.getByTestId(row)).getByText(label));
    pick('filter-trade', '快递');
    pick('filter-price', '50–100 元');
    pick('filter-condition', '几乎全新');
    pick('filter-area', '图书馆');
    pick('filter-kind', '书籍');
    await waitFor(() =>
      expect(lastFeed()).toMatchObject({
        tradeMethod: 'express',
        minPrice: '5000',
        maxPrice: '10000',
        condition: 'like_new',
        areaId: 'a-lib',
        kind: 'book',
      }),
    );
    const chips = screen.getByTestId('filter-chips');
    expect(
      within(chips)
        .getAllByText(/.+/)
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['书籍', '几乎全新', '50–100 元', '快递', '图书馆']));
    expect(screen.getByTestId('filter-toggle').textContent).toContain('筛选(5)');

    fireEvent.click(screen.getByTestId('chip-tradeMethod'));
    await waitFor(() => expect(lastFeed()['tradeMethod']).toBeUndefined());
    expect(lastFeed()).toMatchObject({ kind: 'book', areaId: 'a-lib' });
    expect(screen.queryByTestId('chip-tradeMethod')).toBeNull();

    fireEvent.click(within(screen.getByTestId('filter-chips')).getByText('清空'));
    await waitFor(() => expect(screen.queryByTestId('filter-chips')).toBeNull());
    // Back to the unfiltered feed, which the cache still holds.
    expect(screen.getByTestId('filter-toggle').textContent).toBe('筛选▲');
  });

  it('says when nothing matches the filters, and shows a failed load with a retry', async () => {
    let fail = true;
    serveApi({
      '/v1/listings': () =>
        fail
          ? { statusCode: 500, data: { error: { code: 'INTERNAL', message: '服务器开小差了', details: null } } }
          : ok({ items: [], nextCursor: null }),
    });
    render(<CategoryPage />);
    const error = await screen.findByTestId('list-error');
    expect(error.textContent).toContain('服务器开小差了');
    fail = false;
    fireEvent.click(error);
    expect((await screen.findByTestId('list-empty')).textContent).toBe('这个学校还没有闲置');
    fireEvent.click(screen.getByTestId('filter-toggle'));
    fireEvent.click(within(screen.getByTestId('filter-trade')).getByText('送货上门'));
    await waitFor(() => expect(screen.getByTestId('list-empty').textContent).toContain('去掉几个筛选试试'));
  });
});

describe('filter chips', () => {
  it('labels a custom price range and removes exactly the filter of the chip', () => {
    const f = {
      ...NO_FEED_FILTERS,
      minPrice: 1234,
      maxPrice: null,
      tradeMethod: 'delivery' as const,
      categoryId: 'c-novel',
    };
    expect(filterChips(f, catalog)).toEqual([
      { key: 'category', label: '小说' },
      { key: 'price', label: '¥12.34 以上' },
      { key: 'tradeMethod', label: '送货上门' },
    ]);
    expect(removeFilter(f, 'price')).toEqual({ ...f, minPrice: null, maxPrice: null });
    expect(filterChips(removeFilter(removeFilter(f, 'category'), 'tradeMethod'), null)).toEqual([
      { key: 'price', label: '¥12.34 以上' },
    ]);
  });
});
