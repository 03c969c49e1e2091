import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Rating } from '../api/trade-types';
import { RATING_TEXT_MAX, tradeKeys, tradesApi } from '../api/trades';
import { formatDate } from '../lib/labels';
import { SCORE_LABEL } from '../lib/trade-labels';
import { ReportSheet } from './ReportSheet';
import { TextSheet } from './TextSheet';
import './Trades.css';

interface Props {
  rating: Rating;
  /** The signed-in student: the rated person may reply once; anyone else (but its author) may report it. */
  myId: string | null;
}

/** One published rating: score, text, who gave it for which trade, and the rated person's one reply. */
export function RatingItem({ rating, myId }: Props) {
  const client = useQueryClient();
  const [replying, setReplying] = useState(false);
  const [reporting, setReporting] = useState(false);
  const mineToAnswer = myId !== null && rating.ratee.id === myId;
  // Lists hold shown ratings only, so the rated student may answer any of theirs without a reply yet.
  const canReply = mineToAnswer && rating.reply === null;
  const canReport = myId !== null && rating.rater.id !== myId;
  const role = rating.rateeRole === 'seller' ? '买家' : '卖家';

  return (
    <View className="rating" data-testid="rating">
      <View className="rating-head">
        <Text>
          <Text className={`badge badge-${rating.score}`} data-testid="rating-score">
            {SCORE_LABEL[rating.score]}
          </Text>{' '}
          <Text className="muted">
            {role} {rating.rater.nickname}
          </Text>
        </Text>
        <Text className="muted">{formatDate(rating.publishedAt)}</Text>
      </View>
      <Text className="rating-text" data-testid="rating-text">
        {rating.text ?? '（没有写评价内容）'}
      </Text>
      <Text className="muted">「{rating.listingTitle}」</Text>
      {rating.reply && (
        <View className="rating-reply" data-testid="rating-reply">
          {rating.ratee.nickname} 回复：{rating.reply.text}
        </View>
      )}
      {(canReply || canReport) && (
        <View className="rating-actions">
          {canReply && (
            <Text className="rating-action" data-testid="rating-reply-btn" onClick={() => setReplying(true)}>
              回复
            </Text>
          )}
          {canReport && (
            <Text className="rating-action" data-testid="rating-report" onClick={() => setReporting(true)}>
              举报
            </Text>
          )}
        </View>
      )}
      {replying && (
        <TextSheet
          title="回复这条评价（只能回复一次）"
          placeholder="说说你的看法"
          maxLength={RATING_TEXT_MAX}
          submitLabel="发布回复"
          emptyMessage="请写下回复"
          testId="reply-sheet"
          onSubmit={async (text) => {
            await tradesApi.replyToRating(rating.id, text);
            void Taro.showToast({ title: '已回复', icon: 'none' });
            await client.invalidateQueries({ queryKey: tradeKeys.ratings(rating.ratee.id) });
          }}
          onClose={() => setReplying(false)}
        />
      )}
      {reporting && <ReportSheet targetType="rating" targetId={rating.id} onClose={() => setReporting(false)} />}
    </View>
  );
}
