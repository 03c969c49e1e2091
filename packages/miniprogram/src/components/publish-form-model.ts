import type {
  BookInfo,
  Catalog,
  Condition,
  CreateListingBody,
  ListingDetail,
  ListingKind,
  TradeMethod,
} from '../api/types';
import { isValidIsbn, normalizeIsbn } from '../lib/isbn';
import { fenToYuanInput, parseYuanToFen } from '../lib/money';

/** What the person typed, as typed: prices stay strings until validation turns them into fen. */
export interface FormValues {
  kind: ListingKind;
  title: string;
  description: string;
  price: string;
  originalPrice: string;
  /** Wanted posts only: no budget, "面议". */
  negotiable: boolean;
  categoryId: string | null;
  condition: Condition | null;
  areaId: string | null;
  tradeMethods: TradeMethod[];
  isbn: string;
  author: string;
  publisher: string;
  course: string;
  /** Uploaded photos in display order: the id the listing keeps and a thumbnail to show. */
  photos: FormPhoto[];
}

export interface FormPhoto {
  id: string;
  thumbUrl: string;
}

/** Error messages keyed by the API's dotted field paths (`title`, `book.isbn`); `_form` is for the
 * whole form and `_conflict` marks a stale version. */
export type FieldErrors = Record<string, string>;

// Same limits as the core's listing rules (packages/core listings/content.ts); the API has the last word.
export const TITLE_MIN = 2;
export const TITLE_MAX = 60;
export const DESCRIPTION_MAX = 2000;

export function emptyForm(kind: ListingKind = 'item'): FormValues {
  return {
    kind,
    title: '',
    description: '',
    price: '',
    originalPrice: '',
    negotiable: false,
    categoryId: null,
    condition: null,
    areaId: null,
    tradeMethods: ['face_to_face'],
    isbn: '',
    author: '',
    publisher: '',
    course: '',
    photos: [],
  };
}

export function formFromListing(l: ListingDetail): FormValues {
  return {
    kind: l.kind,
    title: l.title,
    description: l.description,
    price: fenToYuanInput(l.price),
    originalPrice: fenToYuanInput(l.originalPrice),
    negotiable: l.kind === 'wanted' && l.price === null,
    categoryId: l.category.id,
    condition: l.condition,
    areaId: l.areaId,
    tradeMethods: [...l.tradeMethods],
    isbn: l.book?.isbn ?? '',
    author: l.book?.author ?? '',
    publisher: l.book?.publisher ?? '',
    course: l.book?.course ?? '',
    photos: l.photos.map((p) => ({ id: p.id, thumbUrl: p.urls.thumb })),
  };
}

/**
 * TypeBox-style `/book/isbn` and dotted `book.isbn` both land on `book.isbn`; an item of a list field
 * (`photos.2`, `/tradeMethods/0`) lands on the list, where the form shows its message.
 */
export function normalizeField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/^(photos|tradeMethods)\.\d+$/, '$1');
}

/** Business error codes that belong to one field rather than the whole form. */
const CODE_FIELD: Record<string, string> = {
  INVALID_ISBN: 'book.isbn',
  CATEGORY_NOT_FOUND: 'categoryId',
  AREA_NOT_FOUND: 'areaId',
  INVALID_PRICE: 'price',
};

export function errorsFromApi(code: string, message: string, details: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (code === 'VALIDATION_FAILED' && Array.isArray(details)) {
    for (const d of details as { field?: unknown; message?: unknown }[]) {
      if (!d || typeof d.field !== 'string') continue;
      const key = normalizeField(d.field);
      if (!(key in out)) out[key] = typeof d.message === 'string' ? d.message : '';
    }
    if (Object.keys(out).length === 0) out._form = message;
    return out;
  }
  if (code === 'CONTENT_RISKY') {
    // The content check names the one field to change (title, description, photo).
    const named = (details as { field?: unknown } | null)?.field;
    out[typeof named === 'string' ? (named === 'photo' ? 'photos' : normalizeField(named)) : '_form'] = message;
    return out;
  }
  const field = CODE_FIELD[code];
  if (field) out[field] = message;
  else if (code === 'LISTING_VERSION_CONFLICT') {
    out._form = '这件商品刚刚在别处被修改过。你填写的内容还在，请重新加载后再保存。';
    out._conflict = '1';
  } else if (code === 'NOT_VERIFIED') out._form = `${message}（验证学生身份后才能发布）`;
  else out._form = message;
  return out;
}

export function validate(
  v: FormValues,
  catalog: Catalog | null,
): { ok: true; body: CreateListingBody } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = v.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length < TITLE_MIN) errors.title = `标题至少 ${TITLE_MIN} 个字`;
  else if (title.length > TITLE_MAX) errors.title = `标题最多 ${TITLE_MAX} 个字`;
  // The API accepts an empty description; the placeholder nudges people to write one.
  const description = v.description.trim();
  if (description.length > DESCRIPTION_MAX) errors.description = `描述最多 ${DESCRIPTION_MAX} 个字`;

  const wanted = v.kind === 'wanted';
  let price: number | null = null;
  if (!(wanted && v.negotiable)) {
    const p = parseYuanToFen(v.price);
    if (p.ok) price = p.fen;
    else errors.price = wanted ? p.message.replace('价格', '预算') : p.message;
  }
  let originalPrice: number | null = null;
  if (!wanted && v.originalPrice.trim()) {
    const p = parseYuanToFen(v.originalPrice);
    if (p.ok) originalPrice = p.fen;
    else errors.originalPrice = p.message.replace('价格', '原价');
  }

  if (!v.categoryId) errors.categoryId = '请选择分类';
  else if (catalog) {
    const parent = catalog.categories.find((c) => c.id === v.categoryId);
    if (parent && parent.children.length > 0) errors.categoryId = '请选择二级分类';
  }
  if (!wanted && !v.condition) errors.condition = '请选择成色';
  if (v.tradeMethods.length === 0) errors.tradeMethods = '至少选择一种交易方式';

  let book: BookInfo | undefined;
  if (v.kind === 'book') {
    const isbn = normalizeIsbn(v.isbn);
    if (!isbn) errors['book.isbn'] = '请填写 ISBN（书背条形码上的 13 位数字）';
    else if (!isValidIsbn(isbn)) errors['book.isbn'] = 'ISBN 校验失败，请核对';
    book = {
      isbn,
      author: v.author.trim() || null,
      publisher: v.publisher.trim() || null,
      course: v.course.trim() || null,
    };
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: CreateListingBody = {
    kind: v.kind,
    title,
    description,
    price,
    originalPrice: wanted ? null : originalPrice,
    categoryId: v.categoryId!,
    condition: wanted ? (v.condition ?? null) : v.condition,
    areaId: v.areaId,
    tradeMethods: v.tradeMethods,
    photos: v.photos.map((p) => p.id),
  };
  if (book) body.book = book;
  return { ok: true, body };
}
