import { Input, View } from '@tarojs/components';
import { Field } from './FormField';
import type { FieldErrors, FormValues } from './publish-form-model';

type BookField = 'isbn' | 'author' | 'publisher' | 'course';

interface Props {
  values: Pick<FormValues, BookField>;
  /** Keyed as the API names them: `book.isbn`, `book.author`… */
  errors: FieldErrors;
  onChange: (field: BookField, value: string) => void;
}

/** 书籍信息: what a book listing adds to the others (the ISBN is required, the rest optional). */
export function BookFields({ values, errors, onChange }: Props) {
  return (
    <View className="section">
      <View className="section-title">书籍信息</View>
      <Field label="ISBN" required error={errors['book.isbn']}>
        <Input
          className="pf-input"
          value={values.isbn}
          placeholder="978 开头的 13 位数字"
          onInput={(e) => onChange('isbn', e.detail.value)}
        />
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
