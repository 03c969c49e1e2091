import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import type { KnownBook } from '../api/books';
import { PHOTOS_MAX } from '../api/photos';
import type { Catalog, CreateListingBody, ListingKind, TradeMethod } from '../api/types';
import { BookFields } from './BookFields';
import { CategoryPicker } from './CategoryPicker';
import { Field } from './FormField';
import { movePhoto, PhotoPicker, usePhotoUploads } from './PhotoPicker';
import {
  errorsFromApi,
  validate,
  type FieldErrors,
  type FormValues,
  DESCRIPTION_MAX,
  TITLE_MAX,
} from './publish-form-model';
import './PublishForm.css';

interface Props {
  catalog: Catalog;
  initial: FormValues;
  /** Editing cannot change the kind of a listing. */
  kindLocked?: boolean;
  submitLabel: string;
  onSubmit: (body: CreateListingBody) => Promise<void>;
  /** Extra controls under the error banner, e.g. "重新加载" after a version conflict. */
  bannerExtra?: (errors: FieldErrors) => ReactNode;
}

// Mini-programs get a decimal keyboard from type="digit"; on the web that becomes <input
// type="number">, which reports '' while "12." is being typed and would wipe a controlled field.
const MONEY_INPUT_TYPE = process.env.TARO_ENV === 'h5' ? 'text' : 'digit';

export function PublishForm({ catalog, initial, kindLocked, submitLabel, onSubmit, bannerExtra }: Props) {
  const [v, setV] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setV((prev) => ({ ...prev, [key]: value }));
    const errKey = key === 'isbn' || key === 'author' || key === 'publisher' || key === 'course' ? `book.${key}` : key;
    if (errors[errKey]) setErrors(({ [errKey]: _dropped, ...rest }) => rest);
  };

  // A known ISBN fills what the seller has not typed yet, never over what they have.
  const fillBook = (book: KnownBook) =>
    setV((prev) => ({
      ...prev,
      title: prev.title.trim() ? prev.title : book.title,
      author: prev.author.trim() ? prev.author : (book.author ?? ''),
      publisher: prev.publisher.trim() ? prev.publisher : (book.publisher ?? ''),
      course: prev.course.trim() ? prev.course : (book.course ?? ''),
      categoryId: prev.categoryId ?? book.categoryId,
    }));

  const toggleMethod = (m: TradeMethod) =>
    set('tradeMethods', v.tradeMethods.includes(m) ? v.tradeMethods.filter((x) => x !== m) : [...v.tradeMethods, m]);

  const {
    uploading,
    pending,
    add: addPhotos,
  } = usePhotoUploads(v.photos.length, {
    onChosen: () => {
      if (errors.photos) setErrors(({ photos: _dropped, ...rest }) => rest);
    },
    onUploaded: (photo) =>
      setV((prev) =>
        prev.photos.some((p) => p.id === photo.id) || prev.photos.length >= PHOTOS_MAX
          ? prev
          : { ...prev, photos: [...prev.photos, photo] },
      ),
    onFailed: (message) => setErrors((prev) => ({ ...prev, photos: message })),
  });

  const removePhoto = (id: string) =>
    set(
      'photos',
      v.photos.filter((p) => p.id !== id),
    );
  const shiftPhoto = (index: number, by: -1 | 1) => set('photos', movePhoto(v.photos, index, by));

  const submit = async () => {
    if (submitting || uploading > 0) return;
    const checked = validate(v, catalog);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      await onSubmit(checked.body);
    } catch (e) {
      setErrors(e instanceof ApiError ? errorsFromApi(e.code, e.message, e.details) : { _form: errorMessage(e) });
    } finally {
      setSubmitting(false);
    }
  };

  const wanted = v.kind === 'wanted';
  const kinds: { value: ListingKind; label: string }[] = catalog.kinds;
  const unplacedErrors = Object.entries(errors).filter(([k]) => !KNOWN_FIELDS.has(k) && !k.startsWith('_'));

  return (
    <View className="pf">
      {(errors._form || unplacedErrors.length > 0) && (
        <View className="banner-error pf-banner" data-testid="form-error">
          {errors._form && <View>{errors._form}</View>}
          {unplacedErrors.map(([k, msg]) => (
            <View key={k}>
              {k}：{msg}
            </View>
          ))}
          {bannerExtra?.(errors)}
        </View>
      )}

      <View className="section">
        <Field label="类型" required>
          <View className="chips">
            {kinds.map((k) => (
              <View
                key={k.value}
                className={`chip ${v.kind === k.value ? 'chip-active' : ''} ${kindLocked && v.kind !== k.value ? 'chip-disabled' : ''}`}
                onClick={() => !kindLocked && set('kind', k.value)}
              >
                {k.label}
              </View>
            ))}
          </View>
        </Field>

        <Field label={wanted ? '想要什么' : '标题'} required error={errors.title}>
          <Input
            className="pf-input"
            value={v.title}
            maxlength={TITLE_MAX}
            placeholder={wanted ? '例如：求一辆二手自行车' : '品牌型号，一句话说清楚'}
            onInput={(e) => set('title', e.detail.value)}
          />
        </Field>

        <Field label="描述" error={errors.description}>
          <Textarea
            className="pf-textarea"
            value={v.description}
            maxlength={DESCRIPTION_MAX}
            placeholder={wanted ? '说说具体要求，方便同学联系你' : '新旧程度、入手渠道、转手原因…'}
            onInput={(e) => set('description', e.detail.value)}
          />
        </Field>

        <PhotoPicker
          photos={v.photos}
          pending={pending}
          error={errors.photos}
          onAdd={() => void addPhotos()}
          onRemove={removePhoto}
          onMove={shiftPhoto}
        />
      </View>

      <View className="section">
        {wanted ? (
          <Field label="预算" required={!v.negotiable} error={errors.price}>
            <View className="pf-row">
              {!v.negotiable && (
                <View className="pf-money">
                  <Text>¥</Text>
                  <Input
                    className="pf-input"
                    type={MONEY_INPUT_TYPE}
                    value={v.price}
                    placeholder="0.00"
                    onInput={(e) => set('price', e.detail.value)}
                  />
                </View>
              )}
              <View
                className={`chip ${v.negotiable ? 'chip-active' : ''}`}
                data-testid="negotiable"
                onClick={() => set('negotiable', !v.negotiable)}
              >
                面议
              </View>
            </View>
          </Field>
        ) : (
          <>
            <Field label="价格" required error={errors.price}>
              <View className="pf-money">
                <Text>¥</Text>
                <Input
                  className="pf-input"
                  type={MONEY_INPUT_TYPE}
                  value={v.price}
                  placeholder="0.00"
                  onInput={(e) => set('price', e.detail.value)}
                />
              </View>
            </Field>
            <Field label="原价" error={errors.originalPrice}>
              <View className="pf-money">
                <Text>¥</Text>
                <Input
                  className="pf-input"
                  type={MONEY_INPUT_TYPE}
                  value={v.originalPrice}
                  placeholder="选填"
                  onInput={(e) => set('originalPrice', e.detail.value)}
                />
              </View>
            </Field>
          </>
        )}

        <Field label="分类" required error={errors.categoryId}>
          <CategoryPicker
            categories={catalog.categories}
            value={v.categoryId}
            placeholder="选择一级 / 二级分类"
            onChange={(id) => set('categoryId', id)}
          />
        </Field>

        <Field label={wanted ? '成色要求' : '成色'} required={!wanted} error={errors.condition}>
          <View className="chips">
            {catalog.conditions.map((c) => (
              <View
                key={c.value}
                className={`chip ${v.condition === c.value ? 'chip-active' : ''}`}
                onClick={() => set('condition', v.condition === c.value ? null : c.value)}
              >
                {c.label}
              </View>
            ))}
          </View>
        </Field>

        <Field label="交易地点" error={errors.areaId}>
          <View className="chips">
            {catalog.campus.areas.map((a) => (
              <View
                key={a.id}
                className={`chip ${v.areaId === a.id ? 'chip-active' : ''}`}
                onClick={() => set('areaId', v.areaId === a.id ? null : a.id)}
              >
                {a.name}
              </View>
            ))}
          </View>
        </Field>

        <Field label="交易方式" required error={errors.tradeMethods}>
          <View className="chips">
            {catalog.tradeMethods.map((m) => (
              <View
                key={m.value}
                className={`chip ${v.tradeMethods.includes(m.value) ? 'chip-active' : ''}`}
                onClick={() => toggleMethod(m.value)}
              >
                {m.label}
              </View>
            ))}
          </View>
        </Field>
      </View>

      {v.kind === 'book' && <BookFields values={v} errors={errors} onChange={set} onFound={fillBook} />}

      <View className="pf-submit">
        <Button className="btn-primary" loading={submitting} disabled={submitting} onClick={() => void submit()}>
          {submitLabel}
        </Button>
      </View>
    </View>
  );
}

const KNOWN_FIELDS = new Set([
  'kind',
  'title',
  'description',
  'price',
  'originalPrice',
  'categoryId',
  'condition',
  'areaId',
  'tradeMethods',
  'book.isbn',
  'book.author',
  'book.publisher',
  'book.course',
  'photos',
]);
