import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/client';
import type { ListingKind, ListingSort, ListingSummary, RecommendationPage } from '../../api/types';
import { ListingCard } from '../../components/ListingCard';
import { CategoryPicker } from '../../components/CategoryPicker';
import { useCatalog } from '../../hooks/useCatalog';
import { PageFooter } from '../../components/PageFooter';
import './index.css';

/** 推荐 is the recommendations feed (/v1/recommendations); the other tabs browse the campus feed by kind. */
type Tab = ListingKind | null | 'recommended';

const KIND_TABS: { value: Tab; label: string }[] = [
  { value: 'recommended', label: '推荐' },
  { value: null, label: '全部' },
  { value: 'item', label: '闲置' },
  { value: 'book', label: '书籍' },
  { value: 'wanted', label: '求购' },
];

const SORTS: { value: ListingSort; label: string }[] = [
  { value: 'newest', label: '最新' },
  { value: 'price_asc', label: '价格↑' },
  { value: 'price_desc', label: '价格↓' },
];

interface Filters {
  kind: Tab;
  categoryId: string | null;
  sort: ListingSort;
}

export default function Home() {
  const { catalog, error: catalogError } = useCatalog();
  const [filters, setFilters] = useState<Filters>({ kind: 'recommended', categoryId: null, sort: 'newest' });
  const [mode, setMode] = useState<'personal' | 'popular' | null>(null);
  const [items, setItems] = useState<ListingSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each filter change starts a new generation; late pages of an older one are dropped.
  const generation = useRef(0);
  const busy = useRef(false);

  const load = useCallback(
    async (reset: boolean) => {
      if (busy.current && !reset) return;
      const gen = reset ? ++generation.current : generation.current;
      busy.current = true;
      setLoading(true);
      setError(null);
      try {
        const after = reset ? undefined : (cursor ?? undefined);
        const page =
          filters.kind === 'recommended'
            ? await api.recommendations(after)
            : await api.listings({
                kind: filters.kind ?? undefined,
                categoryId: filters.categoryId ?? undefined,
                sort: filters.sort,
                cursor: after,
              });
        if (gen !== generation.current) return;
        setMode(filters.kind === 'recommended' && 'mode' in page ? (page as RecommendationPage).mode : null);
        setItems((prev) => (reset ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor);
        setDone(page.nextCursor === null);
      } catch (e) {
        if (gen === generation.current) setError(errorMessage(e));
      } finally {
        if (gen === generation.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    [filters, cursor],
  );

  useEffect(() => {
    void load(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);

  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    if (!done && !loading) void load(false);
  });

  const open = (id: string) => Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });
  const left = items.filter((_, i) => i % 2 === 0);
  const right = items.filter((_, i) => i % 2 === 1);

  return (
    <View className="page home">
      <View
        className="home-search"
        data-testid="home-search"
        onClick={() => Taro.navigateTo({ url: '/pages/search/index' })}
      >
        <Text className="home-search-text">🔍 搜索闲置、书籍、求购</Text>
      </View>
      <View className="home-header">
        <Text className="home-campus">{catalog?.campus.name ?? '校园'} · 闲置</Text>
        <Text className="muted">让闲置流动起来</Text>
      </View>

      <View className="kind-tabs">
        {KIND_TABS.map((t) => (
          <View
            key={t.label}
            className={`kind-tab ${filters.kind === t.value ? 'kind-tab-active' : ''}`}
            onClick={() => setFilters((f) => ({ ...f, kind: t.value }))}
          >
            {t.label}
          </View>
        ))}
      </View>

      {filters.kind === 'recommended' ? (
        <View className="filter-bar" data-testid="recommend-hint">
          <Text className="muted">{mode === 'personal' ? '根据你的浏览和收藏推荐' : '同学们都在看'}</Text>
        </View>
      ) : (
        <View className="filter-bar">
          <View className="filter-category">
            {catalog ? (
              <CategoryPicker
                categories={catalog.categories}
                value={filters.categoryId}
                allowAll
                placeholder="全部分类"
                onChange={(id) => setFilters((f) => ({ ...f, categoryId: id }))}
              />
            ) : (
              <Text className="muted">{catalogError ? '分类加载失败' : '分类加载中…'}</Text>
            )}
          </View>
          <View className="sorts">
            {SORTS.map((s) => (
              <Text
                key={s.value}
                className={`sort ${filters.sort === s.value ? 'sort-active' : ''}`}
                onClick={() => setFilters((f) => ({ ...f, sort: s.value }))}
              >
                {s.label}
              </Text>
            ))}
          </View>
        </View>
      )}

      {error && (
        <View className="banner-error" onClick={() => void load(items.length === 0)}>
          {error}（点击重试）
        </View>
      )}

      <View className="grid">
        <View className="grid-col">
          {left.map((l) => (
            <ListingCard key={l.id} listing={l} onOpen={open} />
          ))}
        </View>
        <View className="grid-col">
          {right.map((l) => (
            <ListingCard key={l.id} listing={l} onOpen={open} />
          ))}
        </View>
      </View>

      {!loading && !error && items.length === 0 && <View className="empty">这里还空空的，去发布第一件闲置吧</View>}
      <PageFooter
        loading={loading}
        done={done}
        count={items.length}
        loadingText="加载中…"
        onMore={() => void load(false)}
      />
    </View>
  );
}
