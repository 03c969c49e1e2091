import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Avatar, Button, Card, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, type UserFilters } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { AdminUserRow } from '../../api/types';
import { LoadError, LoadMore } from '../../components/status';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../session/context';
import { UserDrawer } from './UserDrawer';
import { UserTags } from './UserTags';

type YesNo = '' | 'true' | 'false';

/** 用户: the campus's students by nickname or id; never their student number or QQ openid. */
export function Users() {
  const { campusId } = useSession();
  const [filters, setFilters] = useState<UserFilters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: [...keys.users, campusId, filters],
    queryFn: ({ pageParam }) => api.users(campusId, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<AdminUserRow> = [
    {
      title: '昵称',
      key: 'nickname',
      render: (_, u) => (
        <Space>
          <Avatar size="small" src={u.avatarUrl ?? undefined}>
            {u.nickname.slice(0, 1)}
          </Avatar>
          <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(u.id)}>
            {u.nickname}
          </Button>
        </Space>
      ),
    },
    { title: '用户 ID', dataIndex: 'id', width: 240 },
    { title: '状态', key: 'state', width: 160, render: (_, u) => <UserTags user={u} /> },
    { title: '商品', dataIndex: 'listingCount', width: 70, align: 'right' },
    { title: '注册时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
  ];

  const yesNo = (key: 'verified' | 'banned', yes: string, no: string) => (
    <Select<YesNo>
      aria-label={key === 'verified' ? '认证' : '封禁'}
      style={{ width: 120 }}
      value={filters[key] ?? ''}
      onChange={(v) => setFilters((f) => ({ ...f, [key]: v || undefined }))}
      options={[
        { value: '', label: key === 'verified' ? '认证：全部' : '封禁：全部' },
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ]}
    />
  );

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索用户"
          placeholder="昵称或用户 ID"
          allowClear
          style={{ width: 260 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        {yesNo('verified', '已认证', '未认证')}
        {yesNo('banned', '已封禁', '未封禁')}
      </Space>
      {list.isError && <LoadError title="用户加载失败" error={list.error} retry={() => void list.refetch()} />}
      <Table<AdminUserRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        locale={{ emptyText: list.isError ? '加载失败' : '没有符合条件的用户' }}
      />
      <LoadMore
        count={rows.length}
        hasNextPage={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      <UserDrawer userId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
