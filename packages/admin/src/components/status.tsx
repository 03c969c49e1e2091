import { Alert, Button, Space, Tag, Typography } from 'antd';
import type { ScheduleState } from '../api/types';

/** A failed load, in the API's words, with a way to try again. */
export function LoadError({ title, error, retry }: { title: string; error: Error; retry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={error.message}
      style={{ marginBottom: 16 }}
      action={retry && <Button onClick={retry}>重试</Button>}
    />
  );
}

/** The foot of a cursor-paged list: 加载更多 while there is a next page, else how many rows there are. */
export function LoadMore({
  count,
  hasNextPage,
  loading,
  onLoad,
}: {
  count: number;
  hasNextPage: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  return (
    <Space style={{ width: '100%', justifyContent: 'center', marginTop: 16 }}>
      {hasNextPage ? (
        <Button onClick={onLoad} loading={loading}>
          加载更多
        </Button>
      ) : (
        count > 0 && <Typography.Text type="secondary">已全部加载（{count} 条）</Typography.Text>
      )}
    </Space>
  );
}

const SCHEDULE: Record<ScheduleState, { label: string; color: string }> = {
  scheduled: { label: '待上线', color: 'blue' },
  live: { label: '展示中', color: 'green' },
  ended: { label: '已结束', color: 'default' },
};

export function ScheduleTag({ state }: { state: ScheduleState }) {
  const s = SCHEDULE[state];
  return <Tag color={s.color}>{s.label}</Tag>;
}
