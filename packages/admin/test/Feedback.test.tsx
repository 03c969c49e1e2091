import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminFeedback } from '../src/api/types';
import { Feedback } from '../src/pages/Feedback';
import { refuse, stubFetch, type Call } from './fakeApi';
import { renderPage } from './render';

const aFeedback = (id: string, over: Partial<AdminFeedback> = {}): AdminFeedback => ({
  id,
  campusId: 'demo',
  text: `反馈 ${id}`,
  photos: [],
  state: 'open',
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  replies: [],
  author: { id: 'u-alice', nickname: 'alice', avatarUrl: null },
  ...over,
});

/** The feedback queue: replies answer an item, closing closes it; lists filter by state. */
function feedbackApi(initial: AdminFeedback[]) {
  const items = new Map(initial.map((f) => [f.id, f]));
  return (c: Call) => {
    if (c.path === '/v1/admin/feedback') {
      const state = c.query.get('state');
      return { status: 200, body: { items: [...items.values()].filter((f) => f.state === state), nextCursor: null } };
    }
    const m = /^\/v1\/admin\/feedback\/([^/]+)\/(reply|close)$/.exec(c.path);
    const f = m && items.get(m[1]!);
    if (!m || !f) return undefined;
    const text = (c.body as { text?: string }).text ?? '';
    const next: AdminFeedback =
      m[2] === 'reply'
        ? { ...f, state: 'answered', replies: [...f.replies, { id: 'R1', text, at: '2026-12-02T08:00:00.000Z' }] }
        : { ...f, state: 'closed' };
    items.set(f.id, next);
    return { status: 200, body: next };
  };
}

const card = (id: string) => screen.getByTestId(`feedback-${id}`);

describe('意见反馈 page', () => {
  it('shows the open queue with photos, and a reply moves an item to 已回复', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(
      feedbackApi([
        aFeedback('F1', {
          text: '搜索结果不准',
          photos: [{ id: 'P1', url: '/media/photos/P1/medium' }],
        }),
        aFeedback('F2', { text: '希望加夜间模式', author: { id: 'u-bob', nickname: 'bob', avatarUrl: null } }),
      ]),
    );
    renderPage(<Feedback />);
    await screen.findByText('搜索结果不准');
    expect(calls[0]!.query.get('state')).toBe('open');
    expect(calls[0]!.query.get('campusId')).toBe('demo');
    expect(within(card('F1')).getByAltText('反馈照片').getAttribute('src')).toBe('/media/photos/P1/medium');
    expect(within(card('F2')).getByText('bob')).toBeTruthy();

    const reply = within(card('F1')).getByRole('button', { name: /回\s*复/ });
    expect((reply as HTMLButtonElement).disabled).toBe(true);
    await user.type(within(card('F1')).getByLabelText('回复内容'), '已修复，谢谢反馈');
    await user.click(reply);
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/v1/admin/feedback/F1/reply')?.body).toEqual({ text: '已修复，谢谢反馈' }),
    );
    expect(await screen.findByText('已回复，学生会在消息中看到')).toBeTruthy();
    // Answered: it leaves the open queue.
    await waitFor(() => expect(screen.queryByText('搜索结果不准')).toBeNull());

    await user.click(screen.getByText('已回复', { selector: '.ant-segmented-item-label' }));
    expect(await screen.findByText('搜索结果不准')).toBeTruthy();
    expect(within(card('F1')).getByText('已修复，谢谢反馈')).toBeTruthy();
    expect(calls.at(-1)!.query.get('state')).toBe('answered');
  });

  it('closes an item after confirming; a closed one takes no reply', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(feedbackApi([aFeedback('F1'), aFeedback('F9', { state: 'closed', text: '旧反馈' })]));
    renderPage(<Feedback />);
    await screen.findByText('反馈 F1');
    await user.click(within(card('F1')).getByRole('button', { name: /关\s*闭/ }));
    const confirm = (await screen.findByText('关闭这条反馈？')).closest<HTMLElement>('.ant-popover')!;
    expect(calls.some((c) => c.path.endsWith('/close'))).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: /关\s*闭/ }));
    await waitFor(() => expect(calls.find((c) => c.path === '/v1/admin/feedback/F1/close')?.method).toBe('POST'));
    expect(await screen.findByText('没有待处理的反馈')).toBeTruthy();

    await user.click(screen.getByText('已关闭', { selector: '.ant-segmented-item-label' }));
    await screen.findByText('旧反馈');
    expect(within(card('F9')).queryByLabelText('回复内容')).toBeNull();
  });

  it("shows the API's refusal of a reply and of the list", async () => {
    const user = userEvent.setup();
    stubFetch((c) =>
      c.path.endsWith('/reply')
        ? refuse(400, 'VALIDATION_FAILED', 'text: 回复含有不允许的字符')
        : feedbackApi([aFeedback('F1')])(c),
    );
    const { unmount } = renderPage(<Feedback />);
    await screen.findByText('反馈 F1');
    await user.type(within(card('F1')).getByLabelText('回复内容'), '好的');
    await user.click(within(card('F1')).getByRole('button', { name: /回\s*复/ }));
    expect(await screen.findByText('回复失败：text: 回复含有不允许的字符')).toBeTruthy();
    expect(screen.getByText('反馈 F1')).toBeTruthy();
    unmount();

    stubFetch((c) => (c.path === '/v1/admin/feedback' ? refuse(403, 'ADMIN_SCOPE', '只能管理本校区') : undefined));
    renderPage(<Feedback />);
    expect(await screen.findByText('只能管理本校区')).toBeTruthy();
  });
});
