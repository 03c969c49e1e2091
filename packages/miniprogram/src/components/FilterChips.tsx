import { Text, View } from '@tarojs/components';
import type { Catalog } from '../api/types';
import { filterChips, removeFilter, type FeedFilters } from '../lib/feedFilters';
import './FilterChips.css';

interface Props {
  catalog: Catalog | null;
  value: FeedFilters;
  onChange: (next: FeedFilters) => void;
}

/** The filters in force, each a chip whose × takes it away; 清空 takes them all (the sort stays). */
export function FilterChips({ catalog, value, onChange }: Props) {
  const chips = filterChips(value, catalog);
  if (chips.length === 0) return null;
  return (
    <View className="filter-chips" data-testid="filter-chips">
      {chips.map((c) => (
        <View
          key={c.key}
          className="filter-chip"
          data-testid={`chip-${c.key}`}
          onClick={() => onChange(removeFilter(value, c.key))}
        >
          <Text>{c.label}</Text>
          <Text className="filter-chip-x">×</Text>
        </View>
      ))}
      {chips.length > 1 && (
        <Text
          className="filter-chips-clear"
          onClick={() => onChange(chips.reduce((f, c) => removeFilter(f, c.key), value))}
        >
          清空
        </Text>
      )}
    </View>
  );
}
