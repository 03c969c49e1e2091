import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommentThread, CommentView } from '../src/api/types';
import { Comments } from '../src/components/Comments';
import type * as notifications from '../src/lib/notifications';
import { askForSubscription } from '../src/lib/notifications';
import { calls, ok, refusal, renderWithQuery, serve } from './query';
import { storage, taroFake } from './taro-mock';

vi.mock('../src/lib/notifications', async (original) => ({
  ...(await original<typeof notifications>()),
  askForSubscription: vi.fn(async () => undefined),
}));

const author = (id: string, nickname: string) => ({ id, nickname, avatarUrl: null });
const base = { deleted: false, hidden: false, createdAt: '2026-11-20T06:00:00.000Z', canDelete: false };

const reply = (id: string, over: Partial<CommentView>): CommentView => ({
  id,
  author: author('u-alice', 'alice'),
  body: '还在的',
  replyTo: null,
  ...base,
  ...over,
});

const thread: CommentThread[] = [
  {
    id: 'C1',
    author: author('u-bob', 'bob'),
    body: '还在吗？能便宜点吗',
    ...base,
    replies: [
      reply('R1', { replyTo: { commentId: 'C1', user: { id: 'u-bob', nickname: 'bob' } } }),
      reply('R2', {
        author: author('u-bob', 'bob'),
        body: '好的，明天图书馆见',
        replyTo: { commentId: 'R1', user: { id: 'u-alice', nickname: 'alice' } },
        canDelete: true,
      }),
    ],
  },
  { id: 'C2', author: author('u-carol', 'carol'), body: null, ...base, deleted: true, replies: [] },
];

beforeEach(() => {
  vi.mocked(askForSubscription).mockClear();
  storage.set('xz_token', 'tok-bob');
});

describe('the comment thread', () => {
  it('shows each comment with its replies under it, who answered whom, and deleted ones as a placeholder', async () => {
    serve({ 'GET /v1/listings/L1/comments': () => ok({ items: thread }) });
    renderWithQuery(<Comments listingId="L1" myId="u-bob" />);
    const comments = await screen.findAllByTestId('comment');
    expect(comments).toHaveLength(2);
    expect(within(comments[0]!).getByText('还在吗？能便宜点吗')).toBeTruthy();
    const replies = within(comments[0]!).getAllByTestId('reply');
    expect(replies.map((r) => r.textContent?.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/, ''))).toEqual([
      'alice 回复 bob：还在的回复举报加QQ好友',
      'bob 回复 alice：好的，明天图书馆见回复删除',
    ]);
    expect(within(comments[1]!).getByText('该留言已删除')).toBeTruthy();
    // 加好友 for others only (bob is signed in): alice's reply offers it, bob's own do not.
    expect(within(comments[0]!).getAllByTestId('add-friend')).toHaveLength(1);
  });

  it('says so when there are no comments, and when they fail to load (tap to retry)', async () => {
    let fail = true;
    serve({
      'GET /v1/listings/L1/comments': () => (fail ? refusal(500, 'INTERNAL', '服务器出错了') : ok({ items: [] })),
    });
    renderWithQuery(<Comments listingId="L1" />);
    expect(screen.getByText('留言加载中…')).toBeTruthy();
    const error = await screen.findByText('服务器出错了（点击重试）');
    fail = false;
    fireEvent.click(error);
    expect(await screen.findByText('还没有留言，问问细节吧')).toBeTruthy();
  });

  it('asks for the reply reminder when a comment is sent, then shows it in the thread', async () => {
    let items: CommentThread[] = [];
    serve({
      'GET /v1/listings/L1/comments': () => ok({ items }),
      'POST /v1/listings/L1/comments': (req) => {
        const body = (req.data as { body: string }).body;
        items = [{ id: 'C9', author: author('u-bob', 'bob'), body, ...base, canDelete: true, replies: [] }];
        return ok({ ...items[0], replyTo: null }, 201);
      },
    });
    renderWithQuery(<Comments listingId="L1" myId="u-bob" />);
    await screen.findByText('还没有留言，问问细节吧');
    fireEvent.input(screen.getByPlaceholderText('问问卖家细节…'), { target: { value: '  还在吗  ' } });
    fireEvent.click(screen.getByText('发送'));
    expect(askForSubscription).toHaveBeenCalledWith(['reply']);
    expect(await screen.findByText('还在吗')).toBeTruthy();
    expect(calls('POST', '/v1/listings/L1/comments')[0]!.data).toEqual({ body: '还在吗' });
    expect(screen.getByPlaceholderText<HTMLInputElement>('问问卖家细节…').value).toBe('');
  });

  it('replies to a reply: the request names that reply, the composer says whom, and asks for consent too', async () => {
    serve({
      'GET /v1/listings/L1/comments': () => ok({ items: thread }),
      'POST /v1/listings/L1/comments': () => ok({ ...reply('R3', {}), replyTo: null }, 201),
    });
    renderWithQuery(<Comments listingId="L1" myId="u-bob" />);
    const replies = await screen.findAllByTestId('reply');
    fireEvent.click(within(replies[0]!).getByTestId('comment-reply'));
    expect(screen.getByText('回复 @alice')).toBeTruthy();
    fireEvent.input(screen.getByPlaceholderText('回复 @alice'), { target: { value: '几点？' } });
    fireEvent.click(screen.getByText('发送'));
    await waitFor(() => expect(calls('POST', '/v1/listings/L1/comments')).toHaveLength(1));
    expect(calls('POST', '/v1/listings/L1/comments')[0]!.data).toEqual({ body: '几点？', replyToCommentId: 'R1' });
    expect(askForSubscription).toHaveBeenCalledWith(['reply']);
  });

  it('keeps the text and shows the refusal when the API refuses (e.g. not verified)', async () => {
    serve({
      'GET /v1/listings/L1/comments': () => ok({ items: [] }),
      'POST /v1/listings/L1/comments': () => refusal(403, 'NOT_VERIFIED', '验证学生身份后才能留言'),
    });
    renderWithQuery(<Comments listingId="L1" />);
    await screen.findByText('还没有留言，问问细节吧');
    fireEvent.input(screen.getByPlaceholderText('问问卖家细节…'), { target: { value: '在吗' } });
    fireEvent.click(screen.getByText('发送'));
    await waitFor(() =>
      expect(taroFake.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '验证学生身份后才能留言' })),
    );
    expect(screen.getByPlaceholderText<HTMLInputElement>('问问卖家细节…').value).toBe('在吗');
  });

  it('asks a visitor to sign in instead of sending, without asking for consent', async () => {
    storage.clear();
    serve({ 'GET /v1/listings/L1/comments': () => ok({ items: [] }) });
    renderWithQuery(<Comments listingId="L1" />);
    await screen.findByText('还没有留言，问问细节吧');
    fireEvent.input(screen.getByPlaceholderText('问问卖家细节…'), { target: { value: '在吗' } });
    fireEvent.click(screen.getByText('发送'));
    expect(taroFake.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先在「我的」页登录' }));
    expect(askForSubscription).not.toHaveBeenCalled();
    expect(calls('POST', '/v1/listings/L1/comments')).toHaveLength(0);
  });

  it('explains on the web that 加QQ好友 works in the QQ mini-program', async () => {
    serve({ 'GET /v1/listings/L1/comments': () => ok({ items: thread }) });
    renderWithQuery(<Comments listingId="L1" myId="u-bob" />);
    const [button] = await screen.findAllByTestId('add-friend');
    fireEvent.click(button!);
    expect(taroFake.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '加QQ好友', content: expect.stringContaining('QQ 中打开「闲置」小程序') }),
    );
  });
});
