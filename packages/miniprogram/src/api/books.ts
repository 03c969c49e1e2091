import { request } from './client';
import type { ListingDetail, SearchPage } from './types';
import { isValidIsbn, normalizeIsbn } from '../lib/isbn';

/** What an earlier listing of the same book tells a new seller: enough to fill the book's fields. */
export interface KnownBook {
  title: string;
  author: string | null;
  publisher: string | null;
  course: string | null;
  categoryId: string;
}

/**
 * Looks the ISBN up among the campus's book listings (search matches ISBNs exactly) and answers the
 * book details of the first one that carries them, or null. There is no book database: classmates
 * who sold the same book before are the source.
 */
export async function findBookByIsbn(raw: string): Promise<KnownBook | null> {
  const isbn = normalizeIsbn(raw);
  if (!isValidIsbn(isbn)) return null;
  const page = await request<SearchPage>('GET', '/v1/search', { query: { q: isbn, kind: 'book', limit: 5 } });
  for (const hit of page.items) {
    const detail = await request<ListingDetail>('GET', `/v1/listings/${encodeURIComponent(hit.listing.id)}`);
    if (detail.book && normalizeIsbn(detail.book.isbn) === isbn) {
      return {
        title: detail.title,
        author: detail.book.author,
        publisher: detail.book.publisher,
        course: detail.book.course,
        categoryId: detail.category.id,
      };
    }
  }
  return null;
}
