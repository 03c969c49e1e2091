import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Feedback } from '../src/api/feedback';
import { FeedbackForm } from '../src/components/FeedbackForm';
import FeedbackPage from '../src/pages/feedback/index';
import { calls, ok, refusal, renderWithQuery, serve } from './query';
import { storage, taroFake } from './taro-mock';

const uploaded = (id: string) => ({
  statusCode: 201,
  data: JSON.stringify({
    id,
    urls: {
      thumb: `/media/photos/${id}/thumb`,
      medium: `/media/photos/${id}/medium`,
      large: `/media/photos/${id}/large`,
    },
    width: 800,
    height: 600,
  }),
});

const feedback = (id: string, over: Partial<Feedback> = {}): Feedback => ({
  id,
  campusId: 'demo',
  text: '搜索不到我发布的书',
  photos: [],
  state: 'open',
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  replies: [],
  ...over,
});

/** Taro's Textarea is a web component: its inner <textarea> appears once the component has rendered. */
const textarea = () =>
  waitFor(() => {
    const inner = screen.getByTestId('feedback-text').querySelector('textarea');
    if (!inner) throw new Error('textarea not rendered yet');
    return inner;
  });

async function type(value: string) {
  fireEvent.input(await textarea(), { target: { value } });
}

describe('意见反馈 form', () => {
  it('asks for text first, then sends it with up to three photos', async () => {
    storage.set('xz_token', 'tok-bob');
    serve({ 'POST /v1/feedback': (req) => ok(feedback('F1', { text: (req.data as { text: string }).text }), 201) });
    taroFake.chooseImage.mockResolvedValueOnce({ tempFilePaths: ['a.jpg', 'b.jpg', 'c.jpg'] });
    taroFake.uploadFile
      .mockImplementationOnce(async () => uploaded('S1'))
      .mockImplementationOnce(async () => uploaded('S2'))
      .mockImplementationOnce(async () => uploaded('S3'));
    const onSent = vi.fn();
    renderWithQuery(<FeedbackForm onSent={onSent} />);

    fireEvent.click(screen.getByTestId('feedback-submit'));
    expect(await screen.findByText('请写下你遇到的问题或建议')).toBeTruthy();
    expect(calls('POST', '/v1/feedback')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('add-photo'));
    expect(taroFake.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 3 }));
    await waitFor(() => expect(screen.getAllByTestId('photo')).toHaveLength(3));
    expect(screen.queryByTestId('add-photo')).toBeNull(); // three is the most
    fireEvent.click(screen.getAllByTestId('photo-remove')[1]!);

    await type(' 搜索不到我发布的书 ');
    fireEvent.click(screen.getByTestId('feedback-submit'));
    await waitFor(() => expect(onSent).toHaveBeenCalledTimes(1));
    expect(calls('POST', '/v1/feedback')[0]!.data).toEqual({ text: '搜索不到我发布的书', photoIds: ['S1', 'S3'] });
    await waitFor(async () => expect((await textarea()).value).toBe(''));
  });

  it('shows the API’s refusal of the text under it', async () => {
    storage.set('xz_token', 'tok-bob');
    serve({
      'POST /v1/feedback': () =>
        refusal(400, 'VALIDATION_FAILED', '提交内容有误', [{ field: 'text', message: '包含不允许的控制字符' }]),
    });
    renderWithQuery(<FeedbackForm onSent={vi.fn()} />);
    await type('x');
    fireEvent.click(screen.getByTestId('feedback-submit'));
    expect(await screen.findByText('包含不允许的控制字符')).toBeTruthy();
  });
});

describe('意见反馈 page', () => {
  it('lists my past feedback with the admins’ replies, and refreshes it after sending', async () => {
    storage.set('xz_token', 'tok-bob');
    let mine = [
      feedback('F2', {
        state: 'answered',
        photos: [{ id: 'S1', url: '/media/photos/S1/medium' }],
        replies: [{ id: 'R1', text: '已修复，请再试一次', at: '2026-12-02T09:00:00.000Z' }],
      }),
    ];
    serve({
      'GET /v1/me/feedback': () => ok({ items: mine, nextCursor: null }),
      'POST /v1/feedback': () => {
        mine = [feedback('F3', { text: '新的建议' }), ...mine];
        return ok(mine[0], 201);
      },
    });
    renderWithQuery(<FeedbackPage />);
    const item = await screen.findByTestId('feedback-item');
    expect(within(item).getByText('已回复')).toBeTruthy();
    expect(within(item).getByTestId('feedback-reply').textContent).toContain('已修复，请再试一次');

    await type('新的建议');
    fireEvent.click(screen.getByTestId('feedback-submit'));
    await waitFor(() => expect(screen.getAllByTestId('feedback-item')).toHaveLength(2));
    expect(within(screen.getAllByTestId('feedback-item')[0]!).getByText('待回复')).toBeTruthy();
  });

  it('has empty and error states, and asks a visitor to sign in', async () => {
    storage.set('xz_token', 'tok-bob');
    serve({ 'GET /v1/me/feedback': () => ok({ items: [], nextCursor: null }) });
    const { unmount } = renderWithQuery(<FeedbackPage />);
    expect(await screen.findByText('还没有提交过反馈')).toBeTruthy();
    unmount();

    serve({ 'GET /v1/me/feedback': () => refusal(503, 'UNAVAILABLE', '服务暂时不可用') });
    const second = renderWithQuery(<FeedbackPage />);
    expect(await screen.findByText('服务暂时不可用（点击重试）')).toBeTruthy();
    second.unmount();

    storage.clear();
    renderWithQuery(<FeedbackPage />);
    expect(screen.getByText('登录后才能提交反馈')).toBeTruthy();
  });
});
