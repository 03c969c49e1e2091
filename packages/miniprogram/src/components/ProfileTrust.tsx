import { Text, View } from '@tarojs/components';
import type { PagedList } from '../api/feeds';
import type { Rating, Trust } from '../api/trade-types';
import { goodShareText } from '../lib/trade-labels';
import { PageFooter } from './PageFooter';
import { RatingItem } from './RatingItem';
import './Trades.css';

/** 交易信用: completed trades on each side and the share of 好评. */
export function TrustSummary({ trust }: { trust: Trust }) {
  return (
    <View className="section trust" data-testid="trust">
      <Figure value={String(trust.completedAsSeller)} label="卖出" />
      <Figure value={String(trust.completedAsBuyer)} label="买入" />
      <Figure value={goodShareText(trust)} label="好评率" testId="good-share" />
      <Figure value={String(trust.ratingCount)} label="评价" />
    </View>
  );
}

function Figure({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <View className="trust-figure">
      <Text className="trust-value" data-testid={testId}>
        {value}
      </Text>
      <Text className="muted">{label}</Text>
    </View>
  );
}

/** The ratings a student received, newest first, with their replies; loading, empty, error and more. */
export function RatingList({ list, myId }: { list: PagedList<Rating>; myId: string | null }) {
  return (
    <View data-testid="ratings">
      {list.error && (
        <View className="banner-error" data-testid="ratings-error" onClick={list.retry}>
          {list.error}（点击重试）
        </View>
      )}
      {list.items.length > 0 && (
        <View className="section">
          {list.items.map((r) => (
            <RatingItem key={r.id} rating={r} myId={myId} />
          ))}
        </View>
      )}
      {!list.loading && !list.error && list.items.length === 0 && (
        <View className="empty" data-testid="ratings-empty">
          还没有公开的评价
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
