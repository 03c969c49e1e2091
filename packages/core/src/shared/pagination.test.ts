import { describe, expect, it } from 'vitest';
import { encodeCursor, readCursor, readOptionalCursor } from './pagination.js';

const raw = (json: string) => btoa(json).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('cursor codec', () => {
  it('reads back what it wrote, typed by the shape', () => {
    const cursor = encodeCursor([1_760_000_000_000, 2.5, 'L1']);
    expect(readCursor(cursor, ['time', 'number', 'string'])).toEqual({
      ok: true,
      value: [1_760_000_000_000, 2.5, 'L1'],
    });
    expect(readOptionalCursor(undefined, ['time'])).toEqual({ ok: true, value: null });
  });

  it.each([
    ['a non-finite number', raw('[1e309,"x"]'), ['number', 'string']],
    ['a negative infinity', raw('[-1e309,"x"]'), ['number', 'string']],
    ['an absurd number', raw('[1e300,"x"]'), ['number', 'string']],
    ['a time past year 9999', raw('[253402300800000,"x"]'), ['time', 'string']],
    ['a fractional time', raw('[1.5,"x"]'), ['time', 'string']],
    ['a negative time', raw('[-1,"x"]'), ['time', 'string']],
    ['an over-long string', raw(`[1,"${'x'.repeat(200)}"]`), ['number', 'string']],
    ['the wrong length', raw('[1]'), ['number', 'string']],
    ['the wrong types', raw('["1","x"]'), ['number', 'string']],
    ['an object', raw('{"a":1}'), ['number']],
    ['not base64url', 'a+b/c=', ['number']],
    ['not JSON', raw('nope'), ['number']],
    ['nothing', '', ['number']],
    ['too long', 'A'.repeat(600), ['number']],
  ] as const)('refuses %s as INVALID_CURSOR', (_label, cursor, shape) => {
    const read = readCursor(cursor, shape);
    expect(!read.ok && read.error.code).toBe('INVALID_CURSOR');
    expect(!read.ok && read.error.details).toEqual({ field: 'cursor' });
  });
});
