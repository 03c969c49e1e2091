import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/client';
import type { ListingSummary } from '../api/types';
import { ListingCard } from './ListingCard';
import './SimilarListings.css';

/** 相似推荐 under a listing: six at first, more on request (cursor-paged, never a repeat). */
export function SimilarListings({ listingId }: { listingId: string }) {
  const [items, setItems] = useState<ListingSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Moving to another listing drops answers still on their way for the previous one.
  const current = useRef(listingId);

  const load = useCallback(
    async (after?: string) => {
      const forId = listingId;
      setLoading(true);
      setError(null);
      try {
        const page = await api.similar(forId, after);
        if (current.current !== forId) return;
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (current.current === forId) setError(errorMessage(e));
      } finally {
        if (current.current === forId) setLoading(false);
      }
    },
    [listingId],
  );

  useEffect(() => {
    current.current = listingId;
    setItems([]);
    setCursor(null);
    void load();
  }, [listingId, load]);

  // Nothing similar: the section stays out of the way.
  if (!loading && !error && items.length === 0) return null;

  const open = (id: string) => Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });
  return (
    <View className="section similar" data-testid="similar-listings">
      <Text className="similar-title">相似推荐</Text>
      {error && (
        <View className="banner-error" onClick={() => void load(cursor ?? undefined)}>
          {error}（点击重试）
        </View>
      )}
      <View className="similar-grid">
        {items.map((l) => (
          <View key={l.id} className="similar-cell">
            <ListingCard listing={l} onOpen={open} />
          </View>
        ))}
      </View>
      {loading && <View className="empty">加载中…</View>}
      {!loading && cursor && (
        <View className="similar-more" data-testid="similar-more" onClick={() => void load(cursor)}>
          查看更多
        </View>
      )}
    </View>
  );
}
