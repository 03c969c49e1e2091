import { encodeCursor, readOptionalCursor } from '@xianzhi/core';
import { Failure } from './errors.js';

/**
 * Admin lists that page by (time, id) in the route use core's cursor codec too, so a tampered
 * cursor answers INVALID_CURSOR here exactly as on the use-case lists.
 */
export function encodeTimeIdCursor(at: Date, id: string): string {
  return encodeCursor([at.getTime(), id]);
}

export function readTimeIdCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const read = readOptionalCursor(cursor, ['time', 'string']);
  if (!read.ok) throw new Failure(read.error);
  return read.value && { at: new Date(read.value[0]), id: read.value[1] };
}
