/** Money is always an integer number of fen (分); 1 yuan = 100 fen. */
export type Fen = number;

/** Ten million yuan: far beyond anything sold on a campus, and well inside a 32-bit int. */
export const MAX_FEN = 1_000_000_000;

export function isValidFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;
}

export function formatFen(fen: Fen): string {
  const yuan = Math.trunc(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? `¥${yuan}` : `¥${yuan}.${String(cents).padStart(2, '0')}`;
}
