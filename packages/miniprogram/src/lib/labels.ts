import type { Condition, ListingKind, ListingStatus, TradeMethod } from '../api/types';

// Fallback labels for when the catalog has not loaded yet; the catalog's own labels win.
export const KIND_LABEL: Record<ListingKind, string> = {
  item: '闲置物品',
  book: '闲置书籍',
  wanted: '求购',
};

export const CONDITION_LABEL: Record<Condition, string> = {
  new: '全新',
  like_new: '几乎全新',
  lightly_used: '轻微使用痕迹',
  heavily_used: '明显使用痕迹',
};

export const TRADE_METHOD_LABEL: Record<TradeMethod, string> = {
  face_to_face: '当面交易',
  delivery: '送货上门',
  express: '快递',
};

export const STATUS_LABEL: Record<ListingStatus, string> = {
  active: '在售',
  reserved: '已预订',
  sold: '已售出',
  withdrawn: '已下架',
  removed: '已移除',
  expired: '已过期',
  hidden: '审核中',
};

export function conditionLabel(c: string | null | undefined): string {
  if (!c) return '';
  return CONDITION_LABEL[c as Condition] ?? c;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
