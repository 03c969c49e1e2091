import { describe, expect, it } from 'vitest';
import { Argon2idPasswordHasher, OWASP_ARGON2ID } from './argon2id-password-hasher.js';
import { ScryptPasswordHasher } from './scrypt-password-hasher.js';

describe('Argon2idPasswordHasher', () => {
  const hasher = new Argon2idPasswordHasher();

  it('hashes with argon2id at the OWASP parameters, salted, and verifies the right password only', async () => {
    expect(OWASP_ARGON2ID).toEqual({ memoryKiB: 19456, passes: 2, parallelism: 1 });
    const one = await hasher.hash('correct horse battery');
    const two = await hasher.hash('correct horse battery');
    expect(one).not.toBe(two);
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[\w+/]{22}\$[\w+/]{43}$/);
    expect(one).not.toContain('correct');
    expect(await hasher.verify('correct horse battery', one)).toBe(true);
    expect(await hasher.verify('correct horse batterY', one)).toBe(false);
    expect(await hasher.verify('', one)).toBe(false);
    expect(hasher.needsRehash(one)).toBe(false);
  });

  it('verifies the earlier scrypt hashes and asks for them, and weaker argon2id ones, to be replaced', async () => {
    const scrypt = await new ScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }).hash('pw-1234567890');
    expect(await hasher.verify('pw-1234567890', scrypt)).toBe(true);
    expect(await hasher.verify('pw-123456789', scrypt)).toBe(false);
    expect(hasher.needsRehash(scrypt)).toBe(true);
    const weak = await new Argon2idPasswordHasher({ memoryKiB: 1024, passes: 1, parallelism: 1 }).hash('pw-1234567890');
    expect(await hasher.verify('pw-1234567890', weak)).toBe(true);
    expect(hasher.needsRehash(weak)).toBe(true);
  });

  it('refuses malformed and oversized stored hashes without throwing', async () => {
    const stored = await hasher.hash('pw-1234567890');
    for (const bad of [
      '',
      'plain$x',
      '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$AAAA',
      stored.slice(0, -5),
      stored.replace('m=19456', `m=${4 * 1024 * 1024}`),
    ]) {
      expect(await hasher.verify('pw-1234567890', bad), bad).toBe(false);
    }
    for (const other of ['', 'plain$x', '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$AAAA'])
      expect(hasher.needsRehash(other), other).toBe(true);
  });
});
