import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DeadLetterItem } from '../src/api/types';
import { DeadLetters } from '../src/pages/DeadLetters';
import { stubFetch } from './fakeApi';
import { renderWithProviders } from './render';

const letter = (id: string, over: Partial<DeadLetterItem> = {}): DeadLetterItem => ({
  notificationId: id,
  recipientId: 'u-bob',
  campusId: 'demo',
  kind: 'price_drop',
  listingId: 'L1',
  state: 'dead',
  reason: null,
  attempts: 6,
  lastError: 'QqSendFailed: errcode 40037',
  data: { listingTitle: '二手显示器', oldPrice: 30000, newPrice: 25000 },
  createdAt: '2026-11-20T06:00:00.000Z',
  updatedAt: '2026-11-20T06:05:00.000Z',
  ...over,
});

const renderPage = () => renderWithProviders(<DeadLetters />);

describe('死信 page', () => {
  it('lists failed and unknown QQ messages and retries one after confirming', async () => {
    // A retried letter leaves the list the page fetches again.
    let retried = false;
    const calls = stubFetch((call) => {
      if (call.method === 'GET' && call.path === '/v1/admin/dead-letters') {
        return {
          status: 200,
          body: {
            items: [letter('N1'), letter('N2', { state: 'unknown', kind: 'comment', lastError: null })].filter(
              (l) => !retried || l.notificationId !== 'N1',
            ),
            nextCursor: null,
          },
        };
      }
      if (call.method === 'POST' && call.path === '/v1/admin/dead-letters/N1/retry') {
        retried = true;
        return { status: 202 };
      }
      return undefined;
    });
    renderPage();
    const row = (await screen.findByText('QqSendFailed: errcode 40037')).closest('tr')!;
    expect(within(row).getByText('降价')).toBeTruthy();
    expect(within(row).getByText('发送失败')).toBeTruthy();
    expect(within(row).getByText('二手显示器')).toBeTruthy();
    const unknown = document.querySelector<HTMLElement>('tr[data-row-key="N2"]')!;
    expect(within(unknown).getByText('结果未知')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: /重\s*试/ }));
    // The confirmation's own 重试 button is the last one on the page.
    await waitFor(() => expect(screen.getAllByRole('button', { name: /重\s*试/ }).length).toBeGreaterThan(2));
    expect(screen.getByText('重新发送这条 QQ 消息？')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: /重\s*试/ }).at(-1)!);
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.path === '/v1/admin/dead-letters/N1/retry')).toBe(true),
    );
    await waitFor(() => expect(document.querySelector('tr[data-row-key="N1"]')).toBeNull());
    expect(document.querySelector('tr[data-row-key="N2"]')).not.toBeNull();
  });

  it('shows the refusal of a non-admin', async () => {
    stubFetch((call) =>
      call.path === '/v1/admin/dead-letters'
        ? { status: 403, body: { error: { code: 'ADMIN_ONLY', message: '需要管理员账号' } } }
        : undefined,
    );
    renderPage();
    expect(await screen.findByText('需要管理员账号')).toBeTruthy();
  });
});
