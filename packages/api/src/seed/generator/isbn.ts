// ISBN-13s for the generated books: checked like real ones, minted deterministically.

/** ISBN-13 check digit for a 12-digit string */
export function isbn13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (first12.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** true when `isbn` is 13 digits, starts with 978/979 and has a correct checksum */
export function isValidIsbn13(isbn: string): boolean {
  if (!/^97[89]\d{10}$/.test(isbn)) return false;
  return isbn13CheckDigit(isbn.slice(0, 12)) === isbn.charCodeAt(12) - 48;
}

function hash32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(b + 0x165667b1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * A made-up but valid ISBN under the publisher's prefix: the same for the same book (by serial) and
 * edition on every run, and never one already in `taken` (it is added there).
 */
export function mintIsbn(prefix: string, serial: number, edition: number, taken: Set<string>): string {
  const digits = 12 - prefix.length;
  const mod = 10 ** digits;
  let num = hash32(serial, edition) % mod;
  for (;;) {
    const first12 = prefix + String(num).padStart(digits, '0');
    const isbn = first12 + String(isbn13CheckDigit(first12));
    if (!taken.has(isbn)) {
      taken.add(isbn);
      return isbn;
    }
    num = (num + 1) % mod;
  }
}
