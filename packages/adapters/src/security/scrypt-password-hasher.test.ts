import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from './scrypt-password-hasher.js';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher({ N: 2 ** 12, r: 8, p: 1 });

  it('salts every hash, verifies the right password only, and never stores the password', async () => {
    const one = await hasher.hash('correct horse battery');
    const two = await hasher.hash('correct horse battery');
    expect(one).not.toBe(two);
    expect(one).toMatch(/^scrypt\$4096\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(one).not.toContain('correct');
    expect(await hasher.verify('correct horse battery', one)).toBe(true);
    expect(await hasher.verify('correct horse batterY', one)).toBe(false);
    expect(await hasher.verify('', one)).toBe(false);
    expect(hasher.needsRehash(one)).toBe(false);
    expect(new ScryptPasswordHasher({ N: 2 ** 13, r: 8, p: 1 }).needsRehash(one)).toBe(true);
  });

  it('reads its parameters from the stored hash and refuses malformed ones', async () => {
    const stored = await new ScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }).hash('pw-1234567890');
    expect(await hasher.verify('pw-1234567890', stored)).toBe(true);
    for (const bad of [
      '',
      'plain$x',
      'scrypt$0$8$1$AA$AA',
      `scrypt$${2 ** 24}$8$1$AAAA$${'A'.repeat(43)}`,
      stored.slice(0, -2),
    ]) {
      expect(await hasher.verify('pw-1234567890', bad), bad).toBe(false);
    }
  });
});
