import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { OFFER_NOTE_MAX } from '../api/trades';
import { formatFen, parseYuanToFen } from '../lib/money';
import { OFFLINE_PAYMENT } from '../lib/trade-labels';
import './TradeSheet.css';

interface Props {
  /** 出价 or 还价. */
  title: string;
  submitLabel: string;
  /** The listing's asking price, shown as a reference. */
  askingFen: number | null;
  /** A price to start from (a counter starts from the buyer's offer); empty otherwise. */
  hint?: string;
  /** What the price field holds when the sheet opens (yuan); empty by default. */
  initialPrice?: string;
  /** Whether the sheet asks for a note (offers and counters do); default true. */
  withNote?: boolean;
  /** A line under the title, e.g. who the price is agreed with. */
  subtitle?: string;
  onSubmit: (priceFen: number, note: string | undefined) => Promise<unknown>;
  onClose: () => void;
}

/**
 * A price in yuan (parsed digit by digit into integer fen, never through floating point) and an optional
 * note. The API has the last word (its refusal shows here, and the sheet stays open).
 */
export function PriceSheet({
  title,
  submitLabel,
  askingFen,
  hint,
  initialPrice = '',
  withNote = true,
  subtitle,
  onSubmit,
  onClose,
}: Props) {
  const [price, setPrice] = useState(initialPrice);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (sending) return;
    const parsed = parseYuanToFen(price);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    if (parsed.fen <= 0) {
      setError('价格要大于 0');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await onSubmit(parsed.fen, note.trim() || undefined);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="trade-mask" onClick={onClose}>
      <View className="trade-sheet" data-testid="price-sheet" onClick={(e) => e.stopPropagation()}>
        <View className="trade-sheet-title">{title}</View>
        {subtitle && <View className="trade-sheet-subtitle">{subtitle}</View>}
        <View className="muted">
          标价 {formatFen(askingFen)}
          {hint ? ` · ${hint}` : ''}
        </View>
        <View className="trade-price-row">
          <Text className="trade-yuan">¥</Text>
          <Input
            className="trade-price-input"
            data-testid="price-input"
            type="digit"
            value={price}
            placeholder="输入价格（元）"
            onInput={(e) => setPrice(e.detail.value)}
          />
        </View>
        {withNote && (
          <Input
            className="trade-note"
            data-testid="note-input"
            value={note}
            maxlength={OFFER_NOTE_MAX}
            placeholder="留言（选填），如：今晚可以在图书馆面交"
            onInput={(e) => setNote(e.detail.value)}
          />
        )}
        <View className="muted trade-offline">{OFFLINE_PAYMENT}</View>
        {error && <View className="error-text">{error}</View>}
        <View className="trade-actions">
          <Button className="btn-plain" size="mini" onClick={onClose}>
            取消
          </Button>
          <Button
            className="btn-primary"
            size="mini"
            data-testid="price-submit"
            disabled={sending}
            onClick={() => void submit()}
          >
            {submitLabel}
          </Button>
        </View>
      </View>
    </View>
  );
}
