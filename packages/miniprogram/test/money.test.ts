import { describe, expect, it } from 'vitest';
import { fenToYuanInput, formatFen, parseYuanToFen } from '../src/lib/money';

describe('formatFen', () => {
  it('formats integer fen as yuan with two decimals', () => {
    expect(formatFen(1250)).toBe('¥12.50');
    expect(formatFen(1)).toBe('¥0.01');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(1234567)).toBe('¥12345.67');
  });
  it('shows 面议 when there is no price', () => {
    expect(formatFen(null)).toBe('面议');
    expect(formatFen(undefined)).toBe('面议');
  });
});

describe('parseYuanToFen', () => {
  const fen = (s: string) => {
    const r = parseYuanToFen(s);
    return r.ok ? r.fen : r.message;
  };
  it('turns yuan strings into exact integer fen', () => {
    expect(fen('12.5')).toBe(1250);
    expect(fen('12.50')).toBe(1250);
    expect(fen('0.01')).toBe(1);
    expect(fen('0.07')).toBe(7);
    expect(fen('19.99')).toBe(1999);
    expect(fen('1.1')).toBe(110);
    expect(fen(' 8 ')).toBe(800);
    expect(fen('999999.99')).toBe(99_999_999);
  });
  it('avoids float rounding where Math.round(x*100) would be needed', () => {
    // 4.35 * 100 === 434.99999999999994 and 1.005 style inputs are exactly what the parser avoids.
    expect(fen('4.35')).toBe(435);
    expect(fen('1.15')).toBe(115);
  });
  it('rejects exponent notation, three decimals and junk', () => {
    for (const bad of ['1e3', '12.345', '', 'abc', '-1', '1,000', '12.', '.5', '¥12', '0x10', 'Infinity', '1 000']) {
      expect(parseYuanToFen(bad).ok, bad).toBe(false);
    }
    expect(parseYuanToFen('12.345')).toEqual({ ok: false, message: '价格最多两位小数' });
  });
  it('rejects prices beyond the cap', () => {
    expect(parseYuanToFen('1000000').ok).toBe(false);
    expect(parseYuanToFen('99999999999999999999').ok).toBe(false);
  });
});

describe('fenToYuanInput', () => {
  it('round-trips through the parser', () => {
    for (const f of [0, 1, 10, 99, 100, 1250, 1999, 99_999_999]) {
      const r = parseYuanToFen(fenToYuanInput(f));
      expect(r).toEqual({ ok: true, fen: f });
    }
    expect(fenToYuanInput(1250)).toBe('12.5');
    expect(fenToYuanInput(null)).toBe('');
  });
});
