import { Input, Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { paged, useSearch } from '../../api/feeds';
import type { SaveSearchBody } from '../../api/saved-searches';
import { useCampus } from '../../api/queries';
import { NO_FILTERS, narrows, SearchFilterBar, type SearchFilters } from '../../components/SearchFilterBar';
import { SearchResult } from '../../components/SearchResult';
import { SaveSearchButton } from '../../components/SaveSearchButton';
import { CampusGate } from '../../components/CampusChoice';
import { ShareButton } from '../../components/ShareButton';
import { areaName, useCatalog } from '../../hooks/useCatalog';
import { clearRecentSearches, loadRecentSearches, rememberSearch } from '../../lib/recentSearches';
import { useShare } from '../../lib/share';
import { PageFooter } from '../../components/PageFooter';
import './index.css';

/** Wait this long after the last keystroke before asking for suggestions. */
export const SUGGEST_DELAY_MS = 250;
const MAX_QUERY = 50;

/** The value once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** What 保存此搜索 keeps: the text and the filters that narrow (the order is only how results are shown). */
function savedSearchOf(q: string, f: SearchFilters): SaveSearchBody {
  return {
    q,
    ...(f.kind !== null && { kind: f.kind }),
    ...(f.categoryId !== null && { categoryId: f.categoryId }),
    ...(f.condition !== null && { condition: f.condition }),
    ...(f.areaId !== null && { areaId: f.areaId }),
    ...(f.minPrice !== null && { minPrice: f.minPrice }),
    ...(f.maxPrice !== null && { maxPrice: f.maxPrice }),
    ...(f.tradeMethod !== null && { tradeMethod: f.tradeMethod }),
  };
}

export default function SearchPage() {
  const { params } = useRouter();
  const initial = (params.q ?? '').trim();
  const campus = useCampus();
  const { campusId } = campus;
  const { catalog } = useCatalog();
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState<string | null>(initial || null);
  const [recent, setRecent] = useState<string[]>(loadRecentSearches);
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);

  const typed = text.trim();
  const typing = typed !== '' && typed !== query;
  const settled = useSettled(typed, SUGGEST_DELAY_MS);

  // Hot searches are a nicety: without them (or while they load) the page still works.
  const hot =
    useQuery({
      queryKey: ['hot-searches', campusId],
      queryFn: () => api.hotSearches(campusId!),
      enabled: campusId !== null,
    }).data?.terms ?? [];
  // Suggestions once the typing pauses; an answer for text the user has since changed is not shown.
  const suggest = useQuery({
    queryKey: ['suggest', campusId, settled],
    queryFn: () => api.suggest(campusId!, settled),
    enabled: campusId !== null && typing && settled === typed,
  });
  const suggestions = typing && settled === typed ? (suggest.data?.suggestions ?? []) : [];

  const search = useSearch(
    campusId,
    query === null
      ? null
      : {
          q: query,
          kind: filters.kind ?? undefined,
          categoryId: filters.categoryId ?? undefined,
          condition: filters.condition ?? undefined,
          areaId: filters.areaId ?? undefined,
          minPrice: filters.minPrice ?? undefined,
          maxPrice: filters.maxPrice ?? undefined,
          tradeMethod: filters.tradeMethod ?? undefined,
          sort: filters.sort,
        },
  );
  const results = paged(search);
  const share = {
    title: query ? `在闲置搜「${query}」` : '闲置 · 搜搜同学们的二手',
    path: query ? `/pages/search/index?q=${encodeURIComponent(query)}` : '/pages/search/index',
  };
  useShare(share);

  useReachBottom(() => {
    if (query !== null) results.more();
  });

  const submit = (q: string) => {
    const t = q.trim().slice(0, MAX_QUERY);
    if (!t) return;
    setText(t);
    setRecent(rememberSearch(t));
    if (t === query) void search.refetch();
    else setQuery(t);
  };

  const clearText = () => {
    setText('');
    setQuery(null);
  };

  const open = (id: string) => Taro.navigateTo({ url: `/pages/detail/index?id=${encodeURIComponent(id)}` });

  return (
    <View className="page search">
      <View className="search-top">
        <View className="search-box">
          <Text className="search-icon">🔍</Text>
          <Input
            className="search-input"
            data-testid="search-input"
            value={text}
            focus={!initial}
            confirmType="search"
            maxlength={MAX_QUERY}
            placeholder="搜索闲置、书籍、求购（支持拼音）"
            onInput={(e) => setText(e.detail.value)}
            onConfirm={(e) => submit(e.detail.value)}
          />
          {text !== '' && (
            <Text className="search-clear" data-testid="search-clear" onClick={clearText}>
              ×
            </Text>
          )}
        </View>
        <Text className="search-go" onClick={() => submit(text)}>
          搜索
        </Text>
      </View>

      {typing && (
        <View className="suggestions" data-testid="suggestions">
          <View className="suggestion suggestion-query" onClick={() => submit(typed)}>
            <Text>搜索“{typed}”</Text>
          </View>
          {suggestions
            .filter((s) => s !== typed)
            .map((s) => (
              <View key={s} className="suggestion" onClick={() => submit(s)}>
                <Text>{s}</Text>
              </View>
            ))}
        </View>
      )}

      {!typing && query === null && (
        <View className="search-landing">
          {recent.length > 0 && (
            <View className="search-section" data-testid="recent-searches">
              <View className="search-section-head">
                <Text className="search-section-title">最近搜索</Text>
                <Text
                  className="muted"
                  onClick={() => {
                    clearRecentSearches();
                    setRecent([]);
                  }}
                >
                  清空
                </Text>
              </View>
              <View className="chips">
                {recent.map((r) => (
                  <Text key={r} className="chip" onClick={() => submit(r)}>
                    {r}
                  </Text>
                ))}
              </View>
            </View>
          )}
          {hot.length > 0 && (
            <View className="search-section" data-testid="hot-searches">
              <Text className="search-section-title">校园热搜</Text>
              <View className="chips">
                {hot.map((h, i) => (
                  <Text key={h} className={`chip ${i < 3 ? 'chip-hot' : ''}`} onClick={() => submit(h)}>
                    {h}
                  </Text>
                ))}
              </View>
            </View>
          )}
          {recent.length === 0 && hot.length === 0 && <View className="empty">输入关键词，找找同学们的闲置</View>}
        </View>
      )}

      {!typing && query !== null && (
        <CampusGate campus={campus}>
          <View className="search-results">
            <View className="search-share">
              <Text className="muted">“{query}”的搜索结果</Text>
              <View className="search-actions">
                <SaveSearchButton search={savedSearchOf(query, filters)} />
                <ShareButton content={share} />
              </View>
            </View>
            <SearchFilterBar catalog={catalog} value={filters} onChange={setFilters} />
            {results.error && (
              <View className="banner-error" onClick={results.retry}>
                {results.error}（点击重试）
              </View>
            )}
            {results.items.map((h) => (
              <SearchResult key={h.listing.id} hit={h} areaName={areaName(catalog, h.listing.areaId)} onOpen={open} />
            ))}
            {!results.loading && !results.error && results.items.length === 0 && (
              <View className="search-empty" data-testid="search-empty">
                <Text className="search-empty-title">没有找到与“{query}”相关的闲置</Text>
                <Text className="muted">· 试试拼音或首字母，例如 zixingche、zxc</Text>
                <Text className="muted">· 换个更短、更常见的词，例如“台灯”而不是“宿舍护眼LED台灯”</Text>
                {narrows(filters) ? (
                  <Text
                    className="search-empty-action"
                    onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}
                  >
                    清除筛选条件再试
                  </Text>
                ) : (
                  <Text className="muted">· 也可以发一条求购，让卖家来找你</Text>
                )}
              </View>
            )}
            <PageFooter
              loading={results.loading}
              done={results.done}
              count={results.items.length}
              loadingText="搜索中…"
              onMore={results.more}
            />
          </View>
        </CampusGate>
      )}
    </View>
  );
}
