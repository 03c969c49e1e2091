import { DomainError } from './errors.js';
import { err, ok, type Result } from './result.js';

export interface Page<T> {
  readonly items: T[];
  /** Opaque; pass back to get the next page. Null when there is none. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit)));
}

/** A cursor the API did not hand out (or one that was tampered with): start again from the first page. */
export class InvalidCursor extends DomainError<'INVALID_CURSOR'> {
  readonly code = 'INVALID_CURSOR' as const;
  constructor() {
    super('翻页参数无效，请从第一页开始', { field: 'cursor' });
  }
}

/**
 * What each position of a cursor holds: `time` is epoch milliseconds a database can store
 * (0 … 9999-12-31), `number` any finite number of sane size, `string` an id-sized string.
 */
export type CursorField = 'string' | 'number' | 'time';
type CursorValues<S extends readonly CursorField[]> = { [K in keyof S]: S[K] extends 'string' ? string : number };

const MAX_CURSOR_LENGTH = 512;
const MAX_CURSOR_STRING = 128;
const MAX_CURSOR_NUMBER = 1e15;
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Cursors are base64url JSON tuples: opaque to clients, cheap to decode, validated on the way in. */
export function encodeCursor(values: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * The one way in for a cursor: base64url JSON of exactly `shape`, finite in-range numbers, short
 * strings. Anything else (non-finite numbers, wrong shape, not base64, huge) is INVALID_CURSOR, so
 * no forged value ever reaches a query.
 */
export function readCursor<const S extends readonly CursorField[]>(
  cursor: string,
  shape: S,
): Result<CursorValues<S>, InvalidCursor> {
  const values = decodeCursor(cursor, shape);
  return values ? ok(values as CursorValues<S>) : err(new InvalidCursor());
}

/** `readCursor` when the cursor is optional: no cursor is the first page (null). */
export function readOptionalCursor<const S extends readonly CursorField[]>(
  cursor: string | undefined,
  shape: S,
): Result<CursorValues<S> | null, InvalidCursor> {
  return cursor === undefined ? ok(null) : readCursor(cursor, shape);
}

export function decodeCursor(cursor: string, shape: readonly CursorField[]): (string | number)[] | null {
  try {
    if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed) || parsed.length !== shape.length) return null;
    for (let i = 0; i < shape.length; i++) if (!fits(parsed[i], shape[i]!)) return null;
    return parsed as (string | number)[];
  } catch {
    return null;
  }
}

function fits(value: unknown, field: CursorField): boolean {
  if (field === 'string') return typeof value === 'string' && value.length <= MAX_CURSOR_STRING;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (field === 'time') return Number.isInteger(value) && value >= 0 && value <= MAX_TIME;
  return Math.abs(value) <= MAX_CURSOR_NUMBER;
}
