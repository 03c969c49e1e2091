// Money travels as integer fen. Yuan strings typed by people are parsed digit by digit so that
// '0.07' is 7 fen and never 7.000000000000001 — no floating point between the keyboard and the API.

/** Largest price the form accepts: 999,999.99 yuan. */
export const MAX_FEN = 99_999_999;

export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '面议';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** Fen as an editable yuan string without trailing zeros: 1250 → '12.5', 1200 → '12'. */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(yuan);
  return `${yuan}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

const YUAN = /^(\d+)(?:\.(\d{1,2}))?$/;

export function parseYuanToFen(input: string): YuanParse {
  const text = input.trim();
  if (text === '') return { ok: false, message: '请输入价格' };
  if (/^\d+\.\d{3,}$/.test(text)) return { ok: false, message: '价格最多两位小数' };
  const m = YUAN.exec(text);
  if (!m) return { ok: false, message: '请输入正确的金额，如 12.50' };
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > 6) return { ok: false, message: '价格过高' };
  const cents = (m[2] ?? '').padEnd(2, '0');
  const fen = Number(whole) * 100 + Number(cents);
  if (fen > MAX_FEN) return { ok: false, message: '价格过高' };
  return { ok: true, fen };
}
