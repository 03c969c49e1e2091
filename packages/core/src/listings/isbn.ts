/**
 * Accepts ISBN-10 or ISBN-13 with optional hyphens or spaces and returns the ISBN-13 form, so one
 * book has one searchable key whichever edition sticker the seller typed. Null when the checksum fails.
 */
export function normalizeIsbn(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(compact)) {
    if (!isbn10ChecksumOk(compact)) return null;
    const core = '978' + compact.slice(0, 9);
    return core + isbn13CheckDigit(core);
  }
  if (/^97[89]\d{10}$/.test(compact)) {
    return isbn13CheckDigit(compact.slice(0, 12)) === compact[12] ? compact : null;
  }
  return null;
}

function isbn10ChecksumOk(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = isbn[i]!;
    const digit = ch === 'X' ? 10 : Number(ch);
    if (ch === 'X' && i !== 9) return false;
    sum += digit * (10 - i);
  }
  return sum % 11 === 0;
}

function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}
