import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { Notice } from '../../api/types';
import { PhonePreview } from '../../components/PhonePreview';
import { LoadError, ScheduleTag } from '../../components/status';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useSession } from '../../session/context';
import { NoticeForm } from './NoticeForm';

/** 公告: notices on the campus's home page (首页通知), pinned first, scheduled, with a phone-width preview. */
export function Notices() {
  const { campusId, campusName } = useSession();
  const [editing, setEditing] = useState<Notice | null | undefined>(undefined);
  const list = useQuery({ queryKey: keys.notices(campusId), queryFn: () => api.notices(campusId) });
  const banners = useQuery({ queryKey: keys.banners(campusId), queryFn: () => api.banners(campusId) });
  const remove = useAction((id: string) => api.deleteNotice(id), {
    success: '公告已删除',
    failure: '删除失败',
    invalidates: [keys.notices(campusId), keys.banners(campusId)],
  });
  const items = list.data?.items ?? [];
  const live = items.filter((n) => n.state === 'live');

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card
          title={`公告（${campusName}）`}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              发布公告
            </Button>
          }
        >
          {list.isError && <LoadError title="公告加载失败" error={list.error} retry={() => void list.refetch()} />}
          <Table<Notice>
            rowKey="id"
            loading={list.isPending}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: list.isError ? '加载失败' : '还没有公告' }}
            expandable={{
              expandedRowRender: (n) => (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.body}</Typography.Paragraph>
              ),
            }}
            columns={[
              {
                title: '标题',
                key: 'title',
                render: (_, n) => (
                  <Space>
                    {n.pinned && <Tag color="orange">置顶</Tag>}
                    {n.title}
                  </Space>
                ),
              },
              {
                title: '状态',
                dataIndex: 'state',
                width: 90,
                render: (s: Notice['state']) => <ScheduleTag state={s} />,
              },
              {
                title: '展示时间',
                key: 'schedule',
                width: 220,
                render: (_, n) => `${formatDateTime(n.startsAt)} 至 ${n.endsAt ? formatDateTime(n.endsAt) : '长期'}`,
              },
              {
                title: '操作',
                key: 'actions',
                width: 140,
                render: (_, n) => (
                  <Space>
                    <Button size="small" onClick={() => setEditing(n)}>
                      编辑
                    </Button>
                    <Popconfirm
                      title={`删除公告「${n.title}」？`}
                      description="删除后首页不再展示，不能恢复"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => remove.mutateAsync(n.id).catch(() => undefined)}
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
            banners={(banners.data?.items ?? [])
              .filter((b) => b.state === 'live')
              .sort((a, b) => a.position - b.position)
              .map((b) => ({ key: b.id, title: b.title, imageUrl: b.imageUrl }))}
            notices={[...live]
              .sort((a, b) => Number(b.pinned) - Number(a.pinned))
              .map((n) => ({ key: n.id, title: n.title, pinned: n.pinned }))}
          />
        </Card>
      </Col>
      <NoticeForm campusId={campusId} editing={editing} live={live} onClose={() => setEditing(undefined)} />
    </Row>
  );
}
