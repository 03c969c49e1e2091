import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Comments } from '../src/components/Comments';
import { ReportSheet } from '../src/components/ReportSheet';
import { renderWithQuery } from './query';
import { requests, respondWith, storage } from './taro-mock';

const signedIn = () => storage.set('xz_token', 'token-bob');

describe('举报', () => {
  it('sends the chosen reason and text once a reason is picked, then closes', async () => {
    signedIn();
    respondWith(() => ({ statusCode: 201, data: { received: true } }));
    let closed = false;
    render(<ReportSheet targetType="listing" targetId="L1" onClose={() => (closed = true)} />);
    expect(screen.getByText('举报这件商品')).toBeTruthy();
    const submit = screen.getByText('提交举报');
    fireEvent.click(submit);
    expect(requests).toHaveLength(0);
    fireEvent.click(screen.getByText('诈骗'));
    fireEvent.input(screen.getByPlaceholderText('补充说明（选填）'), { target: { value: '要求先转账' } });
    fireEvent.click(submit);
    await waitFor(() => expect(closed).toBe(true));
    expect(requests.map((r) => [r.method, r.url, r.data])).toEqual([
      ['POST', '/v1/reports', { targetType: 'listing', targetId: 'L1', reason: 'scam', details: '要求先转账' }],
    ]);
  });

  it('asks for text with 其他, and shows the API refusal (a second report) without closing', async () => {
    signedIn();
    respondWith(() => ({
      statusCode: 409,
      data: { error: { code: 'ALREADY_REPORTED', message: '你已经举报过了，管理员会尽快处理', details: null } },
    }));
    let closed = false;
    render(<ReportSheet targetType="comment" targetId="C1" onClose={() => (closed = true)} />);
    fireEvent.click(screen.getByText('其他'));
    fireEvent.click(screen.getByText('提交举报'));
    expect(await screen.findByText('选择“其他”时请写明原因')).toBeTruthy();
    expect(requests).toHaveLength(0);
    fireEvent.input(screen.getByPlaceholderText('请写明原因'), { target: { value: '冒充官方' } });
    fireEvent.click(screen.getByText('提交举报'));
    expect(await screen.findByText('你已经举报过了，管理员会尽快处理')).toBeTruthy();
    expect(closed).toBe(false);
  });

  it('comments: a hidden one is a placeholder; others’ comments offer 举报, which opens the sheet for that comment', async () => {
    signedIn();
    const comment = (id: string, over: Record<string, unknown>) => ({
      id,
      author: { id: 'u-x', nickname: '某同学', avatarUrl: null },
      body: '还在吗',
      deleted: false,
      hidden: false,
      createdAt: '2026-11-20T06:00:00.000Z',
      canDelete: false,
      replies: [],
      ...over,
    });
    respondWith((req) =>
      req.method === 'GET'
        ? {
            statusCode: 200,
            data: { items: [comment('C1', { body: null, hidden: true }), comment('C2', { body: '加我QQ' })] },
          }
        : { statusCode: 201, data: { received: true } },
    );
    renderWithQuery(<Comments listingId="L1" />);
    expect(await screen.findByText('该留言被举报，等待管理员审核')).toBeTruthy();
    const reportButtons = screen.getAllByText('举报');
    expect(reportButtons).toHaveLength(1);
    fireEvent.click(reportButtons[0]!);
    const sheet = screen.getByText('举报这条留言').closest('.report-sheet') as HTMLElement;
    fireEvent.click(within(sheet).getByText('广告刷屏'));
    fireEvent.click(within(sheet).getByText('提交举报'));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.url === '/v1/reports')).toBe(true));
    expect(requests.find((r) => r.method === 'POST')!.data).toEqual({
      targetType: 'comment',
      targetId: 'C2',
      reason: 'spam',
    });
  });
});
