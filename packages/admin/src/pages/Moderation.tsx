import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Empty,
  Input,
  List,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { api } from '../api/client';
import type { ReviewCase } from '../api/types';
import { formatDateTime } from '../lib/format';
import { useCursorPages } from '../lib/useCursorPages';

const fetchPage = (after?: string) => api.reviewCases(after);

const TARGET: Record<ReviewCase['targetType'], string> = {
  listing: '商品',
  comment: '留言',
  user: '用户',
  photo: '照片',
};
const FIELD: Record<string, string> = {
  title: '标题',
  description: '描述',
  body: '留言',
  nickname: '昵称',
  photo: '照片',
};
const REMOVE_LABEL: Record<ReviewCase['targetType'], string> = {
  listing: '下架',
  comment: '删除留言',
  user: '封禁',
  photo: '删除照片',
};

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
  const { message } = AntApp.useApp();
  const { items, setItems, cursor, loading, error, load } = useCursorPages(fetchPage);
  const [removing, setRemoving] = useState<ReviewCase | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  const resolve = async (c: ReviewCase, decision: 'restore' | 'remove', why?: string) => {
    setSaving(true);
    try {
      await api.resolveCase(c.id, decision === 'remove' ? { decision, reason: why ?? '' } : { decision });
      setItems((prev) => prev.filter((x) => x.id !== c.id));
      void message.success(decision === 'restore' ? '已恢复' : `已${REMOVE_LABEL[c.targetType]}`);
      setRemoving(null);
      setReason('');
    } catch (e) {
      void message.error(`操作失败：${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        被多名同学举报的内容会先隐藏，等待处理；安全检查服务不可用时发布的内容也在这里复核。恢复会取消隐藏并关闭举报；删除需填写原因，商品的发布者会在消息中看到。
      </Typography.Paragraph>
      {error && <Alert type="error" message={error} showIcon />}
      <Table<ReviewCase>
        rowKey="id"
        loading={loading}
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
          { title: '对象', dataIndex: 'targetType', render: (t: ReviewCase['targetType']) => TARGET[t] },
          {
            title: '内容',
            render: (_, c) =>
              c.targetType === 'photo' && c.target.photoUrl ? (
                <img src={c.target.photoUrl} alt="待审核照片" style={{ maxWidth: 120, maxHeight: 90 }} />
              ) : (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 360 }}>
                  {c.target.summary ?? '（已不存在）'}
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
                  onConfirm={() => void resolve(c, 'restore')}
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
      {cursor && (
        <Button onClick={() => void load(cursor)} loading={loading}>
          加载更多
        </Button>
      )}
      <Modal
        title={removing ? `${REMOVE_LABEL[removing.targetType]}：填写原因` : ''}
        open={removing !== null}
        okText="确认"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: saving }}
        onOk={() => removing && void resolve(removing, 'remove', reason.trim())}
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
