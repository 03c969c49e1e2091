import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { paged, useSimilar } from '../api/feeds';
import { ListingCard } from './ListingCard';
import './SimilarListings.css';

/** 相似推荐 under a listing: six at first, more on request (cursor-paged, never a repeat). */
export function SimilarListings({ listingId }: { listingId: string }) {
  // Keyed by listing: moving to another listing shows its own list, never the previous one's.
  const list = paged(useSimilar(listingId));
  const { items, loading, error } = list;

  // Nothing similar: the section stays out of the way.
  if (!loading && !error && items.length === 0) return null;

  const open = (id: string) => Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });
  return (
    <View className="section similar" data-testid="similar-listings">
      <Text className="similar-title">相似推荐</Text>
      {error && (
        <View className="banner-error" onClick={list.retry}>
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
      {!loading && !list.done && (
        <View className="similar-more" data-testid="similar-more" onClick={list.more}>
          查看更多
        </View>
      )}
    </View>
  );
}
