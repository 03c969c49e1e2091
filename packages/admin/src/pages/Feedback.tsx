import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Avatar, Button, Card, Empty, Image, Input, Popconfirm, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { api } from '../api/endpoints';
import { keys } from '../api/query';
import type { AdminFeedback, FeedbackState } from '../api/types';
import { LoadError, LoadMore } from '../components/status';
import { formatDateTime } from '../lib/format';
import { useAction } from '../lib/useAction';
import { useSession } from '../session/context';

const STATES: { value: FeedbackState; label: string; color: string }[] = [
  { value: 'open', label: '待处理', color: 'orange' },
  { value: 'answered', label: '已回复', color: 'green' },
  { value: 'closed', label: '已关闭', color: 'default' },
];

function Item({ f }: { f: AdminFeedback }) {
  const [text, setText] = useState('');
  const reply = useAction((t: string) => api.replyFeedback(f.id, t), {
    success: '已回复，学生会在消息中看到',
    failure: '回复失败',
    invalidates: [keys.feedback],
    onSuccess: () => setText(''),
  });
  const close = useAction(() => api.closeFeedback(f.id), {
    success: '已关闭',
    failure: '关闭失败',
    invalidates: [keys.feedback],
  });
  const state = STATES.find((s) => s.value === f.state)!;
  return (
    <Card size="small" data-testid={`feedback-${f.id}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Avatar size="small" src={f.author.avatarUrl ?? undefined}>
            {f.author.nickname.slice(0, 1)}
          </Avatar>
          <Typography.Text strong>{f.author.nickname}</Typography.Text>
          <Tag color={state.color}>{state.label}</Tag>
          <Typography.Text type="secondary">{formatDateTime(f.createdAt)}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{f.text}</Typography.Paragraph>
        {f.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap>
              {f.photos.map((p) => (
                <Image key={p.id} src={p.url} width={80} height={80} style={{ objectFit: 'cover' }} alt="反馈照片" />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {f.replies.map((r) => (
          <div key={r.id} className="xz-reply">
            <Typography.Text type="secondary">管理员回复 · {formatDateTime(r.at)}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.text}</Typography.Paragraph>
          </div>
        ))}
        {f.state !== 'closed' && (
          <>
            <Input.TextArea
              aria-label="回复内容"
              rows={2}
              maxLength={1000}
              showCount
              value={text}
              placeholder="回复会出现在学生的消息中"
              onChange={(e) => setText(e.target.value)}
            />
            <Space>
              <Button
                type="primary"
                disabled={!text.trim()}
                loading={reply.isPending}
                onClick={() => reply.mutate(text.trim())}
              >
                回复
              </Button>
              <Popconfirm
                title="关闭这条反馈？"
                description="关闭后不能再回复"
                okText="关闭"
                cancelText="取消"
                onConfirm={() => close.mutateAsync().catch(() => undefined)}
              >
                <Button loading={close.isPending}>关闭</Button>
              </Popconfirm>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}

/** 意见反馈: what students wrote, by state; open ones oldest first, so none waits forever. */
export function Feedback() {
  const { campusId } = useSession();
  const [state, setState] = useState<FeedbackState>('open');
  const list = useInfiniteQuery({
    queryKey: [...keys.feedback, campusId, state],
    queryFn: ({ pageParam }) => api.feedback(campusId, state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented<FeedbackState>
        value={state}
        onChange={setState}
        options={STATES.map(({ value, label }) => ({ value, label }))}
      />
      {list.isError && <LoadError title="反馈加载失败" error={list.error} retry={() => void list.refetch()} />}
      {list.isPending ? (
        <Spin />
      ) : items.length === 0 && !list.isError ? (
        <Empty description={`没有${STATES.find((s) => s.value === state)!.label}的反馈`} />
      ) : (
        items.map((f) => <Item key={f.id} f={f} />)
      )}
      <LoadMore
        count={items.length}
        hasNextPage={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </Space>
  );
}
