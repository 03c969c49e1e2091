import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCampusSettings, type CampusSettings } from '@xianzhi/adapters';
import type { Environment } from './app-config.js';
import { absolute } from './paths.js';

export interface CampusesConfig {
  readonly campuses: CampusSettings[];
  /** Where relative plugin paths are resolved from: the file's folder, or the working directory for inline JSON. */
  readonly campusesBaseDir: string;
}

/**
 * XZ_CAMPUSES: inline JSON (starts with `[` or `{`) or a JSON file. Unset, embedded mode verifies the
 * default campus with the demo login; production verifies nobody until campuses are configured, and
 * never accepts the demo login.
 */
export function readCampuses(
  value: string | undefined,
  mode: Environment,
  defaultCampusId: string,
  cwd: string,
  problems: string[],
): CampusesConfig {
  if (value === undefined) {
    const campuses: CampusSettings[] = mode === 'embedded' ? [{ id: defaultCampusId, auth: { kind: 'demo' } }] : [];
    return { campuses, campusesBaseDir: cwd };
  }
  const inline = value.startsWith('[') || value.startsWith('{');
  const file = inline ? null : absolute(value, cwd);
  let parsed: unknown;
  try {
    parsed = JSON.parse(inline ? value : readFileSync(file!, 'utf8'));
  } catch (error) {
    problems.push(
      inline
        ? `XZ_CAMPUSES is not valid JSON: ${(error as Error).message}`
        : `XZ_CAMPUSES: cannot read ${file} as JSON: ${(error as Error).message}`,
    );
    return { campuses: [], campusesBaseDir: cwd };
  }
  const { campuses, problems: found } = parseCampusSettings(parsed);
  problems.push(...found);
  if (mode === 'production') {
    for (const c of campuses)
      if (c.auth.kind === 'demo')
        problems.push(
          `XZ_CAMPUSES campus "${c.id}": the demo login accepts anyone; it is refused when XZ_ENV=production`,
        );
  }
  return { campuses, campusesBaseDir: file ? dirname(file) : cwd };
}
