import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import './TradeSheet.css';

interface Props {
  title: string;
  placeholder: string;
  maxLength: number;
  submitLabel: string;
  /** What to say when the text is left empty. */
  emptyMessage: string;
  onSubmit: (text: string) => Promise<unknown>;
  onClose: () => void;
  testId?: string;
  /** The button that closes without sending (取消 reads oddly beside 取消交易). */
  closeLabel?: string;
}

/** A short required text (a cancel reason, a reply) in a bottom sheet; the API's refusal shows in it. */
export function TextSheet(props: Props) {
  const { title, placeholder, maxLength, submitLabel, emptyMessage, onSubmit, onClose, testId } = props;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async () => {
    if (sending) return;
    const value = text.trim();
    if (!value) {
      setError(emptyMessage);
      return;
    }
    setSending(true);
    setError(null);
    try {
      await onSubmit(value);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="trade-mask" onClick={onClose}>
      <View className="trade-sheet" data-testid={testId ?? 'text-sheet'} onClick={(e) => e.stopPropagation()}>
        <View className="trade-sheet-title">{title}</View>
        <Input
          className="trade-text"
          data-testid="sheet-text"
          value={text}
          maxlength={maxLength}
          placeholder={placeholder}
          onInput={(e) => setText(e.detail.value)}
        />
        {error && <View className="error-text">{error}</View>}
        <View className="trade-actions">
          <Button className="btn-plain" size="mini" onClick={onClose}>
            {props.closeLabel ?? '取消'}
          </Button>
          <Button
            className="btn-primary"
            size="mini"
            data-testid="sheet-submit"
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
