import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { AdminRating, Trade } from '../../api/types';
import { LoadError } from '../../components/status';
import { formatDateTime, formatFen } from '../../lib/format';

const TRADE_STATUS: Record<Trade['status'], { label: string; color: string }> = {
  agreed: { label: '进行中', color: 'orange' },
  completed: { label: '已完成', color: 'green' },
  cancelled: { label: '已取消', color: 'default' },
};

const SCORE: Record<AdminRating['score'], { label: string; color: string }> = {
  good: { label: '好评', color: 'green' },
  neutral: { label: '中评', color: 'default' },
  bad: { label: '差评', color: 'red' },
};

/** 交易记录: the student's trades on either side, with the other party and how each ended. */
export function UserTradesTable({ userId }: { userId: string }) {
  const trades = useQuery({ queryKey: keys.userTrades(userId), queryFn: () => api.userTrades(userId) });
  return (
    <div data-testid="user-trades">
      <Typography.Title level={5}>交易记录</Typography.Title>
      {trades.isError && (
        <LoadError title="交易记录加载失败" error={trades.error} retry={() => void trades.refetch()} />
      )}
      <Table<Trade>
        size="small"
        rowKey="id"
        pagination={false}
        loading={trades.isPending}
        dataSource={trades.data?.items ?? []}
        locale={{ emptyText: '没有交易记录' }}
        columns={[
          { title: '商品', render: (_, t) => t.listing.title },
          {
            title: '身份',
            width: 60,
            render: (_, t) => (t.seller.id === userId ? '卖家' : '买家'),
          },
          {
            title: '对方',
            width: 110,
            render: (_, t) => (t.seller.id === userId ? t.buyer.nickname : t.seller.nickname),
          },
          { title: '成交价', dataIndex: 'priceFen', width: 100, render: (p: number | null) => formatFen(p) },
          {
            title: '状态',
            width: 180,
            render: (_, t) => (
              <Space size={4} wrap>
                <Tag color={TRADE_STATUS[t.status].color}>{TRADE_STATUS[t.status].label}</Tag>
                {t.cancelReason && <Typography.Text type="secondary">{t.cancelReason}</Typography.Text>}
              </Space>
            ),
          },
          { title: '开始时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
        ]}
      />
    </div>
  );
}

/** 收到的评价: shown ratings about the student; those an admin hid stay here, marked. */
export function UserRatingsTable({ userId }: { userId: string }) {
  const ratings = useQuery({ queryKey: keys.userRatings(userId), queryFn: () => api.userRatings(userId) });
  return (
    <div data-testid="user-ratings">
      <Typography.Title level={5}>收到的评价</Typography.Title>
      {ratings.isError && <LoadError title="评价加载失败" error={ratings.error} retry={() => void ratings.refetch()} />}
      <Table<AdminRating>
        size="small"
        rowKey="id"
        pagination={false}
        loading={ratings.isPending}
        dataSource={ratings.data?.items ?? []}
        locale={{ emptyText: '没有评价' }}
        columns={[
          {
            title: '评价',
            width: 70,
            render: (_, r) => <Tag color={SCORE[r.score].color}>{SCORE[r.score].label}</Tag>,
          },
          {
            title: '内容',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>{r.text ?? '（无文字）'}</span>
                {r.reply && <Typography.Text type="secondary">回复：{r.reply.text}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '评价人 → 被评价人',
            width: 160,
            render: (_, r) => `${r.rater.nickname} → ${r.ratee.nickname}`,
          },
          { title: '商品', dataIndex: 'listingTitle', width: 140 },
          {
            title: '状态',
            width: 90,
            render: (_, r) => (r.hidden ? <Tag color="red">已隐藏</Tag> : <Tag color="green">已公开</Tag>),
          },
          { title: '时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
        ]}
      />
    </div>
  );
}
