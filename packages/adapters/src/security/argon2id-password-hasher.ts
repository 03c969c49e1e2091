import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import type { PasswordHasher } from '@xianzhi/core';
import { ScryptPasswordHasher } from './scrypt-password-hasher.js';

export interface Argon2idParameters {
  /** Memory in KiB. */
  readonly memoryKiB: number;
  /** Passes over the memory. */
  readonly passes: number;
  readonly parallelism: number;
}

/** OWASP Password Storage Cheat Sheet's first choice: argon2id, 19 MiB, 2 passes, 1 lane (about 30 ms here). */
export const OWASP_ARGON2ID: Argon2idParameters = { memoryKiB: 19 * 1024, passes: 2, parallelism: 1 };

// `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm;
/** A stored hash asking for more than this is refused rather than computed (it would be a memory bomb). */
const MAX_MEMORY_KIB = 1024 * 1024;

/**
 * argon2id with a random salt, stored as the standard PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`),
 * which carries its own parameters. Hashes of the earlier scheme (`scrypt$…`) still verify, and
 * `needsRehash` tells the login to replace them (and argon2id ones weaker than today's parameters).
 */
export class Argon2idPasswordHasher implements PasswordHasher {
  private readonly options: Options;
  private readonly legacy = new ScryptPasswordHasher();

  constructor(private readonly params: Argon2idParameters = OWASP_ARGON2ID) {
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: params.memoryKiB,
      timeCost: params.passes,
      parallelism: params.parallelism,
    };
  }

  hash(password: string): Promise<string> {
    return hash(password.normalize('NFKC'), this.options);
  }

  async verify(password: string, stored: string): Promise<boolean> {
    if (stored.startsWith('scrypt$')) return this.legacy.verify(password, stored);
    const parsed = parsed2id(stored);
    if (!parsed || parsed.memoryCost > MAX_MEMORY_KIB) return false;
    try {
      return await verify(stored, password.normalize('NFKC'));
    } catch {
      return false;
    }
  }

  needsRehash(stored: string): boolean {
    const parsed = parsed2id(stored);
    return (
      !parsed ||
      parsed.memoryCost < this.params.memoryKiB ||
      parsed.timeCost < this.params.passes ||
      parsed.parallelism < this.params.parallelism
    );
  }
}

function parsed2id(stored: string): ReturnType<typeof parseOptions> | null {
  if (!stored.startsWith('$argon2id$')) return null;
  try {
    return parseOptions(stored);
  } catch {
    return null;
  }
}
