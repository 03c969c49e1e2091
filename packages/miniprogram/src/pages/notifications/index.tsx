import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage, getToken } from '../../api/client';
import type { NotificationItem, NotificationKind, NotificationSettings } from '../../api/types';
import { describe, KIND_LABEL, MUTABLE_KINDS } from '../../lib/notifications';
import './index.css';

const when = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** 消息: my notifications, newest first; tapping one marks it read and opens its listing. */
export default function Notifications() {
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [showSettings, setShowSettings] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (after?: string) => {
    if (!getToken()) {
      setError('请先在「我的」页登录');
      return;
    }
    setLoading(true);
    setError(null);
    try {
      const page = await api.notifications(after);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => void load(), [load]);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => {
    if (cursor && !loading) void load(cursor);
  });

  const open = async (n: NotificationItem) => {
    if (!n.readAt) {
      setItems((prev) => prev.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
      void api.markRead(n.id).catch(() => undefined);
    }
    if (n.listingId) void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(n.listingId)}` });
    // A notice about something else than a listing names its page (意见反馈's reply: pages/feedback/index).
    else if (typeof n.data.page === 'string' && n.data.page.startsWith('pages/'))
      void Taro.navigateTo({ url: `/${n.data.page}` });
  };

  const readAll = async () => {
    try {
      await api.markAllRead();
      const now = new Date().toISOString();
      setItems((prev) => prev.map((x) => (x.readAt ? x : { ...x, readAt: now })));
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const openSettings = async () => {
    setShowSettings((v) => !v);
    if (!settings) {
      try {
        setSettings(await api.notificationSettings());
      } catch (e) {
        void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      }
    }
  };

  const toggle = async (kind: NotificationKind, on: boolean) => {
    if (!settings) return;
    const muted = on ? settings.muted.filter((k) => k !== kind) : [...settings.muted, kind];
    try {
      setSettings(await api.setMuted(muted));
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const unread = items.filter((n) => !n.readAt).length;

  return (
    <View className="page">
      <View className="notice-head">
        <Text className="muted">{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        <View>
          {unread > 0 && (
            <Button size="mini" className="btn-plain" onClick={() => void readAll()}>
              全部已读
            </Button>
          )}
          <Button size="mini" className="btn-plain" onClick={() => void openSettings()}>
            提醒设置
          </Button>
        </View>
      </View>

      {showSettings && settings && (
        <View className="section" data-testid="notice-settings">
          <View className="section-title">QQ 消息提醒</View>
          <View className="muted">关闭后仍会出现在消息列表里，只是不再推送 QQ 消息。</View>
          {MUTABLE_KINDS.map((k) => (
            <View key={k} className="mute-row">
              <View>
                <Text>{KIND_LABEL[k]}</Text>
                <Text className="mute-count">可推送 {settings.consents[k] ?? 0} 次</Text>
              </View>
              <Switch
                data-testid={`mute-${k}`}
                checked={!settings.muted.includes(k)}
                onChange={(e) => void toggle(k, e.detail.value)}
              />
            </View>
          ))}
        </View>
      )}

      {error && <View className="banner-error">{error}</View>}
      {!error && !loading && items.length === 0 && <View className="empty">还没有消息</View>}
      {items.map((n) => (
        <View
          key={n.id}
          data-testid="notice"
          className={`notice ${n.readAt ? '' : 'notice-unread'}`}
          onClick={() => void open(n)}
        >
          <Text className="notice-kind">{KIND_LABEL[n.kind]}</Text>
          <Text className="notice-title">{String(n.data.listingTitle ?? '')}</Text>
          <Text className="notice-text">{describe(n)}</Text>
          <Text className="notice-time">{when(n.createdAt)}</Text>
        </View>
      ))}
      {cursor && !loading && (
        <View className="empty" onClick={() => void load(cursor)}>
          加载更多
        </View>
      )}
    </View>
  );
}
