import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, setToken } from '../api/client';
import { api } from '../api/endpoints';
import { keys } from '../api/query';
import type { AdminLoginBody, AdminSession } from '../api/types';

/** How long a lock-out lasts, from the 429's `details.retryAt`, in words. */
function waitText(e: ApiError): string {
  const at = Date.parse((e.details as { retryAt?: string } | null | undefined)?.retryAt ?? '');
  if (!Number.isFinite(at)) return '';
  const minutes = Math.max(1, Math.ceil((at - Date.now()) / 60_000));
  return `请 ${minutes} 分钟后再试。`;
}

function failureText(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  if (e.status === 429) return `${e.message} ${waitText(e)}`.trim();
  return e.message;
}

/**
 * The sign-in form for any admin account. The demo button exists only when the server says it runs embedded
 * (`GET /v1/client-config`); it asks the server to sign the demo admin in, so no password is in this bundle.
 */
export function SignIn() {
  const queryClient = useQueryClient();
  const config = useQuery({ queryKey: keys.clientConfig, queryFn: api.clientConfig, staleTime: Infinity });
  // The profile is in the cache before the token is stored, so the shell opens without asking for it again.
  const signedIn = (session: AdminSession) => {
    queryClient.setQueryData(keys.me, session.admin);
    setToken(session.accessToken);
  };
  const login = useMutation({ mutationFn: (body: AdminLoginBody) => api.login(body), onSuccess: signedIn });
  const demo = useMutation({ mutationFn: api.demoLogin, onSuccess: signedIn });
  const failure = login.error ?? demo.error;

  return (
    <div className="xz-signin">
      <Card className="xz-signin-card">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          闲置 · 管理后台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          请使用管理员账号登录
        </Typography.Paragraph>
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failureText(failure)}
            style={{ marginBottom: 16 }}
            data-testid="signin-error"
          />
        )}
        <Form<AdminLoginBody>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => {
            demo.reset();
            login.mutate({ username: values.username.trim(), password: values.password });
          }}
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
        {config.data?.demoLogin && (
          <>
            <Divider plain>演示环境</Divider>
            <Button
              block
              loading={demo.isPending}
              onClick={() => {
                login.reset();
                demo.mutate();
              }}
            >
              演示账号登录
            </Button>
          </>
        )}
      </Card>
    </div>
  );
}
