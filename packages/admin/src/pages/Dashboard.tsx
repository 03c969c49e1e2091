import { useEffect, useState } from 'react';
import {
  Alert,
  Card,
  Col,
  Empty,
  Progress,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { api, ApiError } from '../api/client';
import type { AdminStats } from '../api/types';
import { formatDateTime, KIND_LABEL, STATUS_META } from '../lib/format';
import { HotSearches } from './HotSearches';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; stats: AdminStats }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string };

type Metric = 'newListings' | 'newUsers' | 'favorites' | 'comments';
const METRICS: { value: Metric; label: string }[] = [
  { value: 'newListings', label: '新增商品' },
  { value: 'newUsers', label: '新增用户' },
  { value: 'favorites', label: '收藏' },
  { value: 'comments', label: '留言' },
];

const statusLabel = (s: string) => STATUS_META[s as keyof typeof STATUS_META]?.label ?? s;
const kindLabel = (k: string) => KIND_LABEL[k as keyof typeof KIND_LABEL] ?? k;
const sum = (stats: AdminStats, m: Metric) => stats.daily.reduce((n, d) => n + d[m], 0);

/** One metric over the last 30 days as plain bars: the admin app ships no chart library. */
function DailyBars({ daily }: { daily: AdminStats['daily'] }) {
  const [metric, setMetric] = useState<Metric>('newListings');
  const max = Math.max(1, ...daily.map((d) => d[metric]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented options={METRICS} value={metric} onChange={(v) => setMetric(v)} />
      <div
        className="xz-bars"
        data-testid="daily-bars"
        role="img"
        aria-label={`近 30 天${METRICS.find((m) => m.value === metric)!.label}`}
      >
        {daily.map((d) => (
          <Tooltip key={d.day} title={`${d.day}：${d[metric]}`}>
            <div className="xz-bar" data-day={d.day} data-value={d[metric]}>
              <div className="xz-bar-fill" style={{ height: `${(d[metric] / max) * 100}%` }} />
            </div>
          </Tooltip>
        ))}
      </div>
      <Typography.Text type="secondary">
        {daily[0]?.day} 至 {daily.at(-1)?.day}，最高 {max} / 天
      </Typography.Text>
    </Space>
  );
}

export function Dashboard() {
  const [campusId, setCampusId] = useState<string | undefined>(undefined);
  const [state, setState] = useState<State>({ kind: 'loading' });
  // Bumped when the block list changes: the hot list is fetched again.
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let alive = true;
    api.stats(campusId).then(
      (stats) => alive && setState({ kind: 'ready', stats }),
      (e: unknown) => {
        if (!alive) return;
        if (e instanceof ApiError && e.status === 401) setState({ kind: 'signed-out' });
        else setState({ kind: 'error', message: (e as Error).message });
      },
    );
    return () => {
      alive = false;
    };
  }, [campusId, reload]);

  if (state.kind === 'loading') return <Spin />;
  if (state.kind === 'signed-out')
    return (
      <Result status="info" title="请先登录管理员账号" subTitle="登录后这里会显示本校区的商品、用户和搜索统计。" />
    );
  if (state.kind === 'error') return <Alert type="error" showIcon title="统计加载失败" description={state.message} />;

  const s = state.stats;
  const verifiedShare = s.users.total === 0 ? 0 : Math.round((s.users.verified / s.users.total) * 100);
  const topMax = Math.max(1, ...s.topCategories.map((c) => c.count));
  return (
    <div data-testid="stats">
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {s.campusName}
        </Typography.Title>
        {s.campuses.length > 1 && (
          <Select
            aria-label="选择校区"
            style={{ minWidth: 160 }}
            value={s.campusId}
            options={s.campuses.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(v: string) => {
              setState({ kind: 'loading' });
              setCampusId(v);
            }}
          />
        )}
        <Typography.Text type="secondary">更新于 {formatDateTime(s.generatedAt)}</Typography.Text>
      </Space>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="商品总数" value={s.listings.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title="在售（含已预订）"
              value={(s.listings.byStatus['active'] ?? 0) + (s.listings.byStatus['reserved'] ?? 0)}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="用户总数" value={s.users.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title="已认证学生" value={s.users.verified} suffix={`/ 未认证 ${s.users.unverified}`} />
            <Progress percent={verifiedShare} size="small" />
          </Card>
        </Col>
        {METRICS.map((m) => (
          <Col key={m.value} xs={12} md={6}>
            <Card>
              <Statistic title={`近 30 天${m.label}`} value={sum(s, m.value)} />
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <Card title="商品（按状态）">
            <Row gutter={16}>
              {Object.entries(s.listings.byStatus).map(([k, v]) => (
                <Col key={k} xs={8}>
                  <Statistic title={statusLabel(k)} value={v} />
                </Col>
              ))}
              {Object.keys(s.listings.byStatus).length === 0 && <Empty description="暂无商品" />}
            </Row>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title="商品（按类型）">
            <Row gutter={16}>
              {Object.entries(s.listings.byKind).map(([k, v]) => (
                <Col key={k} xs={8}>
                  <Statistic title={kindLabel(k)} value={v} />
                </Col>
              ))}
              {Object.keys(s.listings.byKind).length === 0 && <Empty description="暂无商品" />}
            </Row>
          </Card>
        </Col>
      </Row>

      <Card title="近 30 天趋势" style={{ marginBottom: 16 }}>
        <DailyBars daily={s.daily} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <Card title="热门分类（近 30 天新发布）">
            <Table
              size="small"
              pagination={false}
              rowKey="categoryId"
              dataSource={[...s.topCategories]}
              locale={{ emptyText: '近 30 天没有新发布' }}
              columns={[
                {
                  title: '分类',
                  key: 'name',
                  render: (_, c) => (c.parentName ? `${c.parentName} / ${c.name}` : c.name),
                },
                { title: '新发布', dataIndex: 'count', width: 80 },
                {
                  title: '',
                  key: 'bar',
                  render: (_, c) => (
                    <Progress percent={Math.round((c.count / topMax) * 100)} showInfo={false} size="small" />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card title="校园热搜（近 7 天）">
            <HotSearches campusId={s.campusId} hot={s.hotSearches} onChanged={() => setReload((n) => n + 1)} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
