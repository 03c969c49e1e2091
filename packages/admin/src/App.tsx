import { Suspense, useState, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Layout, Menu, Select, Space, Spin, Tag, Typography } from 'antd';
import { getToken, subscribeToken } from './api/client';
import { api } from './api/endpoints';
import { keys } from './api/query';
import { useHashRoute } from './lib/useHashRoute';
import { SignIn } from './pages/SignIn';
import { PAGES } from './routes';
import { isSuper, ROLE_LABEL, useSession } from './session/context';
import { SessionProvider } from './session/SessionProvider';

const { Sider, Header, Content } = Layout;

const hasToken = () => getToken() !== '';

/** Who is signed in, on which campus: a super admin picks the campus here, a campus admin sees their own. */
function Account() {
  const { admin, campusId, campusName, campuses, setCampusId, signOut } = useSession();
  return (
    <Space data-testid="account">
      {isSuper(admin) ? (
        <Select
          aria-label="选择校区"
          style={{ minWidth: 180 }}
          value={campusId || undefined}
          placeholder="选择校区"
          options={campuses.map((c) => ({ value: c.id, label: c.name }))}
          onChange={setCampusId}
        />
      ) : (
        <Tag color="blue" data-testid="own-campus">
          {campusName}
        </Tag>
      )}
      <span>{admin.username}</span>
      <Tag color={isSuper(admin) ? 'red' : 'orange'}>{ROLE_LABEL[admin.role]}</Tag>
      <Button size="small" onClick={signOut}>
        退出登录
      </Button>
    </Space>
  );
}

function Shell() {
  const [route, navigate] = useHashRoute();
  const [collapsed, setCollapsed] = useState(false);
  const { campusId } = useSession();
  const current = PAGES.find((p) => p.key === route) ?? PAGES[0]!;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg">
        <div className="xz-logo">{collapsed ? '闲' : '闲置 · 管理'}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[route]}
          items={PAGES.map(({ key, icon, label }) => ({ key, icon, label }))}
          onClick={({ key }) => navigate(key as typeof route)}
        />
      </Sider>
      <Layout>
        <Header className="xz-header">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {current.label}
          </Typography.Title>
          <Account />
        </Header>
        <Content className="xz-content">
          {campusId ? (
            <Suspense fallback={<Spin data-testid="page-loading" />}>
              {/* Keyed by campus: a page's local state (filters, open drawers) never outlives its campus. */}
              <current.Page key={`${current.key}:${campusId}`} />
            </Suspense>
          ) : (
            <Alert type="warning" showIcon title="没有可管理的校区" description="校区列表加载失败或为空。" />
          )}
        </Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const signedIn = useSyncExternalStore(subscribeToken, hasToken);
  const me = useQuery({ queryKey: keys.me, queryFn: api.me, enabled: signedIn, staleTime: Infinity });

  if (!signedIn) return <SignIn />;
  if (me.isPending) return <Spin fullscreen />;
  if (me.isError)
    return (
      <Alert
        type="error"
        showIcon
        title="无法读取管理员账号"
        description={me.error.message}
        action={<Button onClick={() => void me.refetch()}>重试</Button>}
      />
    );
  return (
    <SessionProvider admin={me.data}>
      <Shell />
    </SessionProvider>
  );
}
