import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/client';
import { ListingCard } from './ListingCard';
import './SimilarListings.css';

/** 相似推荐 under a listing: six at first, more on request (cursor-paged, never a repeat). */
export function SimilarListings({ listingId }: { listingId: string }) {
  // Keyed by listing: moving to another listing never mixes in answers for the previous one.
  const similar = useInfiniteQuery({
    queryKey: ['listing', listingId, 'similar'],
    queryFn: ({ pageParam }) => api.similar(listingId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = similar.data?.pages.flatMap((p) => p.items) ?? [];
  const loading = similar.isPending || similar.isFetchingNextPage;

  // Nothing similar: the section stays out of the way.
  if (!loading && !similar.error && items.length === 0) return null;

  const open = (id: string) => Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });
  return (
    <View className="section similar" data-testid="similar-listings">
      <Text className="similar-title">相似推荐</Text>
      {similar.error && (
        <View
          className="banner-error"
          onClick={() => void (similar.data ? similar.fetchNextPage() : similar.refetch())}
        >
          {errorMessage(similar.error)}（点击重试）
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
      {!loading && similar.hasNextPage && (
        <View className="similar-more" data-testid="similar-more" onClick={() => void similar.fetchNextPage()}>
          查看更多
        </View>
      )}
    </View>
  );
}
