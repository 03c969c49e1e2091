import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditPage } from '../src/api/types';
import { AuditLog } from '../src/pages/AuditLog';
import { refuse, stubFetch } from './fakeApi';
import { renderPage } from './render';

const entry = (id: string, action: string): AuditPage['items'][number] => ({
  id,
  at: '2026-12-05T08:00:00.000Z',
  actor: { kind: 'admin', id: 'adm-1' },
  action,
  targetType: 'user',
  targetId: 'u-bob',
  campusId: 'demo',
  details: { reason: '诈骗' },
});

describe('操作日志 page', () => {
  it('lists entries with readable actions, loads more, and filters by actor and action', async () => {
    const calls = stubFetch((c) => {
      if (c.path !== '/v1/admin/audit-log') return undefined;
      if (c.query.get('cursor') === 'n2')
        return { status: 200, body: { items: [entry('A3', 'listing.remove')], nextCursor: null } };
      return {
        status: 200,
        body: { items: [entry('A1', 'user.ban'), entry('A2', 'banner.create')], nextCursor: 'n2' },
      };
    });
    renderPage(<AuditLog />);
    expect(await screen.findByText('封禁用户')).toBeTruthy();
    expect(screen.getByText('新建轮播图')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('下架商品')).toBeTruthy();
    expect(calls.at(-1)!.query.get('cursor')).toBe('n2');

    fireEvent.change(screen.getByPlaceholderText('管理员或用户 ID'), { target: { value: 'adm-1' } });
    fireEvent.change(screen.getByLabelText('操作'), { target: { value: 'user.ban' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(calls.at(-1)!.query.get('actorId')).toBe('adm-1'));
    expect(calls.at(-1)!.query.get('action')).toBe('user.ban');
    expect(calls.at(-1)!.query.has('cursor')).toBe(false);
  });

  it('shows an empty log and a refusal', async () => {
    stubFetch((c) =>
      c.path === '/v1/admin/audit-log' ? { status: 200, body: { items: [], nextCursor: null } } : undefined,
    );
    const { unmount } = renderPage(<AuditLog />);
    expect(await screen.findByText('没有符合条件的记录')).toBeTruthy();
    unmount();
    stubFetch((c) => (c.path === '/v1/admin/audit-log' ? refuse(400, 'INVALID_CURSOR', '游标无效') : undefined));
    renderPage(<AuditLog />);
    expect(await screen.findByText('游标无效')).toBeTruthy();
  });
});
