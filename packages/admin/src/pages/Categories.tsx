import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api/endpoints';
import { keys } from '../api/query';
import type { CategoryList } from '../api/types';
import { LoadError } from '../components/status';
import { useAction } from '../lib/useAction';
import { useSession } from '../session/context';

type Root = CategoryList['items'][number];
type Leaf = Root['children'][number];
type Row = (Root | Leaf) & { parentId: string | null; siblings: Leaf[] };

type Editing = { kind: 'create'; parentId: string | null } | { kind: 'rename'; row: Row } | null;

const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

function rowsOf(list: CategoryList): Row[] {
  return list.items.map((root) => ({
    ...root,
    parentId: null,
    siblings: list.items,
    children: root.children.map((leaf) => ({ ...leaf, parentId: root.id, siblings: root.children })),
  }));
}

/**
 * 分类: both levels of the campus's tree, disabled ones included. A disabled category leaves the publish form
 * and the filters; its listings stay where they are.
 */
export function Categories() {
  const { campusId, campusName } = useSession();
  const [editing, setEditing] = useState<Editing>(null);
  // Every 一级标签 starts open (the tree loads after the first render, so antd's default-expand would miss it).
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [form] = Form.useForm<{ name: string; code: string }>();
  const list = useQuery({ queryKey: keys.categories(campusId), queryFn: () => api.categories(campusId) });
  const invalidates = [keys.categories(campusId)];

  const update = useAction(
    ({ id, ...body }: { id: string; name?: string; sortOrder?: number; enabled?: boolean }) =>
      api.updateCategory(id, body),
    { success: '已保存', invalidates },
  );
  const create = useAction(
    (body: { parentId: string | null; name: string; code: string }) => api.createCategory({ campusId, ...body }),
    { success: (c) => `已添加「${c.name}」`, invalidates },
  );
  // Two neighbours trade places; equal orders (never set by hand) are pulled apart first.
  const move = useAction(
    async ({ row, by }: { row: Row; by: -1 | 1 }) => {
      const sorted = [...row.siblings].sort((a, b) => a.sortOrder - b.sortOrder);
      const at = sorted.findIndex((s) => s.id === row.id);
      const other = sorted[at + by];
      if (!other) return;
      const [mine, theirs] =
        other.sortOrder === row.sortOrder
          ? [Math.max(0, other.sortOrder + by), row.sortOrder]
          : [other.sortOrder, row.sortOrder];
      await api.updateCategory(row.id, { sortOrder: mine });
      await api.updateCategory(other.id, { sortOrder: theirs });
    },
    { success: '顺序已调整', invalidates },
  );

  const open = (e: Editing) => {
    form.setFieldsValue({ name: e?.kind === 'rename' ? e.row.name : '', code: '' });
    setEditing(e);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    if (editing.kind === 'rename') await update.mutateAsync({ id: editing.row.id, name: v.name.trim() });
    else await create.mutateAsync({ parentId: editing.parentId, name: v.name.trim(), code: v.code.trim() });
    setEditing(null);
  };

  return (
    <Card
      title={`分类（${campusName}）`}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create', parentId: null })}>
          添加一级标签
        </Button>
      }
    >
      {list.isError && <LoadError title="分类加载失败" error={list.error} retry={() => void list.refetch()} />}
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data ? rowsOf(list.data) : []}
        expandable={{
          expandedRowKeys: (list.data?.items ?? []).map((r) => r.id).filter((id) => !collapsed.has(id)),
          onExpand: (open, r) =>
            setCollapsed((prev) => {
              const next = new Set(prev);
              if (open) next.delete(r.id);
              else next.add(r.id);
              return next;
            }),
        }}
        locale={{ emptyText: list.isError ? '加载失败' : '还没有分类' }}
        columns={[
          {
            title: '名称',
            key: 'name',
            render: (_, r) => (
              <Space>
                <span>{r.name}</span>
                <Tag>{r.parentId ? '二级' : '一级'}</Tag>
                {!r.enabled && <Tag color="default">已停用</Tag>}
              </Space>
            ),
          },
          { title: '代码', dataIndex: 'code', width: 160 },
          { title: '排序', dataIndex: 'sortOrder', width: 80 },
          {
            title: '启用',
            key: 'enabled',
            width: 80,
            render: (_, r) => (
              <Switch
                aria-label={`启用 ${r.name}`}
                checked={r.enabled}
                size="small"
                onChange={(enabled) => update.mutate({ id: r.id, enabled })}
              />
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 280,
            render: (_, r) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={`上移 ${r.name}`}
                  onClick={() => move.mutate({ row: r, by: -1 })}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={`下移 ${r.name}`}
                  onClick={() => move.mutate({ row: r, by: 1 })}
                />
                <Button size="small" onClick={() => open({ kind: 'rename', row: r })}>
                  重命名
                </Button>
                {!r.parentId && (
                  <Button size="small" onClick={() => open({ kind: 'create', parentId: r.id })}>
                    添加二级标签
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.kind === 'rename' ? '重命名' : editing?.parentId ? '添加二级标签' : '添加一级标签'}
        okText="保存"
        cancelText="取消"
        confirmLoading={update.isPending || create.isPending}
        onOk={() => void save().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '请填写名称' },
              { max: 12, message: '名称最多 12 个字' },
            ]}
          >
            <Input maxLength={12} />
          </Form.Item>
          {editing?.kind === 'create' && (
            <Form.Item
              name="code"
              label="代码"
              extra="小写字母、数字和连字符，创建后不能修改"
              rules={[{ required: true, pattern: CODE_PATTERN, message: '代码只能包含小写字母、数字和连字符' }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          )}
        </Form>
        <Typography.Text type="secondary">修改会记入操作日志。</Typography.Text>
      </Modal>
    </Card>
  );
}
