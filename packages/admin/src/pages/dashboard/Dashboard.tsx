import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Segmented, Space, Spin, Statistic, Table, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { AdminStats } from '../../api/types';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/status';
import { formatDateTime } from '../../lib/format';
import { isSuper, useSession } from '../../session/context';
import { categoryOption, dailyOption, dayValue, funnelOption, statusOption, type DailyKey } from './charts';
import { HotSearches } from './HotSearches';

function Numbers({ s }: { s: AdminStats }) {
  const sum = (key: DailyKey) => s.daily.reduce((n, d) => n + dayValue(d, key), 0);
  const today = s.daily.at(-1);
  const cards: { id: string; title: string; value: number; suffix?: string }[] = [
    { id: 'listings-total', title: '商品总数', value: s.listings.total },
    {
      id: 'listings-live',
      title: '在售（含已预订）',
      value: (s.listings.byStatus['active'] ?? 0) + (s.listings.byStatus['reserved'] ?? 0),
    },
    { id: 'users-total', title: '用户总数', value: s.users.total },
    { id: 'users-verified', title: '已认证学生', value: s.users.verified, suffix: `/ 未认证 ${s.users.unverified}` },
    { id: 'new-listings-30d', title: '近 30 天新增商品', value: sum('newListings') },
    { id: 'active-users-today', title: '今日活跃用户', value: today ? dayValue(today, 'activeUsers') : 0 },
    { id: 'views-30d', title: '近 30 天浏览', value: sum('views') },
    { id: 'comments-30d', title: '近 30 天留言', value: sum('comments') },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((c) => (
        <Col key={c.id} xs={12} md={6}>
          <Card data-testid={`stat-${c.id}`}>
            <Statistic title={c.title} value={c.value} suffix={c.suffix} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Charts({ s }: { s: AdminStats }) {
  const daily = useMemo(() => dailyOption(s.daily), [s.daily]);
  const status = useMemo(() => statusOption(s.listings.byStatus), [s.listings.byStatus]);
  const category = useMemo(() => categoryOption(s.topCategories), [s.topCategories]);
  const funnel = useMemo(() => funnelOption(s.funnel), [s.funnel]);
  return (
    <>
      <Card title="近 30 天趋势" style={{ marginBottom: 16 }}>
        <EChart option={daily} height={320} label="近 30 天新增商品、活跃用户、浏览、留言" />
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={8}>
          <Card title="商品（按状态）">
            {s.listings.total === 0 ? <Empty description="暂无商品" /> : <EChart option={status} label="商品按状态" />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="热门分类（近 30 天新发布）">
            {s.topCategories.length === 0 ? (
              <Empty description="近 30 天没有新发布" />
            ) : (
              <EChart option={category} label="近 30 天各分类新发布" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="转化漏斗（近 30 天发布的商品）">
            {s.funnel.listed > 0 ? (
              <>
                <EChart option={funnel} label="发布、被收藏、有留言、已售出" />
                <Typography.Text type="secondary" data-testid="funnel">
                  发布 {s.funnel.listed} → 被收藏 {s.funnel.favorited} → 有留言 {s.funnel.commented} → 已售出{' '}
                  {s.funnel.sold}
                </Typography.Text>
              </>
            ) : (
              <Empty description="近 30 天没有新发布" />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

export function Dashboard() {
  const { admin, campusId, campusName } = useSession();
  // A super admin may look at every campus together.
  const [scope, setScope] = useState<'campus' | 'all'>('campus');
  const statsCampus = scope === 'all' ? 'all' : campusId;
  const stats = useQuery({ queryKey: keys.stats(statsCampus), queryFn: () => api.stats(statsCampus) });

  if (stats.isPending) return <Spin />;
  if (stats.isError) return <LoadError title="统计加载失败" error={stats.error} retry={() => void stats.refetch()} />;
  const s = stats.data;
  return (
    <div data-testid="stats">
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {scope === 'all' ? '全部校区' : (s.campusName ?? campusName)}
        </Typography.Title>
        {isSuper(admin) && (
          <Segmented<'campus' | 'all'>
            value={scope}
            onChange={(v) => setScope(v)}
            options={[
              { value: 'campus', label: '本校区' },
              { value: 'all', label: '全部校区' },
            ]}
          />
        )}
        <Typography.Text type="secondary">更新于 {formatDateTime(s.generatedAt)}</Typography.Text>
      </Space>
      <Numbers s={s} />
      <Charts s={s} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title="浏览最多的商品（近 30 天）">
            <Table
              size="small"
              pagination={false}
              rowKey="listingId"
              dataSource={s.topViewed}
              locale={{ emptyText: '暂无浏览' }}
              columns={[
                { title: '商品', dataIndex: 'title' },
                { title: '浏览', dataIndex: 'views', width: 80 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title="校园热搜（近 7 天）">
            {scope === 'all' ? (
              <Typography.Text type="secondary">热搜按校区统计：请切换到本校区查看和屏蔽。</Typography.Text>
            ) : (
              <HotSearches campusId={campusId} hot={s.hotSearches} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
