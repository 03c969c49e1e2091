import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CategoryList } from '../src/api/types';
import { Categories } from '../src/pages/Categories';
import { stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

const leaf = (id: string, name: string, sortOrder: number, enabled = true) => ({
  id,
  code: id,
  name,
  sortOrder,
  enabled,
});

/** The campus tree; PATCH and POST change it as the API would. */
function categoriesApi() {
  const tree: CategoryList = {
    items: [
      {
        ...leaf('books', '书籍教材', 10),
        children: [leaf('textbooks', '教材', 10), leaf('novels', '小说', 20, false)],
      },
      { ...leaf('digital', '数码', 20), children: [] },
    ],
  };
  const all = () => [...tree.items, ...tree.items.flatMap((c) => c.children)];
  return (c: Call) => {
    if (c.path === '/v1/categories') {
      const sorted = [...tree.items]
        .sort((a, b) => a.sortOrder - b.sortOrder)
        .map((r) => ({ ...r, children: [...r.children].sort((a, b) => a.sortOrder - b.sortOrder) }));
      return { status: 200, body: { items: sorted } };
    }
    if (c.path === '/v1/admin/categories' && c.method === 'POST') {
      const body = c.body as { parentId: string | null; name: string; code: string };
      const created = leaf(body.code, body.name, 30);
      if (body.parentId) tree.items.find((r) => r.id === body.parentId)!.children.push(created);
      else tree.items.push({ ...created, children: [] });
      return { status: 201, body: { ...created, campusId: 'demo', parentId: body.parentId } };
    }
    const m = /^\/v1\/admin\/categories\/([^/]+)$/.exec(c.path);
    const found = m && all().find((x) => x.id === m[1]);
    if (!found) return undefined;
    Object.assign(found, c.body);
    return { status: 200, body: { ...found, campusId: 'demo', parentId: null } };
  };
}

const row = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)!;

describe('分类 page', () => {
  it('shows both levels, disabled ones too, and enables one', async () => {
    const calls = stubFetch(categoriesApi());
    renderPage(<Categories />);
    await screen.findByText('书籍教材');
    expect(calls[0]!.query.get('includeDisabled')).toBe('true');
    expect(within(row('novels')).getByText('已停用')).toBeTruthy();
    fireEvent.click(within(row('novels')).getByRole('switch'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: true }));
    await waitFor(() => expect(within(row('novels')).queryByText('已停用')).toBeNull());
  });

  it('moves a category below its neighbour by trading sort orders', async () => {
    const calls = stubFetch(categoriesApi());
    renderPage(<Categories />);
    await screen.findByText('书籍教材');
    fireEvent.click(screen.getByRole('button', { name: '下移 书籍教材' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => [c.path, c.body])).toEqual([
      ['/v1/admin/categories/books', { sortOrder: 20 }],
      ['/v1/admin/categories/digital', { sortOrder: 10 }],
    ]);
  });

  it('adds a 二级标签 with a checked code, and renames one', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(categoriesApi());
    renderPage(<Categories />);
    await screen.findByText('数码');
    await user.click(within(row('digital')).getByRole('button', { name: '添加二级标签' }));
    const dialog = (await screen.findByText('添加二级标签', { selector: '.ant-modal-title' })).closest<HTMLElement>(
      '.ant-modal',
    )!;
    await user.type(within(dialog).getByLabelText('名称'), '耳机');
    await user.type(within(dialog).getByLabelText('代码'), 'Ear Phones');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('代码只能包含小写字母、数字和连字符')).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('代码'));
    await user.type(within(dialog).getByLabelText('代码'), 'earphones');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        campusId: 'demo',
        parentId: 'digital',
        name: '耳机',
        code: 'earphones',
      }),
    );
    expect(await screen.findByText('耳机')).toBeTruthy();

    await user.click(within(row('textbooks')).getByRole('button', { name: /重命名/ }));
    const rename = (await screen.findByText('重命名', { selector: '.ant-modal-title' })).closest<HTMLElement>(
      '.ant-modal',
    )!;
    await user.clear(within(rename).getByLabelText('名称'));
    await user.type(within(rename).getByLabelText('名称'), '课本');
    await user.click(within(rename).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH').at(-1)?.body).toEqual({ name: '课本' }));
    expect(await screen.findByText('课本')).toBeTruthy();
  });
});
