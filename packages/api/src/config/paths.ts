import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/ relative to this file; the same depth from src/config/ and from dist/config/. */
export const PACKAGES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
