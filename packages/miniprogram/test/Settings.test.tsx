import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import About from '../src/pages/about/index';
import Rules from '../src/pages/rules/index';
import Settings from '../src/pages/settings/index';
import { calls, ok, refusal, renderWithQuery, serve } from './query';
import { storage } from './taro-mock';

const settings = (muted: string[]) => ({
  muted,
  consents: { comment: 2, reply: 0 },
  templates: {},
});

describe('通知设置', () => {
  it('shows each kind with its consents left, and mutes one with PUT', async () => {
    storage.set('xz_token', 'tok-bob');
    serve({
      'GET /v1/me/notification-settings': () => ok(settings([])),
      'PUT /v1/me/notification-settings': (req) => ok(settings((req.data as { muted: string[] }).muted)),
    });
    renderWithQuery(<Settings />);
    expect(await screen.findByText('可推送 2 次')).toBeTruthy();
    const sw = screen.getByTestId('mute-comment');
    fireEvent(sw, new CustomEvent('change', { detail: { value: false }, bubbles: true }));
    await waitFor(() => expect(calls('PUT', '/v1/me/notification-settings')).toHaveLength(1));
    expect(calls('PUT', '/v1/me/notification-settings')[0]!.data).toEqual({ muted: ['comment'] });
  });

  it('asks a visitor to sign in, and shows a failure with a retry', async () => {
    renderWithQuery(<Settings />);
    expect(screen.getByText('登录后才能设置提醒')).toBeTruthy();
    storage.set('xz_token', 'tok-bob');
    serve({ 'GET /v1/me/notification-settings': () => refusal(500, 'INTERNAL', '出错了') });
    renderWithQuery(<Settings />);
    expect(await screen.findByText('出错了（点击重试）')).toBeTruthy();
  });
});

describe('关于 and 规则', () => {
  it('says what may be sold, what is prohibited, how to meet safely, and that no payment goes through 闲置', () => {
    render(<Rules />);
    for (const title of ['可以发布什么', '禁止发布', '安全见面交易', '付款由双方自行完成'])
      expect(screen.getByText(title)).toBeTruthy();
    expect(screen.getByText(/不经手任何款项/)).toBeTruthy();
    render(<About />);
    expect(screen.getByText('校园二手交易小程序')).toBeTruthy();
  });
});
