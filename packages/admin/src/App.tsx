import { useCallback, useEffect, useState } from 'react';
import { Button, Layout, Menu, Space, Tag, Typography, App as AntApp } from 'antd';
import {
  ApartmentOutlined,
  DashboardOutlined,
  MailOutlined,
  SafetyOutlined,
  ShoppingOutlined,
} from '@ant-design/icons';
import { api, ApiError, DEMO_ADMIN, getToken, setToken } from './api/client';
import type { AdminProfile } from './api/types';
import { useHashRoute, type RouteKey } from './useHashRoute';
import { Dashboard } from './pages/Dashboard';
import { Listings } from './pages/Listings';
import { Categories } from './pages/Categories';
import { DeadLetters } from './pages/DeadLetters';
import { Moderation } from './pages/Moderation';

const { Sider, Header, Content } = Layout;

const MENU = [
  { key: 'dashboard', icon: <DashboardOutlined />, label: '概览' },
  { key: 'listings', icon: <ShoppingOutlined />, label: '商品' },
  { key: 'categories', icon: <ApartmentOutlined />, label: '分类' },
  { key: 'moderation', icon: <SafetyOutlined />, label: '举报与审核' },
  { key: 'dead-letters', icon: <MailOutlined />, label: '死信' },
];

export function App() {
  const [route, navigate] = useHashRoute();
  const [collapsed, setCollapsed] = useState(false);
  const [me, setMe] = useState<AdminProfile | null>(null);
  // Bumped on login/logout so pages refetch with the new token.
  const [session, setSession] = useState(0);
  const { message } = AntApp.useApp();

  useEffect(() => {
    if (!getToken()) return;
    api.me().then(setMe, (e: unknown) => {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setToken(null);
    });
  }, []);

  const login = useCallback(async () => {
    try {
      setMe(await api.login(DEMO_ADMIN));
      setSession((n) => n + 1);
    } catch (e) {
      void message.error(`登录失败：${(e as Error).message}`);
    }
  }, [message]);

  const logout = () => {
    setToken(null);
    setMe(null);
    setSession((n) => n + 1);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg">
        <div className="xz-logo">{collapsed ? '闲' : '闲置 · 管理'}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[route]}
          items={MENU}
          onClick={({ key }) => navigate(key as RouteKey)}
        />
      </Sider>
      <Layout>
        <Header className="xz-header">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {MENU.find((m) => m.key === route)?.label}
          </Typography.Title>
          {me ? (
            <Space>
              <span>{me.username}</span>
              <Tag color={me.role === 'super_admin' ? 'red' : 'orange'}>
                {me.role === 'super_admin' ? '超级管理员' : '校区管理员'}
              </Tag>
              <Button size="small" onClick={logout}>
                退出
              </Button>
            </Space>
          ) : (
            <Space>
              <Typography.Text type="secondary">未登录</Typography.Text>
              <Button size="small" type="primary" onClick={() => void login()}>
                演示账号登录（admin）
              </Button>
            </Space>
          )}
        </Header>
        <Content className="xz-content">
          {route === 'dashboard' && <Dashboard key={session} />}
          {route === 'listings' && <Listings key={session} />}
          {route === 'categories' && <Categories />}
          {route === 'moderation' && <Moderation key={session} />}
          {route === 'dead-letters' && <DeadLetters key={session} />}
        </Content>
      </Layout>
    </Layout>
  );
}
