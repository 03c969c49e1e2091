import {
  isCondition,
  isTradeMethod,
  type Condition,
  type ListingKind,
  type TradeMethod,
} from '../catalog/dimensions.js';
import { Problems, type ValidationFailed } from '../shared/errors.js';
import { isValidFen, type Fen } from '../shared/money.js';
import { err, ok, type Result } from '../shared/result.js';
import { InvalidIsbn } from './errors.js';
import { normalizeIsbn } from './isbn.js';

export interface BookInfo {
  /** Always ISBN-13 digits. */
  readonly isbn: string;
  readonly author: string | null;
  readonly publisher: string | null;
  readonly course: string | null;
}

/** What the owner writes; everything else about a listing is state the platform keeps. */
export interface ListingContent {
  title: string;
  description: string;
  /** For a wanted post: the budget, or null for 面议. */
  price: Fen | null;
  originalPrice: Fen | null;
  categoryId: string;
  condition: Condition | null;
  areaId: string | null;
  tradeMethods: TradeMethod[];
  photos: string[];
  book: BookInfo | null;
}

/** Every field of ListingContent, once, in the order edits report them. */
export const LISTING_CONTENT_FIELDS = [
  'title',
  'description',
  'price',
  'originalPrice',
  'categoryId',
  'condition',
  'areaId',
  'tradeMethods',
  'photos',
  'book',
] as const satisfies readonly (keyof ListingContent)[];

export type ListingContentField = (typeof LISTING_CONTENT_FIELDS)[number];

/** The content fields of a listing (or of content), and nothing else. */
export function contentOf(source: ListingContent): ListingContent {
  const content = {} as Record<ListingContentField, unknown>;
  for (const f of LISTING_CONTENT_FIELDS) content[f] = source[f];
  return content as ListingContent;
}

export interface ListingContentInput {
  title: string;
  description?: string;
  price: number | null;
  originalPrice?: number | null;
  categoryId: string;
  condition?: string | null;
  areaId?: string | null;
  tradeMethods: string[];
  photos?: string[];
  book?: { isbn: string; author?: string | null; publisher?: string | null; course?: string | null } | null;
}

export const LIMITS = {
  titleMin: 2,
  titleMax: 60,
  descriptionMax: 2000,
  photosMax: 9,
  bookFieldMax: 100,
} as const;

/**
 * Checks and normalises listing content by kind. Returns every field problem at once so a form
 * can mark them all; an ISBN with a bad checksum gets its own code because clients explain it.
 */
export function validateContent(
  kind: ListingKind,
  input: ListingContentInput,
): Result<ListingContent, ValidationFailed | InvalidIsbn> {
  const p = new Problems();
  const title = collapse(input.title ?? '');
  const description = (input.description ?? '').trim();
  p.check(title.length >= LIMITS.titleMin, 'title', `标题至少 ${LIMITS.titleMin} 个字`);
  p.check(title.length <= LIMITS.titleMax, 'title', `标题最多 ${LIMITS.titleMax} 个字`);
  p.check(description.length <= LIMITS.descriptionMax, 'description', `描述最多 ${LIMITS.descriptionMax} 个字`);

  const price = input.price ?? null;
  const originalPrice = input.originalPrice ?? null;
  if (price === null) {
    p.check(kind === 'wanted', 'price', '请填写价格');
  } else {
    p.check(isValidFen(price), 'price', '价格须为 0 到 1000 万元之间的整数分');
  }
  if (originalPrice !== null) {
    p.check(kind !== 'wanted', 'originalPrice', '求购信息没有原价');
    p.check(isValidFen(originalPrice), 'originalPrice', '原价须为整数分');
    if (price !== null) p.check(originalPrice >= price, 'originalPrice', '原价不能低于售价');
  }

  const condition = input.condition ?? null;
  if (kind === 'wanted') {
    p.check(condition === null, 'condition', '求购信息不填写成色');
  } else {
    p.check(condition !== null && isCondition(condition), 'condition', '请选择成色');
  }

  const methods = input.tradeMethods ?? [];
  p.check(methods.length > 0, 'tradeMethods', '请至少选择一种交易方式');
  p.check(methods.every(isTradeMethod), 'tradeMethods', '交易方式无效');
  p.check(new Set(methods).size === methods.length, 'tradeMethods', '交易方式重复');

  const photos = input.photos ?? [];
  p.check(photos.length <= LIMITS.photosMax, 'photos', `最多 ${LIMITS.photosMax} 张照片`);
  p.check(new Set(photos).size === photos.length, 'photos', '照片重复');
  p.check(typeof input.categoryId === 'string' && input.categoryId.length > 0, 'categoryId', '请选择分类');

  let book: BookInfo | null = null;
  let badIsbn: string | null = null;
  if (kind === 'book') {
    if (!input.book || !input.book.isbn) {
      p.add('book.isbn', '请填写 ISBN');
    } else {
      const isbn = normalizeIsbn(input.book.isbn);
      if (isbn === null) badIsbn = input.book.isbn;
      const author = optionalText(input.book.author);
      const publisher = optionalText(input.book.publisher);
      const course = optionalText(input.book.course);
      for (const [field, value] of [
        ['author', author],
        ['publisher', publisher],
        ['course', course],
      ] as const) {
        p.check((value ?? '').length <= LIMITS.bookFieldMax, `book.${field}`, `最多 ${LIMITS.bookFieldMax} 个字`);
      }
      book = { isbn: isbn ?? '', author, publisher, course };
    }
  } else if (input.book) {
    p.add('book', '只有书籍可以填写书籍信息');
  }

  if (p.any) return err(p.toError());
  if (badIsbn !== null) return err(new InvalidIsbn(badIsbn));
  return ok({
    title,
    description,
    price,
    originalPrice,
    categoryId: input.categoryId,
    condition: kind === 'wanted' ? null : (condition as Condition),
    areaId: input.areaId ?? null,
    tradeMethods: methods as TradeMethod[],
    photos,
    book,
  });
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function optionalText(value: string | null | undefined): string | null {
  const t = (value ?? '').trim();
  return t.length === 0 ? null : t;
}
