import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { paged, useListingFeed, useRecommendations } from '../../api/feeds';
import { keys, useCampus } from '../../api/queries';
import type { ListingKind, ListingSort } from '../../api/types';
import { CampusGate } from '../../components/CampusChoice';
import { BannerCarousel, CategoryGrid, NoticeBar } from '../../components/HomeSections';
import { ListingGrid } from '../../components/ListingGrid';
import { ShareButton } from '../../components/ShareButton';
import { useCatalog } from '../../hooks/useCatalog';
import { useUnreadBadge } from '../../hooks/useUnreadBadge';
import { useShare } from '../../lib/share';
import './index.css';

/** 推荐 is the recommendations feed (/v1/recommendations); the other tabs browse the campus feed by kind. */
type Tab = ListingKind | null | 'recommended';

const KIND_TABS: { value: Tab; label: string }[] = [
  { value: 'recommended', label: '推荐' },
  { value: null, label: '最新' },
  { value: 'item', label: '闲置' },
  { value: 'book', label: '书籍' },
  { value: 'wanted', label: '求购' },
];

const SORTS: { value: ListingSort; label: string }[] = [
  { value: 'newest', label: '最新' },
  { value: 'price_asc', label: '价格↑' },
  { value: 'price_desc', label: '价格↓' },
];

export default function Home() {
  const campus = useCampus();
  const { campusId } = campus;
  const { catalog, error: catalogError } = useCatalog();
  const [tab, setTab] = useState<Tab>('recommended');
  const [sort, setSort] = useState<ListingSort>('newest');
  const recommended = tab === 'recommended';
  const rec = useRecommendations(campusId, recommended);
  const feed = useListingFeed(campusId, { kind: recommended ? undefined : (tab ?? undefined), sort }, !recommended);
  const list = recommended ? paged(rec) : paged(feed);
  const mode = rec.data?.pages[0]?.mode ?? null;
  const queryClient = useQueryClient();
  const campusName = catalog?.campus.name ?? '校园';
  const share = { title: `${campusName}的闲置：同学们在转让什么`, path: '/pages/home/index' };

  useUnreadBadge();
  useShare(share);
  useReachBottom(list.more);
  usePullDownRefresh(() => {
    void Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.banners(campusId) }),
      queryClient.invalidateQueries({ queryKey: keys.notices(campusId) }),
      recommended ? rec.refetch() : feed.refetch(),
    ]).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className="page home">
      <View
        className="home-search"
        data-testid="home-search"
        onClick={() => void Taro.navigateTo({ url: '/pages/search/index' })}
      >
        <Text className="home-search-text">🔍 搜索闲置、书籍、求购</Text>
      </View>
      <CampusGate campus={campus}>
        <View className="home-header">
          <View className="home-header-main">
            <Text className="home-campus">{campusName} · 闲置</Text>
            {campus.source !== 'profile' && (
              <Text
                className="home-switch"
                data-testid="switch-campus"
                onClick={() => void Taro.navigateTo({ url: '/pages/campus/index' })}
              >
                切换学校
              </Text>
            )}
          </View>
          <ShareButton content={share} />
        </View>

        <BannerCarousel campusId={campusId} />
        <NoticeBar campusId={campusId} />
        <CategoryGrid categories={catalog?.categories ?? null} error={catalogError} />

        <View className="kind-tabs">
          {KIND_TABS.map((t) => (
            <View
              key={t.label}
              className={`kind-tab ${tab === t.value ? 'kind-tab-active' : ''}`}
              onClick={() => setTab(t.value)}
            >
              {t.label}
            </View>
          ))}
        </View>

        {recommended ? (
          <View className="filter-bar" data-testid="recommend-hint">
            <Text className="muted">{mode === 'personal' ? '根据你的浏览和收藏推荐' : '同学们都在看'}</Text>
          </View>
        ) : (
          <View className="filter-bar">
            <Text className="muted">更多筛选在「分类」</Text>
            <View className="sorts">
              {SORTS.map((s) => (
                <Text
                  key={s.value}
                  className={`sort ${sort === s.value ? 'sort-active' : ''}`}
                  onClick={() => setSort(s.value)}
                >
                  {s.label}
                </Text>
              ))}
            </View>
          </View>
        )}

        <ListingGrid list={list} empty="这里还空空的，去发布第一件闲置吧" />
      </CampusGate>
    </View>
  );
}
