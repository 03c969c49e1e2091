export interface IdGenerator {
  next(): string;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * ULIDs: 26 characters, lexicographically sortable by creation time, so ids double as a
 * stable tie-breaker in keyset pagination. Monotonic within one millisecond.
 */
export class UlidGenerator implements IdGenerator {
  private lastTime = -1;
  private lastRandom = new Uint8Array(10);

  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    let time = this.now();
    if (time <= this.lastTime) {
      time = this.lastTime;
      this.increment(this.lastRandom);
    } else {
      crypto.getRandomValues(this.lastRandom);
      this.lastTime = time;
    }
    return encodeTime(time) + encodeRandom(this.lastRandom);
  }

  private increment(bytes: Uint8Array): void {
    for (let i = bytes.length - 1; i >= 0; i--) {
      const byte = bytes[i]!;
      if (byte < 255) {
        bytes[i] = byte + 1;
        return;
      }
      bytes[i] = 0;
    }
  }
}

function encodeTime(time: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  // 80 bits → 16 base-32 characters.
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}
