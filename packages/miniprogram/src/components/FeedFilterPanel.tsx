import { Text, View } from '@tarojs/components';
import type { Catalog } from '../api/types';
import { KIND_OPTIONS, PRICE_BANDS, TRADE_METHODS, type FeedFilters } from '../lib/feedFilters';
import { TRADE_METHOD_LABEL } from '../lib/labels';
import './SearchFilterBar.css';

interface Props {
  catalog: Catalog | null;
  value: FeedFilters;
  onChange: (next: FeedFilters) => void;
}

interface Option<T> {
  value: T;
  label: string;
}

function ChoiceRow<T>({
  label,
  options,
  value,
  onPick,
  testId,
}: {
  label: string;
  options: Option<T>[];
  value: T | null;
  onPick: (v: T | null) => void;
  testId: string;
}) {
  return (
    <>
      <Text className="sfb-label">{label}</Text>
      <View className="sfb-row sfb-wrap" data-testid={testId}>
        <Text className={`sfb-chip ${value === null ? 'sfb-chip-on' : ''}`} onClick={() => onPick(null)}>
          不限
        </Text>
        {options.map((o) => (
          <Text
            key={o.label}
            className={`sfb-chip ${value === o.value ? 'sfb-chip-on' : ''}`}
            onClick={() => onPick(o.value)}
          >
            {o.label}
          </Text>
        ))}
      </View>
    </>
  );
}

/** 分类's filters beyond the category tree: kind, condition, price band, trade method and campus area. */
export function FeedFilterPanel({ catalog, value, onChange }: Props) {
  const set = (patch: Partial<FeedFilters>) => onChange({ ...value, ...patch });
  const band = PRICE_BANDS.findIndex((b) => b.min === value.minPrice && b.max === value.maxPrice);
  const areas = catalog?.campus.areas ?? [];
  return (
    <View className="sfb-panel feed-filter-panel" data-testid="feed-filter-panel">
      <ChoiceRow
        label="类型"
        testId="filter-kind"
        options={KIND_OPTIONS}
        value={value.kind}
        onPick={(kind) => set({ kind })}
      />
      <ChoiceRow
        label="成色"
        testId="filter-condition"
        options={catalog?.conditions ?? []}
        value={value.condition}
        onPick={(condition) => set({ condition })}
      />
      <ChoiceRow
        label="价格"
        testId="filter-price"
        options={PRICE_BANDS.map((b, i) => ({ value: i, label: b.label }))}
        value={band >= 0 ? band : null}
        onPick={(i) =>
          set({ minPrice: i === null ? null : PRICE_BANDS[i]!.min, maxPrice: i === null ? null : PRICE_BANDS[i]!.max })
        }
      />
      <ChoiceRow
        label="交易方式"
        testId="filter-trade"
        options={TRADE_METHODS.map((m) => ({ value: m, label: TRADE_METHOD_LABEL[m] }))}
        value={value.tradeMethod}
        onPick={(tradeMethod) => set({ tradeMethod })}
      />
      {areas.length > 0 && (
        <ChoiceRow
          label="交易地点"
          testId="filter-area"
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
          value={value.areaId}
          onPick={(areaId) => set({ areaId })}
        />
      )}
    </View>
  );
}
