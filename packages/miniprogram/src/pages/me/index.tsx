import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiError, errorMessage, getToken } from '../../api/client';
import { useClientConfig } from '../../api/queries';
import { logout as endSession } from '../../api/session';
import type { DevUser, Me as MeProfile } from '../../api/types';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { MeMenu } from '../../components/MeMenu';
import { MyListings } from '../../components/MyListings';
import { OpenInQQ, useNeedsQQ } from '../../components/OpenInQQ';
import { ProfileEditor } from '../../components/ProfileEditor';
import { VerifyStudentForm } from '../../components/VerifyStudentForm';
import './index.css';

const DEV_USERS: DevUser[] = ['alice', 'bob', 'carol'];

export default function Me() {
  const [me, setMe] = useState<MeProfile | null>(null);
  const [loggedIn, setLoggedIn] = useState(() => Boolean(getToken()));
  const [error, setError] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const demoLogin = useClientConfig().data?.demoLogin === true;
  useUnreadBadge();
  const needsQQ = useNeedsQQ();
  const [editing, setEditing] = useState(false);
  const client = useQueryClient();

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
    // My lists may have changed on another page (a new post, a favorite): refetch them on show.
    await client.invalidateQueries({ queryKey: ['me'] });
  }, [client]);

  useDidShow(() => void refresh());
  usePullDownRefresh(() => void refresh().finally(() => Taro.stopPullDownRefresh()));

  const login = async (user: DevUser) => {
    try {
      setMe(await api.devLogin(user));
      setLoggedIn(true);
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
    } catch (e) {
      void Taro.showModal({ title: '登录失败', content: errorMessage(e), showCancel: false });
    }
  };

  const logout = () => {
    void endSession();
    setMe(null);
    client.removeQueries({ queryKey: ['me'] });
    setLoggedIn(false);
  };

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
        {me && !editing && (
          <Text className="me-edit-profile" data-testid="edit-profile" onClick={() => setEditing(true)}>
            编辑资料
          </Text>
        )}
        <Text className="muted me-logout" onClick={logout}>
          退出
        </Text>
      </View>
      {me && editing && (
        <ProfileEditor
          me={me}
          onSaved={(saved) => {
            setMe(saved);
            setEditing(false);
          }}
          onClose={() => setEditing(false)}
        />
      )}
      {error && <View className="banner-error">{error}</View>}
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

      <View className="section me-menu" data-testid="me-trades">
        <View
          className="me-menu-item"
          data-testid="menu-offers"
          onClick={() => void Taro.navigateTo({ url: '/pages/offers/index' })}
        >
          <Text>我的出价</Text>
          <Text className="muted">›</Text>
        </View>
        <View
          className="me-menu-item"
          data-testid="menu-trades"
          onClick={() => void Taro.navigateTo({ url: '/pages/trades/index' })}
        >
          <Text>我的交易</Text>
          <Text className="muted">›</Text>
        </View>
      </View>

      <MeMenu campusId={me?.campusId ?? null} />

      <MyListings />
    </View>
  );
}
