import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiError, errorMessage, getToken } from '../../api/client';
import { useClientConfig } from '../../api/queries';
import { logout as endSession } from '../../api/session';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import type { DevUser, ListingStatus, ListingSummary, Me as MeProfile } from '../../api/types';
import { ListingCard } from '../../components/ListingCard';
import { VerifyStudentForm } from '../../components/VerifyStudentForm';
import { OpenInQQ, useNeedsQQ } from '../../components/OpenInQQ';
import { STATUS_LABEL } from '../../lib/labels';
import { formatFen } from '../../lib/money';
import './index.css';

const DEV_USERS: DevUser[] = ['alice', 'bob', 'carol'];

const STATUS_FILTERS: { value: ListingStatus | null; label: string }[] = [
  { value: null, label: '全部' },
  { value: 'active', label: '在售' },
  { value: 'reserved', label: '已预订' },
  { value: 'sold', label: '已售出' },
  { value: 'withdrawn', label: '已下架' },
  { value: 'expired', label: '已过期' },
];

type Tab = 'listings' | 'favorites';

interface Action {
  label: string;
  run: (id: string) => Promise<unknown>;
  confirm?: string;
}

/** What the seller may do next from each state; the server has the final word. */
function actionsFor(status: ListingStatus): Action[] {
  const reserve: Action = { label: '预订', run: (id) => api.setStatus(id, 'reserved') };
  const unreserve: Action = { label: '取消预订', run: (id) => api.setStatus(id, 'active') };
  const sold: Action = {
    label: '已售出',
    run: (id) => api.setStatus(id, 'sold'),
    confirm: '标记为已售出后不能再改回在售，确定吗？',
  };
  const renew: Action = { label: '擦亮', run: (id) => api.renew(id) };
  const withdraw: Action = {
    label: '下架',
    run: (id) => api.withdraw(id),
    confirm: '下架后其他同学将看不到这件商品，确定吗？',
  };
  switch (status) {
    case 'active':
      return [reserve, sold, renew, withdraw];
    case 'reserved':
      return [unreserve, sold, withdraw];
    case 'expired':
      return [renew, withdraw];
    default:
      return [];
  }
}

export default function Me() {
  const [me, setMe] = useState<MeProfile | null>(null);
  const [loggedIn, setLoggedIn] = useState(() => Boolean(getToken()));
  const [tab, setTab] = useState<Tab>('listings');
  const [status, setStatus] = useState<ListingStatus | null>(null);
  const [items, setItems] = useState<ListingSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const demoLogin = useClientConfig().data?.demoLogin === true;
  useUnreadBadge();
  const needsQQ = useNeedsQQ();

  const loadList = useCallback(async (which: Tab, st: ListingStatus | null, after?: string) => {
    setLoading(true);
    setError(null);
    try {
      const page = which === 'listings' ? await api.myListings(st ?? undefined, after) : await api.myFavorites(after);
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  const refresh = useCallback(async () => {
    if (!getToken()) {
      setLoggedIn(false);
      setMe(null);
      return;
    }
    setLoggedIn(true);
    try {
      setMe(await api.me());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setLoggedIn(false);
        setMe(null);
        return;
      }
      setError(errorMessage(e));
    }
    void api.unreadCount().then(
      (r) => setUnread(r.unread),
      () => undefined,
    );
    await loadList(tab, status);
  }, [loadList, tab, status]);

  useDidShow(() => void refresh());
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()));

  const login = async (user: DevUser) => {
    try {
      setMe(await api.devLogin(user));
      setLoggedIn(true);
      await loadList(tab, status);
    } catch (e) {
      void Taro.showModal({ title: '登录失败', content: errorMessage(e), showCancel: false });
    }
  };

  // The QQ build signs in with qq.login's code; the server exchanges it (session_key stays there).
  const qqLogin = async () => {
    try {
      const { code } = await Taro.login();
      setMe(await api.qqLogin(code));
      setLoggedIn(true);
      await loadList(tab, status);
    } catch (e) {
      void Taro.showModal({ title: '登录失败', content: errorMessage(e), showCancel: false });
    }
  };

  const logout = () => {
    void endSession();
    setMe(null);
    setItems([]);
    setLoggedIn(false);
  };

  const switchTab = (t: Tab) => {
    setTab(t);
    setItems([]);
    void loadList(t, status);
  };

  const switchStatus = (s: ListingStatus | null) => {
    setStatus(s);
    void loadList('listings', s);
  };

  const runAction = async (a: Action, l: ListingSummary) => {
    if (a.confirm) {
      const r = await Taro.showModal({ title: a.label, content: a.confirm });
      if (!r.confirm) return;
    }
    try {
      await a.run(l.id);
      void Taro.showToast({ title: `已${a.label.replace(/^已/, '')}`, icon: 'none' });
      await loadList('listings', status);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const open = (id: string) => Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });

  if (!loggedIn) {
    return (
      <View className="page me">
        <View className="section me-login">
          <View className="section-title">登录</View>
          {needsQQ && <OpenInQQ action="登录" />}
          {process.env.TARO_ENV === 'qq' && (
            <Button className="btn-primary me-qq-login" onClick={() => void qqLogin()}>
              QQ 一键登录
            </Button>
          )}
          {demoLogin && <View className="muted">演示环境可用测试账号体验：</View>}
          {(demoLogin ? DEV_USERS : []).map((u) => (
            <Button key={u} className="btn-plain me-dev-user" onClick={() => void login(u)}>
              以 {u} 登录
            </Button>
          ))}
        </View>
      </View>
    );
  }

  return (
    <View className="page me">
      <View className="section me-profile">
        {me?.avatarUrl ? (
          <Image className="me-avatar" src={me.avatarUrl} />
        ) : (
          <View className="me-avatar me-avatar-placeholder">{me?.nickname.slice(0, 1) ?? '我'}</View>
        )}
        <View className="me-profile-text">
          <Text className="me-nickname">{me?.nickname ?? '…'}</Text>
          {me && (
            <View className="me-badges">
              <Text className={`badge ${me.verified ? 'badge-verified' : ''}`}>
                {me.verified ? '已认证学生' : '未认证'}
              </Text>
              {me.role === 'admin' && <Text className="badge">管理员</Text>}
              {me.status === 'banned' && <Text className="badge badge-reserved">已封禁</Text>}
            </View>
          )}
        </View>
        <Text className="muted me-logout" onClick={logout}>
          退出
        </Text>
      </View>
      {me && !me.verified && me.status !== 'banned' && <VerifyStudentForm campusId={me.campusId} onVerified={setMe} />}

      <View
        className="section me-inbox"
        data-testid="me-inbox"
        onClick={() => void Taro.switchTab({ url: '/pages/notifications/index' })}
      >
        <Text>消息</Text>
        {unread > 0 && (
          <Text className="badge badge-reserved" data-testid="unread-badge">
            {unread > 99 ? '99+' : unread}
          </Text>
        )}
      </View>

      <View className="me-tabs">
        <View className={`me-tab ${tab === 'listings' ? 'me-tab-active' : ''}`} onClick={() => switchTab('listings')}>
          我发布的
        </View>
        <View className={`me-tab ${tab === 'favorites' ? 'me-tab-active' : ''}`} onClick={() => switchTab('favorites')}>
          我的收藏
        </View>
      </View>

      {tab === 'listings' && (
        <View className="chips me-status">
          {STATUS_FILTERS.map((s) => (
            <View
              key={s.label}
              className={`chip ${status === s.value ? 'chip-active' : ''}`}
              onClick={() => switchStatus(s.value)}
            >
              {s.label}
            </View>
          ))}
        </View>
      )}

      {error && <View className="banner-error">{error}</View>}

      {tab === 'listings' ? (
        <View className="me-list">
          {items.map((l) => (
            <View key={l.id} className="section me-row">
              <View className="me-row-main" onClick={() => open(l.id)}>
                <Text className="me-row-title">{l.title}</Text>
                <View className="me-row-meta">
                  <Text className="price">{formatFen(l.price)}</Text>
                  <Text className={`badge badge-${l.status}`}>{STATUS_LABEL[l.status]}</Text>
                  <Text className="muted">
                    {l.viewCount} 浏览 · {l.favoriteCount} 收藏 · {l.commentCount} 留言
                  </Text>
                </View>
              </View>
              <View className="me-actions">
                {l.status === 'active' || l.status === 'reserved' ? (
                  <Button
                    className="btn-plain me-action"
                    size="mini"
                    onClick={() => void Taro.navigateTo({ url: `/pages/edit/index?id=${encodeURIComponent(l.id)}` })}
                  >
                    编辑
                  </Button>
                ) : null}
                {actionsFor(l.status).map((a) => (
                  <Button
                    key={a.label}
                    className="btn-plain me-action"
                    size="mini"
                    onClick={() => void runAction(a, l)}
                  >
                    {a.label}
                  </Button>
                ))}
              </View>
            </View>
          ))}
        </View>
      ) : (
        <View className="grid me-favs">
          {items.map((l) => (
            <View key={l.id} className="me-fav">
              <ListingCard listing={l} onOpen={open} />
            </View>
          ))}
        </View>
      )}

      {loading && <View className="empty">加载中…</View>}
      {!loading && items.length === 0 && !error && (
        <View className="empty">{tab === 'listings' ? '还没有发布过商品' : '还没有收藏'}</View>
      )}
      {!loading && cursor && (
        <View className="empty" onClick={() => void loadList(tab, status, cursor)}>
          加载更多
        </View>
      )}
    </View>
  );
}
