import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api/endpoints';
import { keys } from '../api/query';
import type { DeadLetterItem } from '../api/types';
import { LoadError, LoadMore } from '../components/status';
import { formatDateTime } from '../lib/format';
import { useAction } from '../lib/useAction';

const KIND: Record<DeadLetterItem['kind'], string> = {
  comment: '新留言',
  reply: '回复',
  price_drop: '降价',
  wanted_match: '求购匹配',
  saved_search: '订阅提醒',
  expiring: '即将到期',
  removed: '下架通知',
  hidden: '举报隐藏',
  restored: '恢复展示',
  feedback_reply: '反馈回复',
  want_received: '有人想要',
  offer_received: '收到出价',
  offer_countered: '卖家还价',
  offer_accepted: '出价已接受',
  offer_declined: '出价被拒绝',
  offer_expired: '出价已过期',
  trade_opened: '交易开始',
  trade_confirmed: '对方确认成交',
  trade_completed: '交易完成',
  trade_cancelled: '交易取消',
  rating_received: '收到评价',
};

/**
 * 死信: QQ subscription messages that failed on every attempt (`dead`), or whose outcome a crash or a
 * timeout left unknown (`unknown`: QQ may already have delivered it). Every one is in the student's
 * inbox anyway; retrying sends the QQ message again.
 */
export function DeadLetters() {
  const list = useInfiniteQuery({
    queryKey: keys.deadLetters,
    queryFn: ({ pageParam }) => api.deadLetters(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const retry = useAction((item: DeadLetterItem) => api.retryDeadLetter(item.notificationId), {
    success: '已重新排队，几分钟内发送',
    failure: '重试失败',
    invalidates: [keys.deadLetters],
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        这些 QQ 订阅消息没有发出（多次失败），或发送时进程中断、无法确定是否送达。学生的站内消息不受影响。
        “结果未知”的消息重试后学生可能收到两次，请酌情处理。
      </Typography.Paragraph>
      {list.isError && <LoadError title="死信加载失败" error={list.error} retry={() => void list.refetch()} />}
      <Table<DeadLetterItem>
        rowKey="notificationId"
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: list.isError ? '加载失败' : '没有发送失败的消息' }}
        columns={[
          { title: '类型', dataIndex: 'kind', render: (k: DeadLetterItem['kind']) => KIND[k] },
          { title: '商品', render: (_, d) => String(d.data['listingTitle'] ?? '—') },
          { title: '接收人', dataIndex: 'recipientId' },
          {
            title: '状态',
            render: (_, d) =>
              d.state === 'unknown' ? <Tag color="orange">结果未知</Tag> : <Tag color="red">发送失败</Tag>,
          },
          { title: '尝试次数', dataIndex: 'attempts' },
          { title: '最后错误', dataIndex: 'lastError', render: (e: string | null) => e ?? '—' },
          { title: '时间', dataIndex: 'updatedAt', render: (t: string) => formatDateTime(t) },
          {
            title: '操作',
            render: (_, d) => (
              <Popconfirm
                title={
                  d.state === 'unknown'
                    ? '这条消息可能已经送达，重试可能让学生收到两次。确定重试？'
                    : '重新发送这条 QQ 消息？'
                }
                okText="重试"
                cancelText="取消"
                onConfirm={() => retry.mutateAsync(d).catch(() => undefined)}
              >
                <Button size="small">重试</Button>
              </Popconfirm>
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
    </Space>
  );
}
