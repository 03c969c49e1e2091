import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PagedList } from '../api/feeds';
import type { ListingSummary } from '../api/types';
import { ListingCard } from './ListingCard';
import { PageFooter } from './PageFooter';
import './ListingGrid.css';

export const openListing = (id: string) =>
  void Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });

interface Props {
  list: PagedList<ListingSummary>;
  /** What an empty list means here, in a sentence. */
  empty: string;
  onOpen?: (id: string) => void;
}

/** A cursor-paged list of listings in two columns, with its loading, empty, error and end states. */
export function ListingGrid({ list, empty, onOpen = openListing }: Props) {
  const left = list.items.filter((_, i) => i % 2 === 0);
  const right = list.items.filter((_, i) => i % 2 === 1);
  return (
    <View className="listing-grid">
      {list.error && (
        <View className="banner-error" data-testid="list-error" onClick={list.retry}>
          {list.error}（点击重试）
        </View>
      )}
      <View className="grid">
        <View className="grid-col">
          {left.map((l) => (
            <ListingCard key={l.id} listing={l} onOpen={onOpen} />
          ))}
        </View>
        <View className="grid-col">
          {right.map((l) => (
            <ListingCard key={l.id} listing={l} onOpen={onOpen} />
          ))}
        </View>
      </View>
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className="empty" data-testid="list-empty">
          <Text>{empty}</Text>
        </View>
      )}
      <PageFooter
        loading={list.loading}
        done={list.done}
        count={list.items.length}
        loadingText="加载中…"
        onMore={list.more}
      />
    </View>
  );
}
