import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/client';
import { listingKeys } from '../api/listing-queries';
import { profileApi } from '../api/profile';
import type { ListingStatus, ListingSummary } from '../api/types';
import { STATUS_LABEL } from '../lib/labels';
import { formatFen } from '../lib/money';
import { ListingCard } from './ListingCard';

const STATUS_FILTERS: { value: ListingStatus | null; label: string }[] = [
  { value: null, label: '全部' },
  { value: 'active', label: '在售' },
  { value: 'reserved', label: '已预订' },
  { value: 'sold', label: '已售出' },
  { value: 'withdrawn', label: '已下架' },
  { value: 'expired', label: '已过期' },
];

type Tab = 'listings' | 'favorites';

export interface ListingAction {
  label: string;
  run: (id: string) => Promise<unknown>;
  confirm?: string;
  /** What the toast says once it worked. */
  done: string;
}

/** What the seller may do next from each state (the API's lifecycle); the server has the final word. */
export function actionsFor(status: ListingStatus): ListingAction[] {
  const reserve = { label: '预订', run: (id: string) => api.setStatus(id, 'reserved'), done: '已标记为预订' };
  const unreserve = { label: '取消预订', run: (id: string) => api.setStatus(id, 'active'), done: '已恢复在售' };
  const sold = {
    label: '已售出',
    run: (id: string) => api.setStatus(id, 'sold'),
    confirm: '标记为已售出后不能再改回在售，确定吗？',
    done: '已标记为售出',
  };
  const renew = { label: '擦亮', run: (id: string) => api.renew(id), done: '已擦亮，有效期已延长' };
  const withdraw = {
    label: '下架',
    run: (id: string) => api.withdraw(id),
    confirm: '下架后其他同学将看不到这件商品，确定吗？',
    done: '已下架',
  };
  const relist = { label: '重新上架', run: (id: string) => profileApi.relist(id), done: '已重新上架' };
  switch (status) {
    case 'active':
      return [reserve, sold, renew, withdraw];
    case 'reserved':
      return [unreserve, sold, withdraw];
    case 'expired':
      return [renew, withdraw];
    case 'withdrawn':
      return [relist];
    default:
      return [];
  }
}

// The lifecycle edits live and expired listings only (a withdrawn one is relisted first).
const EDITABLE: ListingStatus[] = ['active', 'reserved', 'expired'];

/** 我发布的 (every state, with the actions each allows) and 我的收藏, cursor-paged. */
export function MyListings() {
  const client = useQueryClient();
  const [tab, setTab] = useState<Tab>('listings');
  const [status, setStatus] = useState<ListingStatus | null>(null);
  const list = useInfiniteQuery({
    queryKey: tab === 'listings' ? [...listingKeys.mine, status] : listingKeys.favorites,
    queryFn: ({ pageParam }) =>
      tab === 'listings' ? api.myListings(status ?? undefined, pageParam) : api.myFavorites(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const act = useMutation({
    mutationFn: ({ action, id }: { action: ListingAction; id: string }) => action.run(id),
    onSuccess: (_res, { action, id }) => {
      void Taro.showToast({ title: action.done, icon: 'none' });
      void client.invalidateQueries({ queryKey: listingKeys.mine });
      void client.invalidateQueries({ queryKey: listingKeys.detail(id) });
    },
    onError: (e, { action }) =>
      void Taro.showModal({ title: `${action.label}失败`, content: errorMessage(e), showCancel: false }),
  });

  const run = async (action: ListingAction, l: ListingSummary) => {
    if (action.confirm) {
      const r = await Taro.showModal({ title: action.label, content: action.confirm });
      if (!r.confirm) return;
    }
    act.mutate({ action, id: l.id });
  };

  const open = (id: string) => void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <View data-testid="my-listings">
      <View className="me-tabs">
        <View className={`me-tab ${tab === 'listings' ? 'me-tab-active' : ''}`} onClick={() => setTab('listings')}>
          我发布的
        </View>
        <View className={`me-tab ${tab === 'favorites' ? 'me-tab-active' : ''}`} onClick={() => setTab('favorites')}>
          我的收藏
        </View>
      </View>

      {tab === 'listings' && (
        <View className="chips me-status">
          {STATUS_FILTERS.map((s) => (
            <View
              key={s.label}
              className={`chip ${status === s.value ? 'chip-active' : ''}`}
              onClick={() => setStatus(s.value)}
            >
              {s.label}
            </View>
          ))}
        </View>
      )}

      {list.error && (
        <View className="banner-error" onClick={() => void list.refetch()}>
          {errorMessage(list.error)}（点击重试）
        </View>
      )}

      {tab === 'listings' ? (
        <View className="me-list">
          {items.map((l) => (
            <View key={l.id} className="section me-row" data-testid="my-listing">
              <View className="me-row-main" onClick={() => open(l.id)}>
                <Text className="me-row-title">{l.title}</Text>
                <View className="me-row-meta">
                  <Text className="price">{formatFen(l.price)}</Text>
                  <Text className={`badge badge-${l.status}`}>{STATUS_LABEL[l.status]}</Text>
                  <Text className="muted">
                    {l.viewCount} 浏览 · {l.favoriteCount} 收藏 · {l.commentCount} 留言
                    {l.wantCount > 0 ? ` · ${l.wantCount} 想要` : ''}
                  </Text>
                </View>
              </View>
              <View className="me-actions">
                {EDITABLE.includes(l.status) && (
                  <Button
                    className="btn-plain me-action"
                    size="mini"
                    onClick={() => void Taro.navigateTo({ url: `/pages/edit/index?id=${encodeURIComponent(l.id)}` })}
                  >
                    编辑
                  </Button>
                )}
                {actionsFor(l.status).map((a) => (
                  <Button
                    key={a.label}
                    className="btn-plain me-action"
                    size="mini"
                    disabled={act.isPending}
                    onClick={() => void run(a, l)}
                  >
                    {a.label}
                  </Button>
                ))}
              </View>
            </View>
          ))}
        </View>
      ) : (
        <View className="grid me-favs">
          {items.map((l) => (
            <View key={l.id} className="me-fav">
              <ListingCard listing={l} onOpen={open} />
            </View>
          ))}
        </View>
      )}

      {list.isPending && <View className="empty">加载中…</View>}
      {list.isSuccess && items.length === 0 && (
        <View className="empty">{tab === 'listings' ? '还没有发布过商品' : '还没有收藏'}</View>
      )}
      {list.hasNextPage && (
        <View className="empty" onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? '加载中…' : '加载更多'}
        </View>
      )}
    </View>
  );
}
