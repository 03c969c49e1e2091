import { Picker, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { CatalogCategory } from '../api/types';

interface Props {
  categories: CatalogCategory[];
  /** Selected category id: a second-level id, or a first-level id for "all of this group". */
  value: string | null;
  /** Filters offer "全部"; the publish form needs a concrete category. */
  allowAll?: boolean;
  placeholder?: string;
  onChange: (id: string | null) => void;
}

interface Located {
  parent: number;
  child: number;
}

/** Where an id sits in the two columns (column indexes include the optional "全部" rows). */
function locate(categories: CatalogCategory[], id: string | null, allowAll: boolean): Located {
  const offset = allowAll ? 1 : 0;
  if (!id) return { parent: 0, child: 0 };
  for (let p = 0; p < categories.length; p++) {
    const cat = categories[p]!;
    if (cat.id === id) return { parent: p + offset, child: 0 };
    const c = cat.children.findIndex((ch) => ch.id === id);
    if (c >= 0) return { parent: p + offset, child: c + (allowAll ? 1 : 0) };
  }
  return { parent: 0, child: 0 };
}

export function categoryLabel(categories: CatalogCategory[], id: string | null): string {
  if (!id) return '';
  for (const cat of categories) {
    if (cat.id === id) return cat.name;
    const ch = cat.children.find((c) => c.id === id);
    if (ch) return `${cat.name} / ${ch.name}`;
  }
  return '';
}

export function CategoryPicker({ categories, value, allowAll = false, placeholder = '选择分类', onChange }: Props) {
  const selected = locate(categories, value, allowAll);
  const [pendingParent, setPendingParent] = useState<number | null>(null);
  const parentIndex = pendingParent ?? selected.parent;

  const columns = useMemo(() => {
    const parents = categories.map((c) => c.name);
    const parentCat = categories[parentIndex - (allowAll ? 1 : 0)];
    const children = parentCat ? parentCat.children.map((c) => c.name) : [];
    if (allowAll) return [['全部分类', ...parents], parentCat ? ['全部', ...children] : ['全部']];
    return [parents, children.length ? children : [parentCat?.name ?? '']];
  }, [categories, parentIndex, allowAll]);

  const resolve = (p: number, c: number): string | null => {
    const parent = categories[p - (allowAll ? 1 : 0)];
    if (!parent) return null;
    if (allowAll) return c === 0 ? parent.id : (parent.children[c - 1]?.id ?? parent.id);
    return parent.children[c]?.id ?? parent.id;
  };

  const label = categoryLabel(categories, value);
  return (
    <Picker
      mode="multiSelector"
      range={columns}
      value={[parentIndex, pendingParent === null ? selected.child : 0]}
      onColumnChange={(e) => {
        if (e.detail.column === 0) setPendingParent(e.detail.value);
      }}
      onCancel={() => setPendingParent(null)}
      onChange={(e) => {
        const [p = 0, c = 0] = e.detail.value;
        setPendingParent(null);
        onChange(resolve(p, c));
      }}
    >
      <View className="picker-field">
        <Text className={label ? '' : 'muted'}>{label || placeholder}</Text>
        <Text className="muted"> ▾</Text>
      </View>
    </Picker>
  );
}
