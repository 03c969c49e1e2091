import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { findBookByIsbn, type KnownBook } from '../api/books';
import { isValidIsbn, normalizeIsbn } from '../lib/isbn';
import { Field } from './FormField';
import type { FieldErrors, FormValues } from './publish-form-model';

type BookField = 'isbn' | 'author' | 'publisher' | 'course';

interface Props {
  values: Pick<FormValues, BookField>;
  /** Keyed as the API names them: `book.isbn`, `book.author`… */
  errors: FieldErrors;
  onChange: (field: BookField, value: string) => void;
  /** An earlier listing of the same ISBN was found: the form fills what is still empty. */
  onFound?: (book: KnownBook) => void;
  /** Whether to offer the camera scanner (tests turn it on in the web flavour). */
  canScan?: boolean;
}

/** Only a mini-program has a camera scanner; the web build types the ISBN. */
const CAN_SCAN = process.env.TARO_ENV === 'qq' || process.env.TARO_ENV === 'weapp';

/**
 * 书籍信息: what a book listing adds to the others (the ISBN is required, the rest optional). On QQ
 * the ISBN is scanned from the barcode; a complete ISBN is looked up among earlier book listings.
 */
export function BookFields({ values, errors, onChange, onFound, canScan = CAN_SCAN }: Props) {
  const [lookup, setLookup] = useState<string | null>(null);

  const lookUp = async (isbn: string) => {
    if (!onFound || !isValidIsbn(isbn)) return;
    setLookup('正在查找这本书…');
    try {
      const book = await findBookByIsbn(isbn);
      if (book) {
        onFound(book);
        setLookup(`已按同学发布过的《${book.title}》填好书籍信息，请核对`);
      } else setLookup(null);
    } catch {
      setLookup(null); // only a convenience: the seller types the rest
    }
  };

  const typeIsbn = (value: string) => {
    onChange('isbn', value);
    const isbn = normalizeIsbn(value);
    if (isbn.length === 13 || isbn.length === 10) void lookUp(isbn);
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['barCode'] });
      const isbn = normalizeIsbn(res.result ?? '');
      onChange('isbn', isbn);
      if (!isValidIsbn(isbn)) void Taro.showToast({ title: '没有识别出 ISBN，请对准书背的条形码', icon: 'none' });
      else void lookUp(isbn);
    } catch {
      // cancelled
    }
  };

  return (
    <View className="section">
      <View className="section-title">书籍信息</View>
      <Field label="ISBN" required error={errors['book.isbn']}>
        <View className="pf-row">
          <Input
            className="pf-input"
            value={values.isbn}
            placeholder={canScan ? '扫描书背条形码或手动输入' : '978 开头的 13 位数字'}
            onInput={(e) => typeIsbn(e.detail.value)}
          />
          {canScan && (
            <Text className="chip pf-scan" data-testid="scan-isbn" onClick={() => void scan()}>
              扫码
            </Text>
          )}
        </View>
        {lookup && <Text className="muted pf-hint">{lookup}</Text>}
      </Field>
      <Field label="作者" error={errors['book.author']}>
        <Input
          className="pf-input"
          value={values.author}
          placeholder="选填"
          onInput={(e) => onChange('author', e.detail.value)}
        />
      </Field>
      <Field label="出版社" error={errors['book.publisher']}>
        <Input
          className="pf-input"
          value={values.publisher}
          placeholder="选填"
          onInput={(e) => onChange('publisher', e.detail.value)}
        />
      </Field>
      <Field label="对应课程" error={errors['book.course']}>
        <Input
          className="pf-input"
          value={values.course}
          placeholder="例如：高等数学 A（选填）"
          onInput={(e) => onChange('course', e.detail.value)}
        />
      </Field>
    </View>
  );
}
