import type { ListingKind, ListingStatus } from '../api/types';

export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '面议';
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const KIND_LABEL: Record<ListingKind, string> = { item: '闲置物品', book: '闲置书籍', wanted: '求购' };

export const STATUS_META: Record<ListingStatus, { label: string; color: string }> = {
  active: { label: '在售', color: 'green' },
  reserved: { label: '已预订', color: 'orange' },
  sold: { label: '已售出', color: 'default' },
  withdrawn: { label: '已下架', color: 'default' },
  removed: { label: '已移除', color: 'red' },
  expired: { label: '已过期', color: 'default' },
  hidden: { label: '已隐藏', color: 'volcano' },
};

export const statusLabel = (s: string) => STATUS_META[s as ListingStatus]?.label ?? s;
export const kindLabel = (k: string) => KIND_LABEL[k as ListingKind] ?? k;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
