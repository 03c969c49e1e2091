import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Input, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { AdminStats } from '../../api/types';
import { LoadError } from '../../components/status';
import { useAction } from '../../lib/useAction';

interface Props {
  campusId: string;
  hot: AdminStats['hotSearches'];
}

/**
 * The campus's hot searches and their block list: a blocked term hides every hot term containing it.
 * Each change is audited by the API; the statistics are fetched again after it.
 */
export function HotSearches({ campusId, hot }: Props) {
  const [term, setTerm] = useState('');
  const blocked = useQuery({ queryKey: keys.blockedTerms(campusId), queryFn: () => api.blockedTerms(campusId) });
  const changed = [keys.blockedTerms(campusId), keys.stats(campusId)];
  const block = useAction((t: string) => api.blockTerm(campusId, t), {
    success: (_, t) => `已屏蔽「${t}」`,
    failure: '屏蔽失败',
    invalidates: changed,
    onSuccess: () => setTerm(''),
  });
  const unblock = useAction((id: string) => api.unblockTerm(id), {
    success: '已解除屏蔽',
    failure: '解除失败',
    invalidates: changed,
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {hot.length === 0 ? (
        <Empty description="还没有足够多的同学搜索同一个词" />
      ) : (
        <Space wrap data-testid="hot-searches">
          {hot.map((h, i) => (
            <Space key={h.term} size={2}>
              <Tooltip title={`${h.searchers} 人次搜索（共 ${h.searches} 次）`}>
                <Tag color={i < 3 ? 'volcano' : undefined}>
                  {i + 1}. {h.term}
                </Tag>
              </Tooltip>
              <Popconfirm
                title={`屏蔽「${h.term}」？`}
                description="热搜中不再出现这个词及含有它的词"
                onConfirm={() => block.mutateAsync(h.term).catch(() => undefined)}
                okText="屏蔽"
                cancelText="取消"
              >
                <Button size="small" type="link" danger aria-label={`屏蔽 ${h.term}`}>
                  屏蔽
                </Button>
              </Popconfirm>
            </Space>
          ))}
        </Space>
      )}

      <Typography.Text strong>屏蔽词</Typography.Text>
      {blocked.isError && (
        <LoadError title="屏蔽词加载失败" error={blocked.error} retry={() => void blocked.refetch()} />
      )}
      <Space wrap data-testid="blocked-terms">
        {blocked.isPending ? (
          <Typography.Text type="secondary">加载中…</Typography.Text>
        ) : (blocked.data?.items.length ?? 0) === 0 ? (
          <Typography.Text type="secondary">暂无屏蔽词</Typography.Text>
        ) : (
          blocked.data?.items.map((b) => (
            <Tag
              key={b.id}
              closable
              closeIcon={<span aria-label={`解除屏蔽 ${b.term}`}>×</span>}
              onClose={(e) => {
                e.preventDefault();
                unblock.mutate(b.id);
              }}
            >
              {b.term}
            </Tag>
          ))
        )}
      </Space>
      <Space.Compact style={{ maxWidth: 360 }}>
        <Input
          aria-label="屏蔽词"
          placeholder="输入要屏蔽的词，如：代写"
          value={term}
          maxLength={20}
          onChange={(e) => setTerm(e.target.value)}
          onPressEnter={() => term.trim() && block.mutate(term.trim())}
        />
        <Button
          type="primary"
          disabled={!term.trim()}
          loading={block.isPending}
          onClick={() => block.mutate(term.trim())}
        >
          屏蔽
        </Button>
      </Space.Compact>
    </Space>
  );
}
