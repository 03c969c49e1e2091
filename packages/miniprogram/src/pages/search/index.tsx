import { Input, Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { SearchHit } from '../../api/types';
import { NO_FILTERS, narrows, SearchFilterBar, type SearchFilters } from '../../components/SearchFilterBar';
import { SearchResult } from '../../components/SearchResult';
import { areaName, useCatalog } from '../../hooks/useCatalog';
import { clearRecentSearches, loadRecentSearches, rememberSearch } from '../../lib/recentSearches';
import { PageFooter } from '../../components/PageFooter';
import './index.css';

/** Wait this long after the last keystroke before asking for suggestions. */
export const SUGGEST_DELAY_MS = 250;
const MAX_QUERY = 50;

export default function SearchPage() {
  const { params } = useRouter();
  const initial = (params.q ?? '').trim();
  const { catalog } = useCatalog();
  const [text, setText] = useState(initial);
  const [query, setQuery] = useState<string | null>(initial || null);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [hot, setHot] = useState<string[]>([]);
  const [recent, setRecent] = useState<string[]>(loadRecentSearches);
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const busy = useRef(false);

  const typed = text.trim();
  const typing = typed !== '' && typed !== query;

  useEffect(() => {
    api.hotSearches().then(
      (r) => setHot(r.terms),
      () => setHot([]), // Hot searches are a nicety; the page works without them.
    );
  }, []);

  // Debounced suggestions; an answer for text the user has since changed is dropped.
  useEffect(() => {
    if (!typing) {
      setSuggestions([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.suggest(typed).then(
        (r) => current && setSuggestions(r.suggestions),
        () => current && setSuggestions([]),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed, typing]);

  const load = useCallback(
    async (reset: boolean) => {
      if (query === null || (busy.current && !reset)) return;
      const gen = reset ? ++generation.current : generation.current;
      busy.current = true;
      setLoading(true);
      setError(null);
      try {
        const page = await api.search({
          q: query,
          kind: filters.kind ?? undefined,
          categoryId: filters.categoryId ?? undefined,
          condition: filters.condition ?? undefined,
          areaId: filters.areaId ?? undefined,
          minPrice: filters.minPrice ?? undefined,
          maxPrice: filters.maxPrice ?? undefined,
          sort: filters.sort,
          cursor: reset ? undefined : (cursor ?? undefined),
        });
        if (gen !== generation.current) return;
        setHits((prev) => (reset ? page.items : [...prev, ...page.items]));
        setCursor(page.nextCursor);
        setDone(page.nextCursor === null);
      } catch (e) {
        if (gen === generation.current) {
          setError(errorMessage(e));
          if (reset) setHits([]);
        }
      } finally {
        if (gen === generation.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    [query, filters, cursor],
  );

  useEffect(() => {
    if (query !== null) void load(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, filters]);

  useReachBottom(() => {
    if (query !== null && !done && !loading) void load(false);
  });

  const submit = (q: string) => {
    const t = q.trim().slice(0, MAX_QUERY);
    if (!t) return;
    setText(t);
    setSuggestions([]);
    setRecent(rememberSearch(t));
    if (t === query) void load(true);
    else setQuery(t);
  };

  const clearText = () => {
    setText('');
    setQuery(null);
    setHits([]);
    setError(null);
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
        <View className="search-results">
          <SearchFilterBar catalog={catalog} value={filters} onChange={setFilters} />
          {error && (
            <View className="banner-error" onClick={() => void load(hits.length === 0)}>
              {error}（点击重试）
            </View>
          )}
          {hits.map((h) => (
            <SearchResult key={h.listing.id} hit={h} areaName={areaName(catalog, h.listing.areaId)} onOpen={open} />
          ))}
          {!loading && !error && hits.length === 0 && (
            <View className="search-empty" data-testid="search-empty">
              <Text className="search-empty-title">没有找到与“{query}”相关的闲置</Text>
              <Text className="muted">· 试试拼音或首字母，例如 zixingche、zxc</Text>
              <Text className="muted">· 换个更短、更常见的词，例如“台灯”而不是“宿舍护眼LED台灯”</Text>
              {narrows(filters) ? (
                <Text className="search-empty-action" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
                  清除筛选条件再试
                </Text>
              ) : (
                <Text className="muted">· 也可以发一条求购，让卖家来找你</Text>
              )}
            </View>
          )}
          <PageFooter
            loading={loading}
            done={done}
            count={hits.length}
            loadingText="搜索中…"
            onMore={() => void load(false)}
          />
        </View>
      )}
    </View>
  );
}
