import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Image, Popconfirm, Row, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { Banner } from '../../api/types';
import { PhonePreview } from '../../components/PhonePreview';
import { LoadError, ScheduleTag } from '../../components/status';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useSession } from '../../session/context';
import { BannerForm } from './BannerForm';
import { describeTarget } from './TargetPicker';

/** 轮播图: the carousel at the top of the campus's home page, scheduled, with a phone-width preview. */
export function Banners() {
  const { campusId, campusName } = useSession();
  const [editing, setEditing] = useState<Banner | null | undefined>(undefined);
  const list = useQuery({ queryKey: keys.banners(campusId), queryFn: () => api.banners(campusId) });
  const notices = useQuery({ queryKey: keys.notices(campusId), queryFn: () => api.notices(campusId) });
  const remove = useAction((id: string) => api.deleteBanner(id), {
    success: '轮播图已删除',
    failure: '删除失败',
    invalidates: [keys.banners(campusId)],
  });
  const items = list.data?.items ?? [];
  const live = items.filter((b) => b.state === 'live').sort((a, b) => a.position - b.position);

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          title={`轮播图（${campusName}）`}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              新建轮播图
            </Button>
          }
        >
          {list.isError && <LoadError title="轮播图加载失败" error={list.error} retry={() => void list.refetch()} />}
          <Table<Banner>
            rowKey="id"
            loading={list.isPending}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: list.isError ? '加载失败' : '还没有轮播图' }}
            columns={[
              {
                title: '图片',
                dataIndex: 'imageUrl',
                width: 140,
                render: (url: string, b) => <Image src={url} width={120} alt={b.title} />,
              },
              { title: '标题', dataIndex: 'title' },
              {
                title: '状态',
                dataIndex: 'state',
                width: 90,
                render: (s: Banner['state']) => <ScheduleTag state={s} />,
              },
              { title: '跳转', key: 'target', render: (_, b) => describeTarget(b.target) },
              { title: '排序', dataIndex: 'position', width: 60 },
              {
                title: '展示时间',
                key: 'schedule',
                width: 200,
                render: (_, b) => (
                  <Typography.Text>
                    {formatDateTime(b.startsAt)} 至 {b.endsAt ? formatDateTime(b.endsAt) : '长期'}
                  </Typography.Text>
                ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 140,
                render: (_, b) => (
                  <Space>
                    <Button size="small" onClick={() => setEditing(b)}>
                      编辑
                    </Button>
                    <Popconfirm
                      title={`删除轮播图「${b.title}」？`}
                      description="删除后首页不再展示，不能恢复"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => remove.mutateAsync(b.id).catch(() => undefined)}
                    >
                      <Button size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col flex="395px">
        <Card title="首页预览（展示中）" size="small">
          <PhonePreview
            banners={live.map((b) => ({ key: b.id, title: b.title, imageUrl: b.imageUrl }))}
            notices={(notices.data?.items ?? [])
              .filter((n) => n.state === 'live')
              .map((n) => ({ key: n.id, title: n.title, pinned: n.pinned }))}
          />
        </Card>
      </Col>
      <BannerForm campusId={campusId} editing={editing} live={live} onClose={() => setEditing(undefined)} />
    </Row>
  );
}
