import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { paged } from '../api/feeds';
import type { Trade } from '../api/trade-types';
import { useUserRatings } from '../api/trades';
import { formatDate } from '../lib/labels';
import { ratingShown, SCORE_LABEL } from '../lib/trade-labels';
import { RatingItem } from './RatingItem';
import './Trades.css';

/**
 * The two ratings of a completed trade: mine (with whether it is public yet) and, once published, the
 * other side's about me, which I may answer once. Theirs is found among my published ratings.
 */
export function TradeRatings({ trade, myId }: { trade: Trade; myId: string | null }) {
  const received = paged(useUserRatings(myId ?? ''));
  const theirs = received.items.find((r) => r.tradeId === trade.id && r.ratee.id === myId);
  const mine = trade.myRating;
  const [now] = useState(() => Date.now());
  const shown = mine !== null && ratingShown(mine, now);

  return (
    <View className="section" data-testid="trade-ratings">
      <View className="section-title">评价</View>
      {mine ? (
        <View className="rating" data-testid="my-rating">
          <View className="rating-head">
            <Text>
              我的评价 <Text className={`badge badge-${mine.score}`}>{SCORE_LABEL[mine.score]}</Text>
            </Text>
            <Text className="muted" data-testid="my-rating-state">
              {shown ? `${formatDate(mine.publishedAt)} 已公开` : '等待对方评价'}
            </Text>
          </View>
          {mine.text && <Text className="rating-text">{mine.text}</Text>}
          {!shown && (
            <Text className="muted">
              对方也评价后双方的评价同时公开，最晚 {formatDate(mine.publishedAt)} 公开，公开后不能修改。
            </Text>
          )}
          {mine.reply && <View className="rating-reply">对方回复：{mine.reply.text}</View>}
        </View>
      ) : (
        !trade.canRate && <View className="muted">这笔交易已不能评价</View>
      )}
      {received.error && (
        <View className="error-text" onClick={received.retry}>
          {received.error}（点击重试）
        </View>
      )}
      {theirs ? (
        <RatingItem rating={theirs} myId={myId} />
      ) : (
        !received.loading &&
        !received.error && (
          <View className="muted trade-card-line" data-testid="their-rating-pending">
            对方的评价公开后会显示在这里
          </View>
        )
      )}
    </View>
  );
}
