import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { paged, type Page } from '../api/feeds';
import { useSignedIn } from '../api/queries';
import type { TradeRole } from '../api/trade-types';
import { OFFLINE_PAYMENT } from '../lib/trade-labels';
import { PageFooter } from './PageFooter';
import { TradeTabs } from './TradeTabs';

export interface TradeListPageProps<S extends string, T> {
  readonly roleLabels: Record<TradeRole, string>;
  readonly statuses: readonly { value: S | null; label: string }[];
  /** The page's list for one side and state (a hook: called once per render of the list). */
  readonly useList: (role: TradeRole, status: S | null) => UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  readonly testId: string;
  readonly empty: (role: TradeRole, status: S | null) => string;
  readonly row: (item: T, role: TradeRole) => ReactNode;
}

/**
 * 我的出价 and 我的交易: one list per side (buyer or seller, `?role=seller` opens the seller's), filtered by state,
 * with loading, empty and error states, paging at the bottom and refresh on show and on pull-down.
 */
export function TradeListPage<S extends string, T>(props: TradeListPageProps<S, T>) {
  const signedIn = useSignedIn();
  const initial = useRouter().params.role === 'seller' ? 'seller' : 'buyer';
  const [role, setRole] = useState<TradeRole>(initial);
  const [status, setStatus] = useState<S | null>(null);
  if (!signedIn) return <View className="page empty">请先在「我的」页登录</View>;
  return (
    <View className="page trade-list-page">
      <TradeTabs
        role={role}
        roleLabels={props.roleLabels}
        onRole={setRole}
        status={status}
        statuses={props.statuses}
        onStatus={setStatus}
      />
      <TradeList {...props} role={role} status={status} />
      <View className="trade-offline-line">{OFFLINE_PAYMENT}</View>
    </View>
  );
}

function TradeList<S extends string, T>({
  useList,
  testId,
  empty,
  row,
  role,
  status,
}: TradeListPageProps<S, T> & { role: TradeRole; status: S | null }) {
  const query = useList(role, status);
  const list = paged(query);
  useReachBottom(list.more);
  useDidShow(() => void query.refetch());
  usePullDownRefresh(() => void query.refetch().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View data-testid={testId}>
      {list.error && (
        <View className="banner-error" data-testid="list-error" onClick={list.retry}>
          {list.error}（点击重试）
        </View>
      )}
      {list.items.map((item) => row(item, role))}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className="empty" data-testid="list-empty">
          {empty(role, status)}
        </View>
      )}
      <PageFooter
        loading={list.loading}
        done={list.done}
        count={list.items.length}
        loadingText="加载中…"
        onMore={list.more}
      />
    </View>
  );
}
