import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Input, List, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api/endpoints';
import { keys } from '../api/query';
import type { ReviewCase } from '../api/types';
import { LoadError, LoadMore } from '../components/status';
import { formatDateTime } from '../lib/format';
import { useAction } from '../lib/useAction';

type Target = ReviewCase['targetType'];

const TARGET: Record<Target, string> = {
  listing: '商品',
  comment: '留言',
  user: '用户',
  photo: '照片',
  rating: '评价',
};
const FIELD: Record<string, string> = {
  title: '标题',
  description: '描述',
  body: '留言',
  nickname: '昵称',
  photo: '照片',
};
/** The remove decision, in each target's words: a rating is hidden (off the profile, kept for admins). */
const REMOVE_LABEL: Record<Target, string> = {
  listing: '下架',
  comment: '删除留言',
  user: '封禁',
  photo: '删除照片',
  rating: '隐藏评价',
};

const SCORE: Record<string, string> = { good: '好评', neutral: '中评', bad: '差评' };

/** What the case is about, in words: a rating's summary starts with its score's code (`bad：…`). */
function summaryOf(c: ReviewCase): string | null {
  const s = c.target.summary;
  if (s === null || c.targetType !== 'rating') return s;
  const m = /^(good|neutral|bad)(.*)$/s.exec(s);
  return m ? `${SCORE[m[1]!]}${m[2]}` : s;
}

/** Why a case is in the queue: reports, the safety checker having been down, or both. */
function Reasons({ c }: { c: ReviewCase }) {
  return (
    <Space size={4} wrap>
      {c.reportCount > 0 && (
        <Tag color={c.hidden ? 'red' : 'orange'}>
          {c.reportCount} 人举报{c.hidden ? (c.targetType === 'user' ? ' · 待审核' : ' · 已隐藏') : ''}
        </Tag>
      )}
      {c.uncheckedFields.length > 0 && (
        <Tag color="blue">安全检查不可用时发布：{c.uncheckedFields.map((f) => FIELD[f] ?? f).join('、')}</Tag>
      )}
    </Space>
  );
}

/**
 * 举报与审核: open cases grouped by what they are about. Restore un-hides the target and closes its reports;
 * remove takes it down with a reason (a listing's owner is told it in their messages).
 */
export function Moderation() {
  const list = useInfiniteQuery({
    queryKey: keys.reviewCases,
    queryFn: ({ pageParam }) => api.reviewCases(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [removing, setRemoving] = useState<ReviewCase | null>(null);
  const [reason, setReason] = useState('');
  const resolve = useAction(
    ({ c, decision, why }: { c: ReviewCase; decision: 'restore' | 'remove'; why?: string }) =>
      api.resolveCase(c.id, decision === 'remove' ? { decision, reason: why ?? '' } : { decision }),
    {
      success: (_, v) => (v.decision === 'restore' ? '已恢复' : `已${REMOVE_LABEL[v.c.targetType]}`),
      invalidates: [keys.reviewCases, keys.listings, keys.users],
      onSuccess: () => {
        setRemoving(null);
        setReason('');
      },
    },
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        被多名同学举报的内容会先隐藏，等待处理；安全检查服务不可用时发布的内容也在这里复核。恢复会取消隐藏并关闭举报；删除需填写原因，商品的发布者会在消息中看到。
      </Typography.Paragraph>
      {list.isError && <LoadError title="举报加载失败" error={list.error} retry={() => void list.refetch()} />}
      <Table<ReviewCase>
        rowKey="id"
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <Empty description="没有待处理的举报" /> }}
        expandable={{
          rowExpandable: (c) => c.reports.length > 0,
          expandedRowRender: (c) => (
            <List
              size="small"
              dataSource={c.reports}
              renderItem={(r) => (
                <List.Item>
                  <Space>
                    <Tag>{r.reasonLabel}</Tag>
                    <span>{r.details || '（无补充说明）'}</span>
                    <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ),
        }}
        columns={[
          { title: '对象', dataIndex: 'targetType', render: (t: Target) => TARGET[t] },
          {
            title: '内容',
            render: (_, c) =>
              c.targetType === 'photo' && c.target.photoUrl ? (
                <img src={c.target.photoUrl} alt="待审核照片" style={{ maxWidth: 120, maxHeight: 90 }} />
              ) : (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 360 }}>
                  {summaryOf(c) ?? '（已不存在）'}
                </Typography.Paragraph>
              ),
          },
          { title: '原因', render: (_, c) => <Reasons c={c} /> },
          { title: '最近更新', dataIndex: 'updatedAt', render: (t: string) => formatDateTime(t) },
          {
            title: '操作',
            render: (_, c) => (
              <Space>
                <Popconfirm
                  title="确认内容没有问题，恢复并关闭举报？"
                  okText="恢复"
                  cancelText="取消"
                  onConfirm={() => resolve.mutateAsync({ c, decision: 'restore' }).catch(() => undefined)}
                >
                  <Button size="small">恢复</Button>
                </Popconfirm>
                <Button size="small" danger onClick={() => setRemoving(c)}>
                  {REMOVE_LABEL[c.targetType]}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <LoadMore
        count={items.length}
        hasNextPage={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      <Modal
        title={removing ? `${REMOVE_LABEL[removing.targetType]}：填写原因` : ''}
        open={removing !== null}
        okText="确认"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: resolve.isPending }}
        onOk={() => removing && resolve.mutate({ c: removing, decision: 'remove', why: reason.trim() })}
        onCancel={() => {
          setRemoving(null);
          setReason('');
        }}
      >
        <Input.TextArea
          aria-label="处理原因"
          value={reason}
          maxLength={200}
          showCount
          placeholder="例如：出售违禁物品（发布者会看到）"
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
