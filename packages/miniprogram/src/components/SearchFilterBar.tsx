import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Catalog, Condition, ListingKind, SearchSort, TradeMethod } from '../api/types';
import { TRADE_METHODS } from '../lib/feedFilters';
import { TRADE_METHOD_LABEL } from '../lib/labels';
import { CategoryPicker } from './CategoryPicker';
import './SearchFilterBar.css';

export interface SearchFilters {
  kind: ListingKind | null;
  categoryId: string | null;
  condition: Condition | null;
  areaId: string | null;
  /** Fen, as the API takes them. */
  minPrice: number | null;
  maxPrice: number | null;
  tradeMethod: TradeMethod | null;
  sort: SearchSort;
}

export const NO_FILTERS: SearchFilters = {
  kind: null,
  categoryId: null,
  condition: null,
  areaId: null,
  minPrice: null,
  maxPrice: null,
  tradeMethod: null,
  sort: 'relevance',
};

/** Whether anything narrows the results (the sort does not). */
export function narrows(f: SearchFilters): boolean {
  return (
    f.kind !== null ||
    f.categoryId !== null ||
    f.condition !== null ||
    f.areaId !== null ||
    f.minPrice !== null ||
    f.maxPrice !== null ||
    f.tradeMethod !== null
  );
}

const KINDS: { value: ListingKind | null; label: string }[] = [
  { value: null, label: '全部' },
  { value: 'item', label: '闲置' },
  { value: 'book', label: '书籍' },
  { value: 'wanted', label: '求购' },
];

const SORTS: { value: SearchSort; label: string }[] = [
  { value: 'relevance', label: '综合' },
  { value: 'newest', label: '最新' },
  { value: 'price_asc', label: '价格↑' },
  { value: 'price_desc', label: '价格↓' },
];

/** Yuan as typed ("12", "12.5") to fen; empty is no bound; anything else is refused. */
export function yuanToFen(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return 'invalid';
  return Math.round(Number(t) * 100);
}

const fenToYuan = (fen: number | null) => (fen === null ? '' : String(fen / 100));

interface Props {
  catalog: Catalog | null;
  value: SearchFilters;
  onChange: (next: SearchFilters) => void;
}

/** The feed's filters and sort, for search results: kinds and sorts always shown, the rest behind 筛选. */
export function SearchFilterBar({ catalog, value, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [minText, setMinText] = useState(fenToYuan(value.minPrice));
  const [maxText, setMaxText] = useState(fenToYuan(value.maxPrice));
  const [priceError, setPriceError] = useState<string | null>(null);
  const set = (patch: Partial<SearchFilters>) => onChange({ ...value, ...patch });

  const applyPrice = () => {
    const min = yuanToFen(minText);
    const max = yuanToFen(maxText);
    if (min === 'invalid' || max === 'invalid') return setPriceError('价格请填写数字，最多两位小数');
    if (min !== null && max !== null && min > max) return setPriceError('最低价不能高于最高价');
    setPriceError(null);
    set({ minPrice: min, maxPrice: max });
    setOpen(false);
  };

  const reset = () => {
    setMinText('');
    setMaxText('');
    setPriceError(null);
    onChange({ ...NO_FILTERS, sort: value.sort });
  };

  return (
    <View className="sfb">
      <View className="sfb-row">
        {KINDS.map((k) => (
          <Text
            key={k.label}
            className={`sfb-chip ${value.kind === k.value ? 'sfb-chip-on' : ''}`}
            onClick={() => set({ kind: k.value })}
          >
            {k.label}
          </Text>
        ))}
        <Text className={`sfb-toggle ${narrows(value) ? 'sfb-chip-on' : ''}`} onClick={() => setOpen((o) => !o)}>
          筛选{open ? '▲' : '▼'}
        </Text>
      </View>
      <View className="sfb-row sfb-sorts">
        {SORTS.map((s) => (
          <Text
            key={s.value}
            className={`sfb-sort ${value.sort === s.value ? 'sfb-sort-on' : ''}`}
            onClick={() => set({ sort: s.value })}
          >
            {s.label}
          </Text>
        ))}
      </View>
      {open && (
        <View className="sfb-panel" data-testid="filter-panel">
          <Text className="sfb-label">分类</Text>
          {catalog ? (
            <CategoryPicker
              categories={catalog.categories}
              value={value.categoryId}
              allowAll
              placeholder="全部分类"
              onChange={(id) => set({ categoryId: id })}
            />
          ) : (
            <Text className="muted">分类加载中…</Text>
          )}
          <Text className="sfb-label">成色</Text>
          <View className="sfb-row sfb-wrap">
            <Text
              className={`sfb-chip ${value.condition === null ? 'sfb-chip-on' : ''}`}
              onClick={() => set({ condition: null })}
            >
              不限
            </Text>
            {(catalog?.conditions ?? []).map((c) => (
              <Text
                key={c.value}
                className={`sfb-chip ${value.condition === c.value ? 'sfb-chip-on' : ''}`}
                onClick={() => set({ condition: c.value })}
              >
                {c.label}
              </Text>
            ))}
          </View>
          <Text className="sfb-label">交易方式</Text>
          <View className="sfb-row sfb-wrap">
            <Text
              className={`sfb-chip ${value.tradeMethod === null ? 'sfb-chip-on' : ''}`}
              onClick={() => set({ tradeMethod: null })}
            >
              不限
            </Text>
            {TRADE_METHODS.map((m) => (
              <Text
                key={m}
                className={`sfb-chip ${value.tradeMethod === m ? 'sfb-chip-on' : ''}`}
                onClick={() => set({ tradeMethod: m })}
              >
                {TRADE_METHOD_LABEL[m]}
              </Text>
            ))}
          </View>
          {(catalog?.campus.areas.length ?? 0) > 0 && (
            <>
              <Text className="sfb-label">交易地点</Text>
              <View className="sfb-row sfb-wrap">
                <Text
                  className={`sfb-chip ${value.areaId === null ? 'sfb-chip-on' : ''}`}
                  onClick={() => set({ areaId: null })}
                >
                  不限
                </Text>
                {catalog!.campus.areas.map((a) => (
                  <Text
                    key={a.id}
                    className={`sfb-chip ${value.areaId === a.id ? 'sfb-chip-on' : ''}`}
                    onClick={() => set({ areaId: a.id })}
                  >
                    {a.name}
                  </Text>
                ))}
              </View>
            </>
          )}
          <Text className="sfb-label">价格（元）</Text>
          <View className="sfb-row">
            <Input
              className="sfb-price"
              type="digit"
              placeholder="最低价"
              value={minText}
              data-testid="min-price"
              onInput={(e) => setMinText(e.detail.value)}
            />
            <Text className="muted">—</Text>
            <Input
              className="sfb-price"
              type="digit"
              placeholder="最高价"
              value={maxText}
              data-testid="max-price"
              onInput={(e) => setMaxText(e.detail.value)}
            />
          </View>
          {priceError && <Text className="field-error">{priceError}</Text>}
          <View className="sfb-row sfb-actions">
            <Text className="sfb-reset" onClick={reset}>
              重置
            </Text>
            <Text className="sfb-apply" onClick={applyPrice}>
              确定
            </Text>
          </View>
        </View>
      )}
    </View>
  );
}
