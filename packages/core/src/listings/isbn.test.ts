import { describe, expect, it } from 'vitest';
import { normalizeIsbn } from './isbn.js';

describe('ISBN', () => {
  it.each([
    ['9787040396638', '9787040396638'],
    ['978-7-04-039663-8', '9787040396638'],
    ['0-306-40615-2', '9780306406157'],
    ['080442957X', '9780804429573'],
    ['9787040396630', null],
    ['0306406153', null],
    ['X306406152', null],
    ['12345', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeIsbn(input)).toBe(expected);
  });
});
