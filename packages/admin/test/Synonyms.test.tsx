import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SynonymGroup } from '../src/api/types';
import { Synonyms, wordsOf } from '../src/pages/Synonyms';
import { refuse, stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

const aGroup = (id: string, terms: string[]): SynonymGroup => ({
  id,
  campusId: 'demo',
  terms,
  createdAt: '2026-12-01T08:00:00.000Z',
  createdBy: 'adm-1',
  updatedAt: '2026-12-01T08:00:00.000Z',
  updatedBy: 'adm-1',
});

const DEFAULTS = [
  ['高数', '高等数学'],
  ['戴尔', 'dell'],
];

/** The campus's groups; POST, PATCH and DELETE change them as the API would, refusing a word already in a group. */
function synonymsApi(initial: SynonymGroup[]) {
  const groups = new Map(initial.map((g) => [g.id, g]));
  return (c: Call) => {
    if (c.path === '/v1/admin/search/synonyms' && c.method === 'GET')
      return { status: 200, body: { items: [...groups.values()], defaults: DEFAULTS } };
    if (c.path === '/v1/admin/search/synonyms' && c.method === 'POST') {
      const terms = (c.body as { terms: string[] }).terms;
      const clash = terms.find((t) => [...groups.values()].some((g) => g.terms.includes(t)));
      if (clash) return refuse(409, 'SYNONYM_TERM_TAKEN', `「${clash}」已在另一个同义词组中`);
      const g = aGroup(`S${groups.size + 1}`, terms);
      groups.set(g.id, g);
      return { status: 201, body: g };
    }
    const m = /^\/v1\/admin\/search\/synonyms\/([^/]+)$/.exec(c.path);
    const g = m && groups.get(m[1]!);
    if (!g) return undefined;
    if (c.method === 'DELETE') {
      groups.delete(g.id);
      return { status: 200, body: g };
    }
    const next = { ...g, terms: (c.body as { terms: string[] }).terms };
    groups.set(g.id, next);
    return { status: 200, body: next };
  };
}

const row = (id: string) => document.querySelector<HTMLElement>(`tr[data-row-key="${id}"]`)!;

describe('同义词 page', () => {
  it('splits typed words on lines, commas and 、, keeping spaces inside a word', () => {
    expect(wordsOf('单车\n自行车，脚踏车、 apple watch ,,')).toEqual(['单车', '自行车', '脚踏车', 'apple watch']);
  });

  it("lists the campus's groups and the shipped dictionary, which can be searched", async () => {
    stubFetch(synonymsApi([aGroup('S1', ['单车', '小黄车'])]));
    renderPage(<Synonyms />);
    expect(await screen.findByText('小黄车')).toBeTruthy();
    fireEvent.click(screen.getByText('内置词库（2 组）'));
    const defaults = await screen.findByTestId('default-synonyms');
    expect(within(defaults).getByText('高数 / 高等数学')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('查找内置词'), { target: { value: 'DELL'.toLowerCase() } });
    await waitFor(() => expect(within(defaults).queryByText('高数 / 高等数学')).toBeNull());
    expect(within(defaults).getByText('戴尔 / dell')).toBeTruthy();
  });

  it('shows the empty state, then adds a group', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(synonymsApi([]));
    renderPage(<Synonyms />);
    expect(await screen.findByText('本校还没有自己的同义词组，搜索使用内置词库')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /添加同义词组/ }));
    const dialog = await screen.findByRole('dialog');
    const save = within(dialog).getByRole('button', { name: /保\s*存/ });
    await user.type(within(dialog).getByLabelText('同义词'), '线代');
    expect(save).toHaveProperty('disabled', true);
    await user.type(within(dialog).getByLabelText('同义词'), '，线性代数');
    await user.click(save);
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ campusId: 'demo', terms: ['线代', '线性代数'] }),
    );
    expect(await screen.findByText('线性代数')).toBeTruthy();
  });

  it("edits a group's words and deletes a group", async () => {
    const user = userEvent.setup();
    const calls = stubFetch(synonymsApi([aGroup('S1', ['单车', '小黄车']), aGroup('S2', ['高数', '高等数学'])]));
    renderPage(<Synonyms />);
    await screen.findByText('小黄车');
    await user.click(within(row('S1')).getByRole('button', { name: /编\s*辑/ }));
    const box = within(await screen.findByRole('dialog')).getByLabelText('同义词');
    expect((box as HTMLTextAreaElement).value).toBe('单车\n小黄车');
    await user.type(box, '\n共享单车');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
        path: '/v1/admin/search/synonyms/S1',
        body: { terms: ['单车', '小黄车', '共享单车'] },
      }),
    );
    expect(await screen.findByText('共享单车')).toBeTruthy();
    await user.click(within(row('S2')).getByRole('button', { name: '删除 高数 / 高等数学' }));
    await user.click(await screen.findByRole('button', { name: /^删\s*除$/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path.endsWith('/S2'))).toBe(true));
    await waitFor(() => expect(screen.queryByText('高等数学')).toBeNull());
  });

  it("says why a group was refused, in the API's words", async () => {
    const user = userEvent.setup();
    stubFetch(synonymsApi([aGroup('S1', ['单车', '自行车'])]));
    renderPage(<Synonyms />);
    await screen.findByText('自行车');
    await user.click(screen.getByRole('button', { name: /添加同义词组/ }));
    await user.type(within(await screen.findByRole('dialog')).getByLabelText('同义词'), '脚踏车\n单车');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('添加失败：「单车」已在另一个同义词组中')).toBeTruthy();
  });

  it('shows a load failure with a retry', async () => {
    stubFetch(() => refuse(500, 'INTERNAL', '服务器开小差了'));
    renderPage(<Synonyms />);
    expect(await screen.findByText('同义词加载失败')).toBeTruthy();
    expect(screen.getByRole('button', { name: /重\s*试/ })).toBeTruthy();
  });
});
