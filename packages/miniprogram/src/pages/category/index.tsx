import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { paged, useListingFeed } from '../../api/feeds';
import { useCampus } from '../../api/queries';
import type { ListingSort } from '../../api/types';
import { CampusGate } from '../../components/CampusChoice';
import { FeedFilterPanel } from '../../components/FeedFilterPanel';
import { FilterChips } from '../../components/FilterChips';
import { ListingGrid } from '../../components/ListingGrid';
import { useCatalog } from '../../hooks/useCatalog';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { feedQuery, filterChips, locateCategory, NO_FEED_FILTERS, type FeedFilters } from '../../lib/feedFilters';
import { takeCategoryIntent } from '../../lib/navigation';
import './index.css';

const SORTS: { value: ListingSort; label: string }[] = [
  { value: 'newest', label: '最新' },
  { value: 'price_asc', label: '价格↑' },
  { value: 'price_desc', label: '价格↓' },
];

/** 分类: the two-level category tree, every filter of the campus feed, and the results as they narrow. */
export default function CategoryPage() {
  const campus = useCampus();
  const { catalog, error: catalogError, reload } = useCatalog();
  const initialCategory = useRouter().params.categoryId ?? null;
  const [filters, setFilters] = useState<FeedFilters>(() => ({ ...NO_FEED_FILTERS, categoryId: initialCategory }));
  const [panelOpen, setPanelOpen] = useState(false);
  const feed = useListingFeed(campus.campusId, feedQuery(filters));
  const list = paged(feed);

  useUnreadBadge();
  // 首页's category grid and banners open this tab on a category (a tab page takes no query).
  useDidShow(() => {
    const intent = takeCategoryIntent();
    if (intent !== undefined) setFilters((f) => ({ ...f, categoryId: intent }));
  });
  useReachBottom(list.more);
  usePullDownRefresh(() => void feed.refetch().finally(() => Taro.stopPullDownRefresh()));

  const at = locateCategory(catalog, filters.categoryId);
  const parent = catalog?.categories.find((c) => c.id === at?.parentId) ?? null;
  const set = (patch: Partial<FeedFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const narrowing = filterChips(filters, catalog).filter((c) => c.key !== 'category').length;

  return (
    <View className="page category">
      <CampusGate campus={campus}>
        {catalog ? (
          <ScrollView scrollX className="cat-parents" data-testid="cat-parents">
            <Text
              className={`cat-parent ${filters.categoryId === null ? 'cat-parent-on' : ''}`}
              onClick={() => set({ categoryId: null })}
            >
              全部
            </Text>
            {catalog.categories.map((c) => (
              <Text
                key={c.id}
                className={`cat-parent ${parent?.id === c.id ? 'cat-parent-on' : ''}`}
                data-testid="cat-parent"
                onClick={() => set({ categoryId: c.id })}
              >
                {c.name}
              </Text>
            ))}
          </ScrollView>
        ) : (
          <View className="banner-error cat-wait" onClick={reload}>
            {catalogError ? `${catalogError}（点击重试）` : '分类加载中…'}
          </View>
        )}
        {parent && parent.children.length > 0 && (
          <View className="cat-children" data-testid="cat-children">
            <Text
              className={`cat-child ${filters.categoryId === parent.id ? 'cat-child-on' : ''}`}
              onClick={() => set({ categoryId: parent.id })}
            >
              全部{parent.name}
            </Text>
            {parent.children.map((ch) => (
              <Text
                key={ch.id}
                className={`cat-child ${filters.categoryId === ch.id ? 'cat-child-on' : ''}`}
                data-testid="cat-child"
                onClick={() => set({ categoryId: ch.id })}
              >
                {ch.name}
              </Text>
            ))}
          </View>
        )}

        <View className="cat-bar">
          {SORTS.map((s) => (
            <Text
              key={s.value}
              className={`sort ${filters.sort === s.value ? 'sort-active' : ''}`}
              onClick={() => set({ sort: s.value })}
            >
              {s.label}
            </Text>
          ))}
          <Text
            className={`cat-toggle ${narrowing > 0 ? 'sort-active' : ''}`}
            data-testid="filter-toggle"
            onClick={() => setPanelOpen((o) => !o)}
          >
            筛选{narrowing > 0 ? `(${narrowing})` : ''}
            {panelOpen ? '▲' : '▼'}
          </Text>
        </View>
        {panelOpen && <FeedFilterPanel catalog={catalog} value={filters} onChange={setFilters} />}
        <FilterChips catalog={catalog} value={filters} onChange={setFilters} />

        <ListingGrid
          list={list}
          empty={
            filterChips(filters, catalog).length > 0 ? '没有符合这些条件的闲置，去掉几个筛选试试' : '这个学校还没有闲置'
          }
        />
      </CampusGate>
    </View>
  );
}
