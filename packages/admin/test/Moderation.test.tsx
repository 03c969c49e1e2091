import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReviewCase } from '../src/api/types';
import { Moderation } from '../src/pages/Moderation';
import { stubFetch } from './fakeApi';
import { renderWithProviders } from './render';

const aCase = (id: string, over: Partial<ReviewCase> = {}): ReviewCase => ({
  id,
  targetType: 'listing',
  targetId: `T-${id}`,
  campusId: 'demo',
  status: 'open',
  reportCount: 3,
  uncheckedFields: [],
  hidden: true,
  openedAt: '2026-11-20T06:00:00.000Z',
  updatedAt: '2026-11-20T07:00:00.000Z',
  resolution: null,
  target: {
    summary: '九成新电饭煲\n要求先付定金',
    listingId: `T-${id}`,
    ownerId: 'u-alice',
    status: 'hidden',
    photoUrl: null,
  },
  reports: [
    {
      id: 'R1',
      reason: 'scam',
      reasonLabel: '诈骗',
      details: '要求先转账',
      reporterId: 'u-bob',
      createdAt: '2026-11-20T06:00:00.000Z',
    },
    {
      id: 'R2',
      reason: 'fake',
      reasonLabel: '虚假信息',
      details: '',
      reporterId: 'u-dave',
      createdAt: '2026-11-20T06:30:00.000Z',
    },
  ],
  ...over,
});

const renderPage = () => renderWithProviders(<Moderation />);

describe('举报与审核 page', () => {
  it('lists cases with why they are there, restores one, and removes another only with a reason', async () => {
    // Resolved cases leave the queue the page fetches again.
    const resolved = new Set<string>();
    const calls = stubFetch((call) => {
      if (call.method === 'GET' && call.path === '/v1/admin/moderation/cases') {
        return {
          status: 200,
          body: {
            items: [
              aCase('C1'),
              aCase('C2', {
                targetType: 'comment',
                reportCount: 0,
                hidden: false,
                uncheckedFields: ['body'],
                reports: [],
                target: {
                  summary: '加我QQ便宜卖',
                  listingId: 'L9',
                  ownerId: 'u-dave',
                  status: 'visible',
                  photoUrl: null,
                },
              }),
            ].filter((c) => !resolved.has(c.id)),
            nextCursor: null,
          },
        };
      }
      if (call.method === 'POST' && call.path.startsWith('/v1/admin/moderation/cases/')) {
        resolved.add(call.path.split('/')[5]!);
        return { status: 200, body: { ...aCase('X'), status: 'restored' } };
      }
      return undefined;
    });
    renderPage();
    const first = (await screen.findByText(/九成新电饭煲/)).closest('tr')!;
    expect(within(first).getByText('3 人举报 · 已隐藏')).toBeTruthy();
    expect(within(first).getByText('商品')).toBeTruthy();
    const second = document.querySelector<HTMLElement>('tr[data-row-key="C2"]')!;
    expect(within(second).getByText('安全检查不可用时发布：留言')).toBeTruthy();

    // The reports behind a case unfold under it.
    fireEvent.click(within(first).getByRole('button', { name: /展开行|expand/i }));
    expect(await screen.findByText('要求先转账')).toBeTruthy();
    expect(screen.getByText('诈骗')).toBeTruthy();

    fireEvent.click(within(first).getByRole('button', { name: /恢\s*复/ }));
    await screen.findByText('确认内容没有问题，恢复并关闭举报？');
    fireEvent.click(screen.getAllByRole('button', { name: /恢\s*复/ }).at(-1)!);
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path === '/v1/admin/moderation/cases/C1/resolve')).toBe(true),
    );
    expect(calls.find((c) => c.path === '/v1/admin/moderation/cases/C1/resolve')!.body).toEqual({
      decision: 'restore',
    });
    await waitFor(() => expect(document.querySelector('tr[data-row-key="C1"]')).toBeNull());

    fireEvent.click(within(second).getByRole('button', { name: '删除留言' }));
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: /确\s*认/ });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('处理原因'), { target: { value: '站外交易广告' } });
    await waitFor(() =>
      expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: /确\s*认/ }).disabled).toBe(false),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*认/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/v1/admin/moderation/cases/C2/resolve')?.body).toEqual({
        decision: 'remove',
        reason: '站外交易广告',
      }),
    );
    await waitFor(() => expect(document.querySelector('tr[data-row-key="C2"]')).toBeNull());
  });

  it('shows the API refusal, and an empty queue plainly', async () => {
    stubFetch((call) =>
      call.path === '/v1/admin/moderation/cases'
        ? { status: 403, body: { error: { code: 'ADMIN_ONLY', message: '需要管理员账号' } } }
        : undefined,
    );
    const { unmount } = renderPage();
    expect(await screen.findByText('需要管理员账号')).toBeTruthy();
    unmount();
    stubFetch((call) =>
      call.path === '/v1/admin/moderation/cases' ? { status: 200, body: { items: [], nextCursor: null } } : undefined,
    );
    renderPage();
    expect(await screen.findByText('没有待处理的举报')).toBeTruthy();
  });
});
