import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './app-config.js';
import { SECRET_MIN_LENGTH } from './schema.js';

export const SECRET_FILE = 'secret.key';

/**
 * Embedded mode without XZ_JWT_SECRET: reads the secret kept in the data folder, creating it on first
 * start, so tokens stay valid across restarts without anyone having to choose one. Only the owner may read it.
 */
export function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < SECRET_MIN_LENGTH) {
    throw new ConfigError([
      `${file} holds a secret shorter than ${SECRET_MIN_LENGTH} characters; delete it to generate a new one`,
    ]);
  }
  return secret;
}
