import type { Catalog, ListingSummary } from '../src/api/types';

export function aListing(over: Partial<ListingSummary> = {}): ListingSummary {
  return {
    id: 'L1',
    kind: 'item',
    title: '台灯',
    price: 2000,
    originalPrice: null,
    status: 'active',
    category: { id: 'c-lamp', name: '台灯', parentId: 'c-home', parentName: '生活用品' },
    condition: 'lightly_used',
    areaId: 'a-north',
    coverPhotoUrl: null,
    listedAt: '2026-11-20T08:00:00.000Z',
    viewCount: 3,
    favoriteCount: 0,
    commentCount: 0,
    wantCount: 0,
    seller: { id: 'u-alice', nickname: 'alice', avatarUrl: null },
    ...over,
  };
}

export const catalog: Catalog = {
  campus: {
    id: 'demo',
    name: '示例大学',
    areas: [
      { id: 'a-north', name: '北区宿舍' },
      { id: 'a-lib', name: '图书馆' },
    ],
  },
  categories: [
    {
      id: 'c-books',
      code: 'books',
      name: '书籍教材',
      children: [
        { id: 'c-textbook', code: 'textbooks', name: '教材' },
        { id: 'c-novel', code: 'novels', name: '小说' },
      ],
    },
    { id: 'c-home', code: 'home', name: '生活用品', children: [{ id: 'c-lamp', code: 'lamps', name: '台灯' }] },
  ],
  conditions: [
    { value: 'new', label: '全新' },
    { value: 'like_new', label: '几乎全新' },
    { value: 'lightly_used', label: '轻微使用痕迹' },
    { value: 'heavily_used', label: '明显使用痕迹' },
  ],
  tradeMethods: [
    { value: 'face_to_face', label: '当面交易' },
    { value: 'delivery', label: '送货上门' },
    { value: 'express', label: '快递' },
  ],
  kinds: [
    { value: 'item', label: '闲置物品' },
    { value: 'book', label: '闲置书籍' },
    { value: 'wanted', label: '求购' },
  ],
};
