import { describe, expect, it } from 'vitest';
import { isValidIsbn, normalizeIsbn } from '../src/lib/isbn';

describe('isValidIsbn', () => {
  it('accepts valid ISBN-13 with or without hyphens', () => {
    expect(isValidIsbn('9787111213826')).toBe(true);
    expect(isValidIsbn('978-7-04-047427-5')).toBe(true);
    expect(isValidIsbn('978 0 306 40615 7')).toBe(true);
  });
  it('accepts valid ISBN-10 including an X check digit', () => {
    expect(isValidIsbn('0306406152')).toBe(true);
    expect(isValidIsbn('0-8044-2957-X')).toBe(true);
    expect(isValidIsbn('080442957x')).toBe(true);
  });
  it('rejects a wrong check digit, wrong length or letters', () => {
    expect(isValidIsbn('9787111213827')).toBe(false);
    expect(isValidIsbn('0306406153')).toBe(false);
    expect(isValidIsbn('978711121382')).toBe(false);
    expect(isValidIsbn('97871112138260')).toBe(false);
    expect(isValidIsbn('97871112138X6')).toBe(false);
    expect(isValidIsbn('')).toBe(false);
  });
  it('normalizes separators and case', () => {
    expect(normalizeIsbn(' 0-8044-2957-x ')).toBe('080442957X');
  });
});
