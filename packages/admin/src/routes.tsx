import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  MailOutlined,
  MessageOutlined,
  NotificationOutlined,
  PictureOutlined,
  SafetyOutlined,
  ShoppingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { RouteKey } from './lib/useHashRoute';

interface PageRoute {
  readonly key: RouteKey;
  readonly label: string;
  readonly icon: ReactNode;
  /** Each page is its own chunk, fetched the first time it is opened. */
  readonly Page: LazyExoticComponent<ComponentType>;
}

export const PAGES: readonly PageRoute[] = [
  {
    key: 'dashboard',
    label: '概览',
    icon: <DashboardOutlined />,
    Page: lazy(() => import('./pages/dashboard/Dashboard').then((m) => ({ default: m.Dashboard }))),
  },
  // Next to 概览, which holds the hot searches and their blocked terms: the other search word list.
  {
    key: 'synonyms',
    label: '同义词',
    icon: <SwapOutlined />,
    Page: lazy(() => import('./pages/Synonyms').then((m) => ({ default: m.Synonyms }))),
  },
  {
    key: 'listings',
    label: '商品',
    icon: <ShoppingOutlined />,
    Page: lazy(() => import('./pages/listings/Listings').then((m) => ({ default: m.Listings }))),
  },
  {
    key: 'users',
    label: '用户',
    icon: <TeamOutlined />,
    Page: lazy(() => import('./pages/users/Users').then((m) => ({ default: m.Users }))),
  },
  {
    key: 'categories',
    label: '分类',
    icon: <ApartmentOutlined />,
    Page: lazy(() => import('./pages/Categories').then((m) => ({ default: m.Categories }))),
  },
  {
    key: 'banners',
    label: '轮播图',
    icon: <PictureOutlined />,
    Page: lazy(() => import('./pages/banners/Banners').then((m) => ({ default: m.Banners }))),
  },
  {
    key: 'notices',
    label: '公告',
    icon: <NotificationOutlined />,
    Page: lazy(() => import('./pages/notices/Notices').then((m) => ({ default: m.Notices }))),
  },
  {
    key: 'feedback',
    label: '意见反馈',
    icon: <MessageOutlined />,
    Page: lazy(() => import('./pages/Feedback').then((m) => ({ default: m.Feedback }))),
  },
  {
    key: 'moderation',
    label: '举报与审核',
    icon: <SafetyOutlined />,
    Page: lazy(() => import('./pages/Moderation').then((m) => ({ default: m.Moderation }))),
  },
  {
    key: 'dead-letters',
    label: '死信',
    icon: <MailOutlined />,
    Page: lazy(() => import('./pages/DeadLetters').then((m) => ({ default: m.DeadLetters }))),
  },
  {
    key: 'audit-log',
    label: '操作日志',
    icon: <AuditOutlined />,
    Page: lazy(() => import('./pages/AuditLog').then((m) => ({ default: m.AuditLog }))),
  },
];
