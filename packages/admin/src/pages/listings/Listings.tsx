import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, type ListingFilters } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { AdminListingRow, ListingStatus } from '../../api/types';
import { LoadError, LoadMore } from '../../components/status';
import { formatDateTime, formatFen, KIND_LABEL, kindLabel, STATUS_META } from '../../lib/format';
import { useSession } from '../../session/context';
import { ListingActions } from './ListingActions';
import { ListingDrawer } from './ListingDrawer';

const STATUS_OPTIONS = [
  { value: '', label: '全部状态' },
  ...Object.entries(STATUS_META).map(([value, m]) => ({ value, label: m.label })),
];
const KIND_OPTIONS = [
  { value: '', label: '全部类型' },
  ...Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label })),
];

/** 商品: every listing of the campus, whatever its status, with search, filters and a detail drawer. */
export function Listings() {
  const { campusId } = useSession();
  const [filters, setFilters] = useState<ListingFilters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useInfiniteQuery({
    queryKey: [...keys.listings, campusId, filters],
    queryFn: ({ pageParam }) => api.listings(campusId, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<AdminListingRow> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(r.id)}>
          <Typography.Text ellipsis={{ tooltip: title }} style={{ maxWidth: 280, color: 'inherit' }}>
            {title}
          </Typography.Text>
        </Button>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 96, render: (k: string) => kindLabel(k) },
    { title: '价格', dataIndex: 'price', width: 110, align: 'right', render: (p: number | null) => formatFen(p) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: ListingStatus) => <Tag color={STATUS_META[s]?.color}>{STATUS_META[s]?.label ?? s}</Tag>,
    },
    { title: '卖家', key: 'seller', width: 110, render: (_, r) => r.seller.nickname },
    { title: '浏览', dataIndex: 'viewCount', width: 70, align: 'right' },
    { title: '发布时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
    { title: '操作', key: 'actions', width: 150, render: (_, r) => <ListingActions listing={r} /> },
  ];

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label="搜索商品"
          placeholder="搜索标题"
          allowClear
          style={{ width: 240 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        <Select
          aria-label="状态"
          style={{ width: 120 }}
          value={filters.status ?? ''}
          onChange={(v: string) => setFilters((f) => ({ ...f, status: v || undefined }))}
          options={STATUS_OPTIONS}
        />
        <Select
          aria-label="类型"
          style={{ width: 120 }}
          value={filters.kind ?? ''}
          onChange={(v: string) => setFilters((f) => ({ ...f, kind: v || undefined }))}
          options={KIND_OPTIONS}
        />
      </Space>
      {list.isError && <LoadError title="商品加载失败" error={list.error} retry={() => void list.refetch()} />}
      <Table<AdminListingRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: list.isError ? '加载失败' : '没有符合条件的商品' }}
      />
      <LoadMore
        count={rows.length}
        hasNextPage={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      <ListingDrawer listingId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
