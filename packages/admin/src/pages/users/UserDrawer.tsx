import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Space, Spin, Table, Tag, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { AdminUserDetail } from '../../api/types';
import { ReasonDialog } from '../../components/ReasonDialog';
import { LoadError } from '../../components/status';
import { formatDateTime, formatFen, statusLabel } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { UserTags } from './UserTags';
import { UserRatingsTable, UserTradesTable } from './UserTrades';

const VERIFICATION: Record<AdminUserDetail['verification']['state'], string> = {
  verified: '已认证',
  none: '未认证',
  released: '学号已解绑',
};

type Act = 'ban' | 'unban' | 'release';

const ACT: Record<Act, { title: string; label: string; ok: string; done: string; note: string }> = {
  ban: {
    title: '封禁用户',
    label: '封禁原因',
    ok: '确认封禁',
    done: '已封禁',
    note: '封禁后该学生的每个请求都会被拒绝，登录会话立即失效，商品从首页、搜索和推荐中撤下。',
  },
  unban: {
    title: '解除封禁',
    label: '解封原因',
    ok: '确认解封',
    done: '已解除封禁',
    note: '解封后该学生可以重新登录，商品恢复原状。',
  },
  release: {
    title: '解除学号绑定',
    label: '解绑原因',
    ok: '确认解绑',
    done: '已解除学号绑定',
    note: '解绑后这个学号可以被其他账号认证，该用户变为未认证，需要重新认证才能发布和留言。此操作不可撤销。',
  },
};

function Actions({ d }: { d: AdminUserDetail }) {
  const [act, setAct] = useState<Act | null>(null);
  const invalidates = [keys.users, keys.user(d.user.id)];
  const run = useAction(
    ({ kind, reason }: { kind: Act; reason: string }): Promise<unknown> =>
      kind === 'release' ? api.releaseStudentNumber(d.user.id, reason) : api.setBan(d.user.id, kind === 'ban', reason),
    { success: (_, v) => ACT[v.kind].done, invalidates },
  );
  const current = act ? ACT[act] : null;
  return (
    <Space wrap>
      {d.user.banned ? (
        <Button onClick={() => setAct('unban')}>解除封禁</Button>
      ) : (
        <Button danger onClick={() => setAct('ban')}>
          封禁
        </Button>
      )}
      {d.verification.state === 'verified' && (
        <Button danger onClick={() => setAct('release')}>
          解除学号绑定
        </Button>
      )}
      <ReasonDialog
        open={act !== null}
        title={current?.title ?? ''}
        label={current?.label ?? '原因'}
        okText={current?.ok ?? '确认'}
        danger={act !== 'unban'}
        onSubmit={(reason) => run.mutateAsync({ kind: act!, reason })}
        onClose={() => setAct(null)}
      >
        <Typography.Paragraph>
          「{d.user.nickname}」：{current?.note}
        </Typography.Paragraph>
      </ReasonDialog>
    </Space>
  );
}

function Detail({ d }: { d: AdminUserDetail }) {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="user-detail">
      <Space>
        <UserTags user={d.user} />
        <Actions d={d} />
      </Space>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="用户 ID" span={2}>
          {d.user.id}
        </Descriptions.Item>
        <Descriptions.Item label="学号认证">{VERIFICATION[d.verification.state]}</Descriptions.Item>
        <Descriptions.Item label="认证时间">{formatDateTime(d.verification.at) || '—'}</Descriptions.Item>
        <Descriptions.Item label="注册时间">{formatDateTime(d.user.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="商品数">{d.user.listingCount}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>最近的商品</Typography.Title>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.listings}
          locale={{ emptyText: '没有发布过商品' }}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '价格', dataIndex: 'price', width: 100, render: (p: number | null) => formatFen(p) },
            { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => statusLabel(s) },
          ]}
        />
      </div>
      <UserTradesTable userId={d.user.id} />
      <UserRatingsTable userId={d.user.id} />
      <div>
        <Typography.Title level={5}>被举报</Typography.Title>
        <Table
          size="small"
          rowKey={(r) => `${r.caseId}:${r.createdAt}`}
          pagination={false}
          dataSource={d.reports}
          locale={{ emptyText: '没有被举报过' }}
          columns={[
            { title: '原因', dataIndex: 'reason' },
            { title: '状态', dataIndex: 'state', width: 90 },
            { title: '时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>封禁记录</Typography.Title>
        <Table
          size="small"
          rowKey="at"
          pagination={false}
          dataSource={d.bans}
          locale={{ emptyText: '没有封禁记录' }}
          columns={[
            {
              title: '操作',
              dataIndex: 'banned',
              width: 80,
              render: (b: boolean) => (b ? <Tag color="red">封禁</Tag> : <Tag color="green">解封</Tag>),
            },
            { title: '原因', dataIndex: 'reason' },
            { title: '时间', dataIndex: 'at', width: 150, render: (t: string) => formatDateTime(t) },
          ]}
        />
      </div>
    </Space>
  );
}

export function UserDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const detail = useQuery({
    queryKey: keys.user(userId ?? ''),
    queryFn: () => api.user(userId!),
    enabled: userId !== null,
  });
  return (
    <Drawer open={userId !== null} onClose={onClose} size={720} title={detail.data?.user.nickname ?? '用户详情'}>
      {detail.isPending ? (
        <Spin />
      ) : detail.isError ? (
        <LoadError title="用户详情加载失败" error={detail.error} retry={() => void detail.refetch()} />
      ) : (
        <Detail d={detail.data} />
      )}
    </Drawer>
  );
}
