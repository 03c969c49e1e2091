import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, TreeSelect, Typography, App as AntApp } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../api/client';
import type { ListingKind, ListingSort, ListingStatus, ListingSummary } from '../api/types';
import { formatDateTime, formatFen, KIND_LABEL, STATUS_META } from '../lib/format';
import { useCatalog } from '../useCatalog';
import { RemoveListingDialog } from './RemoveListingDialog';

interface Filters {
  kind?: ListingKind;
  categoryId?: string;
  sort: ListingSort;
}

export function Listings() {
  const { catalog } = useCatalog();
  const { message } = AntApp.useApp();
  const [filters, setFilters] = useState<Filters>({ sort: 'newest' });
  const [rows, setRows] = useState<ListingSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ListingSummary | null>(null);
  // Drops pages that arrive after the filters changed.
  const generation = useRef(0);

  const load = useCallback(
    async (after: string | null) => {
      const gen = after ? generation.current : ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api.listings({ ...filters, cursor: after ?? undefined });
        if (gen !== generation.current) return;
        setRows((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (gen === generation.current) setError((e as Error).message);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [filters],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const categoryTree = useMemo(
    () =>
      (catalog?.categories ?? []).map((c) => ({
        value: c.id,
        title: c.name,
        children: c.children.map((ch) => ({ value: ch.id, title: ch.name })),
      })),
    [catalog],
  );

  const columns: ColumnsType<ListingSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string) => <Typography.Text ellipsis={{ tooltip: title }}>{title}</Typography.Text>,
    },
    { title: '类型', dataIndex: 'kind', width: 96, render: (k: ListingKind) => KIND_LABEL[k] ?? k },
    {
      title: '分类',
      key: 'category',
      width: 160,
      render: (_, r) => (r.category.parentName ? `${r.category.parentName} / ${r.category.name}` : r.category.name),
    },
    { title: '价格', dataIndex: 'price', width: 110, align: 'right', render: (p: number | null) => formatFen(p) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: ListingStatus) => <Tag color={STATUS_META[s]?.color}>{STATUS_META[s]?.label ?? s}</Tag>,
    },
    { title: '卖家', key: 'seller', width: 110, render: (_, r) => r.seller.nickname },
    { title: '发布时间', dataIndex: 'listedAt', width: 150, render: (t: string) => formatDateTime(t) },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, r) =>
        r.status === 'removed' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Button danger size="small" onClick={() => setRemoving(r)}>
            下架
          </Button>
        ),
    },
  ];

  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<ListingKind | ''>
          aria-label="类型"
          style={{ width: 140 }}
          value={filters.kind ?? ''}
          onChange={(v) => setFilters((f) => ({ ...f, kind: v || undefined }))}
          options={[
            { value: '', label: '全部类型' },
            ...(catalog?.kinds ?? []).map((k) => ({ value: k.value, label: k.label })),
          ]}
        />
        <TreeSelect
          aria-label="分类"
          style={{ width: 220 }}
          allowClear
          placeholder="全部分类"
          treeData={categoryTree}
          value={filters.categoryId}
          onChange={(v?: string) => setFilters((f) => ({ ...f, categoryId: v || undefined }))}
          treeDefaultExpandAll
        />
        <Select<ListingSort>
          aria-label="排序"
          style={{ width: 120 }}
          value={filters.sort}
          onChange={(v) => setFilters((f) => ({ ...f, sort: v }))}
          options={[
            { value: 'newest', label: '最新发布' },
            { value: 'price_asc', label: '价格从低到高' },
            { value: 'price_desc', label: '价格从高到低' },
          ]}
        />
        <Typography.Text type="secondary">关键词搜索将随搜索服务上线</Typography.Text>
      </Space>

      {error && <Alert type="error" showIcon title="商品加载失败" description={error} style={{ marginBottom: 16 }} />}

      <Table<ListingSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 900 }}
      />
      <div style={{ textAlign: 'center', marginTop: 16 }}>
        {cursor ? (
          <Button onClick={() => void load(cursor)} loading={loading}>
            加载更多
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">已全部加载（{rows.length} 条）</Typography.Text>
        )}
      </div>

      <RemoveListingDialog
        listing={removing}
        onClose={() => setRemoving(null)}
        onRemoved={(id) => {
          setRemoving(null);
          setRows((prev) => prev.map((r) => (r.id === id ? { ...r, status: 'removed' } : r)));
          void message.success('已下架');
        }}
      />
    </Card>
  );
}
