import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Empty, Input, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { api } from '../api/client';
import type { AdminStats, BlockedTerm } from '../api/types';

interface Props {
  campusId: string;
  hot: AdminStats['hotSearches'];
  /** Called after the block list changed, so the hot list can be fetched again. */
  onChanged: () => void;
}

/**
 * The campus's hot searches and their block list: a blocked term hides every hot term containing it.
 * Each change is audited by the API.
 */
export function HotSearches({ campusId, hot, onChanged }: Props) {
  const [blocked, setBlocked] = useState<BlockedTerm[] | null>(null);
  const [term, setTerm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    api.blockedTerms(campusId).then(
      (r) => setBlocked(r.items),
      (e: unknown) => setError((e as Error).message),
    );
  }, [campusId]);

  useEffect(reload, [reload]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      reload();
      onChanged();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const block = (t: string) => run(() => api.blockTerm({ campusId, term: t }));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
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
                onConfirm={() => block(h.term)}
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
      <Space wrap data-testid="blocked-terms">
        {blocked === null ? (
          <Typography.Text type="secondary">加载中…</Typography.Text>
        ) : blocked.length === 0 ? (
          <Typography.Text type="secondary">暂无屏蔽词</Typography.Text>
        ) : (
          blocked.map((b) => (
            <Tag
              key={b.id}
              closable
              closeIcon={<span aria-label={`解除屏蔽 ${b.term}`}>×</span>}
              onClose={(e) => {
                e.preventDefault();
                void run(() => api.unblockTerm(b.id));
              }}
            >
              {b.term}
            </Tag>
          ))
        )}
      </Space>
      <Space.Compact style={{ maxWidth: 360 }}>
        <Input
          placeholder="输入要屏蔽的词，如：代写"
          value={term}
          maxLength={20}
          onChange={(e) => setTerm(e.target.value)}
          onPressEnter={() => void (term.trim() && block(term).then((ok) => ok && setTerm('')))}
        />
        <Button
          type="primary"
          disabled={!term.trim()}
          loading={busy}
          onClick={() => void block(term).then((ok) => ok && setTerm(''))}
        >
          屏蔽
        </Button>
      </Space.Compact>
      {error && <Alert type="error" showIcon title={error} />}
    </Space>
  );
}
