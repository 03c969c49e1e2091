import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, type AuditFilters } from '../api/endpoints';
import { keys } from '../api/query';
import type { AuditPage } from '../api/types';
import { LoadError, LoadMore } from '../components/status';
import { formatDateTime } from '../lib/format';

type Entry = AuditPage['items'][number];

/** The actions admins look for most; any other action name can be typed. */
export const ACTION_LABEL: Record<string, string> = {
  'listing.remove': '下架商品',
  'listing.restore': '恢复商品',
  'user.ban': '封禁用户',
  'user.unban': '解除封禁',
  'student.release': '解除学号绑定',
  'moderation.restore': '审核：恢复',
  'moderation.remove': '审核：移除',
  'search_term.block': '屏蔽热搜词',
  'search_term.unblock': '解除屏蔽热搜词',
  'notification.retry': '重发死信',
  'contact.reveal': '查看联系方式',
  'category.create': '添加分类',
  'category.update': '修改分类',
  'banner.create': '新建轮播图',
  'banner.update': '修改轮播图',
  'banner.delete': '删除轮播图',
  'notice.create': '发布公告',
  'notice.update': '修改公告',
  'notice.delete': '删除公告',
  'feedback.reply': '回复反馈',
  'feedback.close': '关闭反馈',
  'admin.login': '管理员登录',
  'admin.login_failed': '管理员登录失败',
};

const TARGET_TYPES = ['listing', 'user', 'category', 'banner', 'notice', 'feedback', 'comment', 'admin'];
const ACTOR_KIND: Record<Entry['actor']['kind'], string> = { admin: '管理员', user: '学生', system: '系统' };

interface FormValues {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function filtersOf(v: FormValues): AuditFilters {
  const text = (s?: string) => s?.trim() || undefined;
  return {
    actorId: text(v.actorId),
    action: text(v.action),
    targetType: v.targetType || undefined,
    targetId: text(v.targetId),
    from: v.range?.[0]?.toISOString(),
    to: v.range?.[1]?.toISOString(),
  };
}

/** 操作日志: who did what, newest first (a campus admin sees their campus's). */
export function AuditLog() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const [form] = Form.useForm<FormValues>();
  const log = useInfiniteQuery({
    queryKey: [...keys.audit, filters],
    queryFn: ({ pageParam }) => api.auditLog(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card>
      <Form<FormValues> form={form} layout="inline" onFinish={(v) => setFilters(filtersOf(v))} style={{ rowGap: 12 }}>
        <Form.Item name="actorId" label="操作者">
          <Input placeholder="管理员或用户 ID" allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="action" label="操作">
          <AutoComplete
            aria-label="操作"
            allowClear
            style={{ width: 180 }}
            placeholder="如 user.ban"
            options={Object.entries(ACTION_LABEL).map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
          />
        </Form.Item>
        <Form.Item name="targetType" label="对象类型">
          <Select
            aria-label="对象类型"
            allowClear
            style={{ width: 120 }}
            options={TARGET_TYPES.map((t) => ({ value: t, label: t }))}
          />
        </Form.Item>
        <Form.Item name="targetId" label="对象 ID">
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="range" label="时间">
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            重置
          </Button>
        </Space>
      </Form>
      <div style={{ height: 16 }} />
      {log.isError && <LoadError title="操作日志加载失败" error={log.error} retry={() => void log.refetch()} />}
      <Table<Entry>
        rowKey="id"
        size="small"
        dataSource={rows}
        loading={log.isPending || (log.isFetching && !log.isFetchingNextPage)}
        pagination={false}
        locale={{ emptyText: log.isError ? '加载失败' : '没有符合条件的记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (t: string) => formatDateTime(t) },
          {
            title: '操作者',
            key: 'actor',
            width: 240,
            render: (_, e) => (
              <Space size={4}>
                <Tag>{ACTOR_KIND[e.actor.kind]}</Tag>
                <Typography.Text copyable={!!e.actor.id}>{e.actor.id ?? '—'}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '操作',
            dataIndex: 'action',
            width: 180,
            render: (a: string) => (
              <span data-action={a}>
                {ACTION_LABEL[a] ?? a}
                {ACTION_LABEL[a] && <Typography.Text type="secondary"> {a}</Typography.Text>}
              </span>
            ),
          },
          { title: '对象', key: 'target', width: 260, render: (_, e) => `${e.targetType} ${e.targetId}` },
          {
            title: '详情',
            dataIndex: 'details',
            render: (d: Entry['details']) => (
              <Typography.Text type="secondary" ellipsis={{ tooltip: JSON.stringify(d) }} style={{ maxWidth: 360 }}>
                {Object.keys(d).length ? JSON.stringify(d) : '—'}
              </Typography.Text>
            ),
          },
        ]}
      />
      <LoadMore
        count={rows.length}
        hasNextPage={log.hasNextPage}
        loading={log.isFetchingNextPage}
        onLoad={() => void log.fetchNextPage()}
      />
    </Card>
  );
}
