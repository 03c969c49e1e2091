import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/client';
import { paged, useNotifications } from '../../api/feeds';
import { keys, useSignedIn } from '../../api/queries';
import type { NotificationItem, NotificationKind, NotificationPage } from '../../api/types';
import { PageFooter } from '../../components/PageFooter';
import { QQOnly } from '../../components/OpenInQQ';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { describe, KIND_LABEL, MUTABLE_KINDS } from '../../lib/notifications';
import { noticeTarget } from '../../lib/trade-notices';
import './index.css';

const when = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** 消息 (a tab): my notifications, newest first; tapping one marks it read and opens its listing. */
export default function Notifications() {
  return (
    <QQOnly action="查看消息">
      <Inbox />
    </QQOnly>
  );
}

function Inbox() {
  const signedIn = useSignedIn();
  const queryClient = useQueryClient();
  const inbox = useNotifications(signedIn);
  const list = paged(inbox);
  const items = list.items;
  const [showSettings, setShowSettings] = useState(false);
  const settingsQuery = useQuery({
    queryKey: ['user', 'notification-settings'],
    queryFn: api.notificationSettings,
    enabled: signedIn && showSettings,
  });
  const settings = settingsQuery.data ?? null;

  useUnreadBadge();
  useDidShow(() => {
    if (signedIn) void inbox.refetch();
  });
  usePullDownRefresh(() => void inbox.refetch().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(list.more);

  /** Marks notifications read in the cached pages at once; the badge follows from the server. */
  const markLocally = (read: (n: NotificationItem) => boolean) => {
    const now = new Date().toISOString();
    queryClient.setQueryData<InfiniteData<NotificationPage>>(keys.notifications, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              items: p.items.map((x) => (!x.readAt && read(x) ? { ...x, readAt: now } : x)),
            })),
          }
        : data,
    );
  };

  const open = (n: NotificationItem) => {
    if (!n.readAt) {
      markLocally((x) => x.id === n.id);
      void api.markRead(n.id).then(
        () => queryClient.invalidateQueries({ queryKey: keys.unread }),
        () => undefined,
      );
    }
    // Trade news opens the trade or 我的出价, the rest their listing or the page they name (lib/trade-notices.ts).
    const url = noticeTarget(n);
    if (url) void Taro.navigateTo({ url });
  };

  const readAll = async () => {
    try {
      await api.markAllRead();
      markLocally(() => true);
      void queryClient.invalidateQueries({ queryKey: keys.unread });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const toggle = async (kind: NotificationKind, on: boolean) => {
    if (!settings) return;
    const muted = on ? settings.muted.filter((k) => k !== kind) : [...settings.muted, kind];
    try {
      queryClient.setQueryData(['user', 'notification-settings'], await api.setMuted(muted));
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  if (!signedIn)
    return (
      <View className="page">
        <View className="banner-error">请先在「我的」页登录</View>
      </View>
    );

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
          <Button size="mini" className="btn-plain" onClick={() => setShowSettings((v) => !v)}>
            提醒设置
          </Button>
        </View>
      </View>

      {showSettings && settingsQuery.isError && (
        <View className="banner-error" onClick={() => void settingsQuery.refetch()}>
          {errorMessage(settingsQuery.error)}（点击重试）
        </View>
      )}
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

      {list.error && (
        <View className="banner-error" onClick={list.retry}>
          {list.error}（点击重试）
        </View>
      )}
      {!list.error && !list.loading && items.length === 0 && <View className="empty">还没有消息</View>}
      {items.map((n) => (
        <View
          key={n.id}
          data-testid="notice"
          className={`notice ${n.readAt ? '' : 'notice-unread'}`}
          onClick={() => open(n)}
        >
          <Text className="notice-kind">{KIND_LABEL[n.kind]}</Text>
          <Text className="notice-title">{String(n.data.listingTitle ?? '')}</Text>
          <Text className="notice-text">{describe(n)}</Text>
          <Text className="notice-time">{when(n.createdAt)}</Text>
        </View>
      ))}
      <PageFooter
        loading={list.loading}
        done={list.done}
        count={items.length}
        loadingText="加载中…"
        onMore={list.more}
      />
    </View>
  );
}
