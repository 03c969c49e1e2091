import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Form, Select, TreeSelect } from 'antd';
import { api } from '../../api/endpoints';
import { keys } from '../../api/query';
import type { BannerTarget } from '../../api/types';

export type TargetKind = BannerTarget['kind'];

export const TARGET_KIND: Record<TargetKind, string> = {
  none: '不跳转',
  listing: '商品',
  category: '分类',
  notice: '公告',
  page: '小程序页面',
};

/** Pages a banner may open (the API keeps the same allow-list and refuses any other). */
export const PAGE_OPTIONS = [
  { value: 'pages/about/index', label: '关于我们' },
  { value: 'pages/rules/index', label: '社区规范' },
  { value: 'pages/feedback/index', label: '意见反馈' },
  { value: 'pages/notice/index', label: '公告' },
  { value: 'pages/search/index', label: '搜索' },
  { value: 'pages/category/index', label: '分类' },
  { value: 'pages/profile/index', label: '个人主页' },
  { value: 'pages/home/index', label: '首页' },
];

export function describeTarget(t: BannerTarget): string {
  switch (t.kind) {
    case 'none':
      return TARGET_KIND.none;
    case 'listing':
      return `商品 ${t.listingId}`;
    case 'category':
      return `分类 ${t.categoryId}`;
    case 'notice':
      return `公告 ${t.noticeId}`;
    case 'page':
      return PAGE_OPTIONS.find((p) => p.value === t.path)?.label ?? t.path;
  }
}

function ListingSelect({
  campusId,
  value,
  onChange,
}: {
  campusId: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: [...keys.listings, campusId, { q, status: 'active' }, 'picker'],
    queryFn: () => api.listings(campusId, { q: q || undefined, status: 'active' }),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      aria-label="目标商品"
      placeholder="输入标题搜索在售商品"
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      notFoundContent={found.isError ? found.error.message : '没有找到在售商品'}
      options={(found.data?.items ?? []).map((l) => ({ value: l.id, label: l.title }))}
    />
  );
}

/** The fields under 跳转 that the chosen kind of target needs. */
export function TargetFields({ campusId, kind }: { campusId: string; kind: TargetKind | undefined }) {
  const categories = useQuery({
    queryKey: keys.categories(campusId),
    queryFn: () => api.categories(campusId),
    enabled: kind === 'category',
  });
  const notices = useQuery({
    queryKey: keys.notices(campusId),
    queryFn: () => api.notices(campusId),
    enabled: kind === 'notice',
  });
  const required = [{ required: true, message: '请选择跳转目标' }];
  if (kind === 'listing')
    return (
      <Form.Item name="listingId" label="目标商品" rules={required}>
        <ListingSelect campusId={campusId} />
      </Form.Item>
    );
  if (kind === 'category')
    return (
      <Form.Item name="categoryId" label="目标分类" rules={required}>
        <TreeSelect
          aria-label="目标分类"
          loading={categories.isPending}
          treeDefaultExpandAll
          treeData={(categories.data?.items ?? []).map((c) => ({
            value: c.id,
            title: c.name,
            children: c.children.map((ch) => ({ value: ch.id, title: ch.name })),
          }))}
        />
      </Form.Item>
    );
  if (kind === 'notice')
    return (
      <Form.Item name="noticeId" label="目标公告" rules={required}>
        <Select
          aria-label="目标公告"
          loading={notices.isPending}
          options={(notices.data?.items ?? []).map((n) => ({ value: n.id, label: n.title }))}
        />
      </Form.Item>
    );
  if (kind === 'page')
    return (
      <Form.Item name="path" label="目标页面" rules={required}>
        <Select aria-label="目标页面" options={PAGE_OPTIONS} />
      </Form.Item>
    );
  return null;
}
