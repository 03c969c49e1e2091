import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Empty, Image, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { AdminListingDetail } from '../../api/types';
import { EChart, type ChartOption } from '../../components/EChart';
import { LoadError } from '../../components/status';
import { formatDateTime, formatFen, kindLabel, STATUS_META, statusLabel } from '../../lib/format';
import { ListingActions } from './ListingActions';

function ViewsChart({ views }: { views: AdminListingDetail['viewsPerDay'] }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 32, right: 8, top: 8, bottom: 24 },
      xAxis: { type: 'category', data: views.map((v) => v.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: '浏览', data: views.map((v) => v.count), itemStyle: { color: '#ff6a00' } }],
    }),
    [views],
  );
  if (views.length === 0) return <Empty description="暂无浏览" />;
  return <EChart option={option} height={180} label="每日浏览" />;
}

function Detail({ d }: { d: AdminListingDetail }) {
  const l = d.listing;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="listing-detail">
      <Space wrap>
        <Tag color={STATUS_META[l.status]?.color}>{statusLabel(l.status)}</Tag>
        <ListingActions listing={l} />
      </Space>
      {l.photos.length > 0 ? (
        <Image.PreviewGroup>
          <Space wrap>
            {l.photos.map((p) => (
              <Image key={p.id} src={p.url} width={96} height={96} style={{ objectFit: 'cover' }} alt={l.title} />
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <Typography.Text type="secondary">没有照片</Typography.Text>
      )}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="类型">{kindLabel(l.kind)}</Descriptions.Item>
        <Descriptions.Item label="价格">{formatFen(l.price)}</Descriptions.Item>
        <Descriptions.Item label="卖家">{l.seller.nickname}</Descriptions.Item>
        <Descriptions.Item label="浏览">{l.viewCount}</Descriptions.Item>
        <Descriptions.Item label="发布">{formatDateTime(l.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="更新">{formatDateTime(l.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label="描述" span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{l.description}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>状态变化</Typography.Title>
        <Timeline
          items={d.statusHistory.map((h) => ({
            content: (
              <span>
                {formatDateTime(h.at)}：{h.from ? `${statusLabel(h.from)} → ` : ''}
                {statusLabel(h.to)}
                {h.reason ? `（${h.reason}）` : ''}
              </span>
            ),
          }))}
        />
      </div>
      <div>
        <Typography.Title level={5}>价格变化</Typography.Title>
        <Table
          size="small"
          pagination={false}
          rowKey="at"
          dataSource={d.priceHistory}
          locale={{ emptyText: '价格没有变过' }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (t: string) => formatDateTime(t) },
            { title: '价格', dataIndex: 'price', render: (p: number | null) => formatFen(p) },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>每日浏览</Typography.Title>
        <ViewsChart views={d.viewsPerDay} />
      </div>
    </Space>
  );
}

export function ListingDrawer({ listingId, onClose }: { listingId: string | null; onClose: () => void }) {
  const detail = useQuery({
    queryKey: keys.listing(listingId ?? ''),
    queryFn: () => api.listing(listingId!),
    enabled: listingId !== null,
  });
  return (
    <Drawer
      open={listingId !== null}
      onClose={onClose}
      size={720}
      title={detail.data?.listing.title ?? '商品详情'}
      destroyOnHidden
    >
      {detail.isPending ? (
        <Spin />
      ) : detail.isError ? (
        <LoadError title="商品详情加载失败" error={detail.error} retry={() => void detail.refetch()} />
      ) : (
        <Detail d={detail.data} />
      )}
    </Drawer>
  );
}
