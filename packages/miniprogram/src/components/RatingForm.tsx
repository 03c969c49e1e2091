import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import type { RatingScore, Trade } from '../api/trade-types';
import { RATING_TEXT_MAX, tradesApi } from '../api/trades';
import { SCORE_LABEL, SCORES } from '../lib/trade-labels';
import './TradeSheet.css';

interface Props {
  trade: Trade;
  /** The other side, named in the title. */
  otherName: string;
  onRated: () => Promise<unknown>;
}

/**
 * 评价 after a completed trade: 好评 / 中评 / 差评 and an optional text, once. It stays hidden until the other
 * side has rated too (or 14 days have passed), so neither answer depends on the other.
 */
export function RatingForm({ trade, otherName, onRated }: Props) {
  const [score, setScore] = useState<RatingScore | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (sending) return;
    if (!score) {
      setError('请选择好评、中评或差评');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await tradesApi.rate(trade.id, score, text.trim() || undefined);
      void Taro.showToast({ title: '评价已提交', icon: 'none' });
      await onRated();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="section" data-testid="rating-form">
      <View className="section-title">评价 {otherName}</View>
      <View className="trade-scores">
        {SCORES.map((s) => (
          <Text
            key={s}
            className={`trade-score ${score === s ? 'trade-score-on' : ''}`}
            data-testid={`score-${s}`}
            onClick={() => setScore(s)}
          >
            {SCORE_LABEL[s]}
          </Text>
        ))}
      </View>
      <Input
        className="trade-text"
        data-testid="rating-input"
        value={text}
        maxlength={RATING_TEXT_MAX}
        placeholder="说说这次交易（选填）"
        onInput={(e) => setText(e.detail.value)}
      />
      <View className="muted trade-offline">双方都评价后（或 14 天后）才会公开，公开后不能修改。</View>
      {error && <View className="error-text">{error}</View>}
      <View className="trade-actions">
        <Button
          className="btn-primary"
          size="mini"
          data-testid="rating-submit"
          disabled={sending}
          onClick={() => void submit()}
        >
          提交评价
        </Button>
      </View>
    </View>
  );
}
