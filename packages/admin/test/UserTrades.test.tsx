import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AdminRating, ReviewCase, Trade } from '../src/api/types';
import { Moderation } from '../src/pages/Moderation';
import { Users } from '../src/pages/users/Users';
import { aUser, refuse, stubFetch, type Call } from './fakeApi';
import { renderPage, renderWithProviders } from './render';

const alice = { id: 'u-alice', nickname: 'alice', avatarUrl: null };
const bob = { id: 'u-bob', nickname: 'bob', avatarUrl: null };

const aTrade = (over: Partial<Trade> = {}): Trade => ({
  id: 'T1',
  listing: { id: 'L1', title: '九成新台灯', coverUrl: null, priceFen: 2000, status: 'sold', kind: 'item' },
  seller: alice,
  buyer: bob,
  priceFen: 1800,
  offerId: null,
  status: 'completed',
  sellerConfirmedAt: '2026-12-07T08:00:00.000Z',
  buyerConfirmedAt: '2026-12-07T08:00:00.000Z',
  autoCompleteAt: null,
  cancelledBy: null,
  cancelReason: null,
  createdAt: '2026-12-06T08:00:00.000Z',
  completedAt: '2026-12-07T08:00:00.000Z',
  myRating: null,
  canRate: false,
  ...over,
});

const aRating = (over: Partial<AdminRating> = {}): AdminRating => ({
  id: 'R1',
  tradeId: 'T1',
  score: 'good',
  text: '买家很爽快',
  rater: alice,
  ratee: bob,
  rateeRole: 'buyer',
  listingTitle: '九成新台灯',
  createdAt: '2026-12-07T09:00:00.000Z',
  publishedAt: '2026-12-07T10:00:00.000Z',
  reply: null,
  hidden: false,
  ...over,
});

function userApi(trades: (c: Call) => { status: number; body?: unknown }, ratings: typeof trades) {
  return (c: Call) => {
    if (c.path === '/v1/admin/users') return { status: 200, body: { items: [aUser()], nextCursor: null } };
    if (c.path === '/v1/admin/users/u-alice')
      return {
        status: 200,
        body: { user: aUser(), verification: { state: 'verified', at: null }, listings: [], reports: [], bans: [] },
      };
    if (c.path === '/v1/admin/users/u-alice/trades') return trades(c);
    if (c.path === '/v1/admin/users/u-alice/ratings') return ratings(c);
    return undefined;
  };
}

const openAlice = async () => {
  const user = userEvent.setup();
  renderPage(<Users />);
  await user.click(await screen.findByRole('button', { name: 'alice' }));
  return screen.findByTestId('user-detail');
};

describe('用户详情: trades and ratings', () => {
  it('lists the student’s trades on either side and the ratings, hidden ones marked', async () => {
    stubFetch(
      userApi(
        () => ({
          status: 200,
          body: {
            items: [
              aTrade(),
              aTrade({
                id: 'T2',
                seller: bob,
                buyer: alice,
                status: 'cancelled',
                cancelledBy: 'seller',
                cancelReason: '联系不上',
                completedAt: null,
              }),
            ],
            nextCursor: null,
          },
        }),
        () => ({
          status: 200,
          body: {
            items: [
              aRating(),
              aRating({ id: 'R2', score: 'bad', text: '骂人的话', rater: bob, ratee: alice, hidden: true }),
              aRating({ id: 'R3', text: null }),
            ],
            nextCursor: null,
          },
        }),
      ),
    );
    await openAlice();
    const trades = await screen.findByTestId('user-trades');
    await within(trades).findAllByText('九成新台灯');
    const t1 = trades.querySelector<HTMLElement>('tr[data-row-key="T1"]')!;
    expect(t1.textContent).toContain('九成新台灯卖家bob¥18.00已完成');
    const t2 = trades.querySelector<HTMLElement>('tr[data-row-key="T2"]')!;
    expect(t2.textContent).toContain('买家bob¥18.00已取消联系不上');

    const ratings = screen.getByTestId('user-ratings');
    const hidden = (await within(ratings).findByText('骂人的话')).closest('tr')!;
    expect(within(hidden).getByText('已隐藏')).toBeTruthy();
    expect(within(hidden).getByText('差评')).toBeTruthy();
    expect(within(ratings.querySelector<HTMLElement>('tr[data-row-key="R1"]')!).getByText('已公开')).toBeTruthy();
    expect(within(ratings.querySelector<HTMLElement>('tr[data-row-key="R3"]')!).getByText('（无文字）')).toBeTruthy();
  });

  it('says when there are none, and shows a refusal', async () => {
    stubFetch(
      userApi(
        () => ({ status: 200, body: { items: [], nextCursor: null } }),
        () => refuse(403, 'ADMIN_SCOPE', '校区管理员只能管理本校区的内容'),
      ),
    );
    await openAlice();
    expect(await within(screen.getByTestId('user-trades')).findByText('没有交易记录')).toBeTruthy();
    expect(await within(screen.getByTestId('user-ratings')).findByText('评价加载失败')).toBeTruthy();
    expect(within(screen.getByTestId('user-ratings')).getByText('校区管理员只能管理本校区的内容')).toBeTruthy();
  });
});

describe('举报与审核: ratings', () => {
  it('shows a reported rating and hides it with a reason', async () => {
    const ratingCase = {
      id: 'C9',
      targetType: 'rating',
      targetId: 'R2',
      campusId: 'demo',
      status: 'open',
      reportCount: 1,
      uncheckedFields: [],
      hidden: false,
      openedAt: '2026-12-07T06:00:00.000Z',
      updatedAt: '2026-12-07T07:00:00.000Z',
      resolution: null,
      target: { summary: 'bad：骂人的话', listingId: null, ownerId: 'u-bob', status: 'visible', photoUrl: null },
      reports: [],
    } as unknown as ReviewCase;
    let resolved = false;
    const calls = stubFetch((c) => {
      if (c.path === '/v1/admin/moderation/cases')
        return { status: 200, body: { items: resolved ? [] : [ratingCase], nextCursor: null } };
      if (c.path === '/v1/admin/moderation/cases/C9/resolve') {
        resolved = true;
        return { status: 200, body: { ...ratingCase, status: 'removed' } };
      }
      return undefined;
    });
    renderWithProviders(<Moderation />);
    const row = (await screen.findByText('差评：骂人的话')).closest('tr')!;
    expect(within(row).getByText('评价')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '隐藏评价' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('处理原因'), { target: { value: '人身攻击' } });
    await waitFor(() =>
      expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: /确\s*认/ }).disabled).toBe(false),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*认/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.path === '/v1/admin/moderation/cases/C9/resolve')?.body).toEqual({
        decision: 'remove',
        reason: '人身攻击',
      }),
    );
    expect(await screen.findByText('已隐藏评价', { selector: '.ant-message *' })).toBeTruthy();
  });
});
