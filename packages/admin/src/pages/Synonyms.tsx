import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api/endpoints';
import { keys } from '../api/query';
import type { SynonymGroup } from '../api/types';
import { LoadError } from '../components/status';
import { formatDateTime } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useSession } from '../session/context';

type Editing = { kind: 'create' } | { kind: 'edit'; group: SynonymGroup } | null;

/** Words as typed: one per line, or separated by commas (half- or full-width) or 、. A word may hold spaces (apple watch). */
export function wordsOf(text: string): string[] {
  return text
    .split(/[\n,，、;；]/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

/**
 * 同义词: the campus's own synonym groups (a search for any word of a group also finds listings saying another,
 * ranked after those saying the word searched), and the shipped dictionary they add to. A campus group replaces
 * the shipped group of every word it holds. Every change takes effect on the next search and is audited.
 */
export function Synonyms() {
  const { campusId, campusName } = useSession();
  const [editing, setEditing] = useState<Editing>(null);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState('');
  const list = useQuery({ queryKey: keys.synonyms(campusId), queryFn: () => api.synonyms(campusId) });
  const invalidates = [keys.synonyms(campusId)];
  const close = () => setEditing(null);
  const create = useAction((terms: string[]) => api.createSynonyms(campusId, terms), {
    success: (g) => `已添加「${g.terms.join(' / ')}」`,
    failure: '添加失败',
    invalidates,
    onSuccess: close,
  });
  const edit = useAction(({ id, terms }: { id: string; terms: string[] }) => api.editSynonyms(id, terms), {
    success: '已保存',
    failure: '保存失败',
    invalidates,
    onSuccess: close,
  });
  const remove = useAction((id: string) => api.deleteSynonyms(id), {
    success: (g) => `已删除「${g.terms.join(' / ')}」`,
    failure: '删除失败',
    invalidates,
  });

  const defaults = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const all = list.data?.defaults ?? [];
    return f ? all.filter((g) => g.some((w) => w.includes(f))) : all;
  }, [list.data, filter]);

  const open = (e: Editing) => {
    setText(e?.kind === 'edit' ? e.group.terms.join('\n') : '');
    setEditing(e);
  };
  const words = wordsOf(text);
  const save = () => {
    if (editing?.kind === 'edit') edit.mutate({ id: editing.group.id, terms: words });
    else create.mutate(words);
  };

  return (
    <Card
      title={`同义词（${campusName}）`}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
          添加同义词组
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        同学搜索组里任意一个词，也能找到写着组里其他词的商品，排在写着原词的商品之后。例如「单车 / 自行车」。
        修改在下一次搜索时生效，并记入操作日志。
      </Typography.Paragraph>
      {list.isError && <LoadError title="同义词加载失败" error={list.error} retry={() => void list.refetch()} />}
      <Table<SynonymGroup>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: list.isError ? '加载失败' : '本校还没有自己的同义词组，搜索使用内置词库' }}
        columns={[
          {
            title: '词',
            key: 'terms',
            render: (_, g) => (
              <Space wrap size={4}>
                {g.terms.map((t) => (
                  <Tag key={t}>{t}</Tag>
                ))}
              </Space>
            ),
          },
          { title: '更新时间', key: 'updatedAt', width: 180, render: (_, g) => formatDateTime(g.updatedAt) },
          {
            title: '操作',
            key: 'actions',
            width: 160,
            render: (_, g) => (
              <Space size={4}>
                <Button size="small" onClick={() => open({ kind: 'edit', group: g })}>
                  编辑
                </Button>
                <Popconfirm
                  title={`删除「${g.terms.join(' / ')}」？`}
                  onConfirm={() => remove.mutateAsync(g.id).catch(() => undefined)}
                  okText="删除"
                  cancelText="取消"
                >
                  <Button size="small" danger aria-label={`删除 ${g.terms.join(' / ')}`}>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'defaults',
            label: `内置词库（${list.data?.defaults.length ?? 0} 组）`,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.Search
                  aria-label="查找内置词"
                  placeholder="查找词，如：高数"
                  allowClear
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  style={{ maxWidth: 320 }}
                />
                <Space wrap data-testid="default-synonyms">
                  {defaults.length === 0 ? (
                    <Typography.Text type="secondary">没有找到</Typography.Text>
                  ) : (
                    defaults.map((g) => <Tag key={g.join('/')}>{g.join(' / ')}</Tag>)
                  )}
                </Space>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.kind === 'edit' ? '编辑同义词组' : '添加同义词组'}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ disabled: words.length < 2 }}
        confirmLoading={create.isPending || edit.isPending}
        onOk={save}
        onCancel={close}
      >
        <Input.TextArea
          aria-label="同义词"
          rows={5}
          value={text}
          placeholder={'每行一个词，或用逗号、顿号分隔，如：\n单车\n自行车\n脚踏车'}
          onChange={(e) => setText(e.target.value)}
        />
        <Typography.Text type="secondary">
          至少 2 个、最多 12 个词，每个词最多 20 个字；一个词只能在本校的一个组里。
        </Typography.Text>
      </Modal>
    </Card>
  );
}
