import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CampusAuthenticator, TradeArea } from '@xianzhi/core';
import { CasCampusAuthenticator, type CasSettings } from './cas.js';
import { DemoCampusAuthenticator } from './demo.js';
import { FormLoginCampusAuthenticator, type FormLoginSettings } from './form.js';

export type CampusAuthSettings =
  | { readonly kind: 'demo' }
  | ({ readonly kind: 'cas' } & Omit<CasSettings, 'service'> & { readonly service?: string })
  | ({ readonly kind: 'form' } & FormLoginSettings)
  | { readonly kind: 'module'; readonly module: string; readonly options?: unknown };

/** How students reach the people running a campus's marketplace, shown on its about page. */
export interface CampusContact {
  readonly qq?: string;
  readonly email?: string;
  readonly phone?: string;
  /** When someone answers, in words: `工作日 9:00–17:00`. */
  readonly hours?: string;
}

/** One campus of a deployment, as XZ_CAMPUSES lists it. */
export interface CampusSettings {
  readonly id: string;
  /** Absent only for the embedded default, whose campus the demo seed creates. */
  readonly name?: string;
  readonly areas?: readonly TradeArea[];
  readonly listingLifetimeDays?: number;
  readonly contact?: CampusContact;
  readonly auth: CampusAuthSettings;
}

/**
 * What a campus plugin module exports: `createCampusAuthenticator` (or a default export) taking the
 * campus id and the `options` from configuration, returning the authenticator.
 */
export type CampusAuthenticatorFactory = (
  campusId: string,
  options: unknown,
) => CampusAuthenticator | Promise<CampusAuthenticator>;

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHttpUrl = (v: unknown): v is string => typeof v === 'string' && /^https?:\/\/\S+$/.test(v);

/** Validates XZ_CAMPUSES' parsed JSON; every problem is named with the campus it belongs to. */
export function parseCampusSettings(value: unknown): { campuses: CampusSettings[]; problems: string[] } {
  const problems: string[] = [];
  const list = Array.isArray(value)
    ? value
    : isObj(value) && Array.isArray(value['campuses'])
      ? value['campuses']
      : null;
  if (!list || list.length === 0)
    return {
      campuses: [],
      problems: ['XZ_CAMPUSES must be a non-empty JSON array of campuses (or { "campuses": [...] })'],
    };
  const seen = new Set<string>();
  const campuses: CampusSettings[] = [];
  list.forEach((entry: unknown, i: number) => {
    const where =
      isObj(entry) && typeof entry['id'] === 'string' ? `XZ_CAMPUSES campus "${entry['id']}"` : `XZ_CAMPUSES[${i}]`;
    const bad = (m: string) => problems.push(`${where}: ${m}`);
    if (!isObj(entry)) return void bad('must be an object');
    const id = entry['id'];
    if (typeof id !== 'string' || !ID.test(id))
      return void bad('"id" must be 1–40 lowercase letters, digits or dashes');
    if (seen.has(id)) return void bad('is listed twice');
    seen.add(id);
    const name = entry['name'];
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100)
      bad('"name" must be a non-empty string of at most 100 characters');
    const areas = entry['areas'] ?? [];
    if (
      !Array.isArray(areas) ||
      !areas.every((a) => isObj(a) && typeof a['id'] === 'string' && typeof a['name'] === 'string')
    ) {
      bad('"areas" must be a list of { "id", "name" }');
    }
    const lifetime = entry['listingLifetimeDays'];
    if (
      lifetime !== undefined &&
      !(Number.isInteger(lifetime) && (lifetime as number) > 0 && (lifetime as number) <= 365)
    ) {
      bad('"listingLifetimeDays" must be a whole number of days from 1 to 365');
    }
    const contact = checkContact(entry['contact'], bad);
    const auth = checkAuth(entry['auth'], bad);
    if (auth) {
      campuses.push({
        id,
        name: String(name),
        areas: (areas as TradeArea[]).map((a) => ({ id: a.id, name: a.name })),
        auth,
        ...(lifetime !== undefined ? { listingLifetimeDays: lifetime as number } : {}),
        ...(contact ? { contact } : {}),
      });
    }
  });
  return { campuses, problems };
}

const CONTACT_RULES: Record<keyof CampusContact, { pattern: RegExp; says: string }> = {
  qq: { pattern: /^[1-9][0-9]{4,11}$/, says: 'a QQ number (5–12 digits)' },
  email: { pattern: /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/, says: 'an e-mail address' },
  phone: {
    pattern: /^\+?[0-9][0-9 -]{2,28}[0-9]$/,
    says: 'a phone number (digits, spaces, dashes, an optional leading +)',
  },
  hours: { pattern: /^[^\p{Cc}]{1,100}$/u, says: 'at most 100 characters of text' },
};

/** The optional `contact`: only the known keys, each a string of its kind; undefined when absent or wrong. */
function checkContact(contact: unknown, bad: (m: string) => void): CampusContact | undefined {
  if (contact === undefined) return undefined;
  if (!isObj(contact)) return void bad('"contact" must be an object with any of "qq", "email", "phone", "hours"');
  let ok = true;
  for (const [key, value] of Object.entries(contact)) {
    const rule = CONTACT_RULES[key as keyof CampusContact] as (typeof CONTACT_RULES)['qq'] | undefined;
    if (!rule) {
      ok = false;
      bad(`contact: unknown key "${key}" (use "qq", "email", "phone" or "hours")`);
    } else if (typeof value !== 'string' || !rule.pattern.test(value.trim())) {
      ok = false;
      bad(`contact: "${key}" must be ${rule.says}`);
    }
  }
  if (!ok) return undefined;
  const trimmed: Record<string, string> = {};
  for (const [k, v] of Object.entries(contact)) trimmed[k] = (v as string).trim();
  return trimmed;
}

function checkAuth(auth: unknown, bad: (m: string) => void): CampusAuthSettings | null {
  if (!isObj(auth)) return (bad('"auth" must be an object with a "kind": cas, form, demo or module'), null);
  const before = { n: 0 };
  const problem = (m: string) => {
    before.n++;
    bad(`auth: ${m}`);
  };
  switch (auth['kind']) {
    case 'demo':
      return { kind: 'demo' };
    case 'cas':
      if (!isHttpUrl(auth['baseUrl'])) problem('"baseUrl" must be the CAS server\'s http(s) URL');
      if (auth['version'] !== 2 && auth['version'] !== 3) problem('"version" must be 2 or 3');
      if (auth['service'] !== undefined && !isHttpUrl(auth['service'])) problem('"service" must be an http(s) URL');
      if (auth['renew'] !== undefined && typeof auth['renew'] !== 'boolean') problem('"renew" must be true or false');
      for (const k of ['studentNumberAttribute', 'nameAttribute', 'kindAttribute'] as const) {
        if (auth[k] !== undefined && typeof auth[k] !== 'string') problem(`"${k}" must be a string`);
      }
      checkTimeout(auth, problem);
      return before.n ? null : (auth as unknown as CampusAuthSettings);
    case 'form': {
      if (!isHttpUrl(auth['loginUrl'])) problem('"loginUrl" must be the portal\'s http(s) login URL');
      if (!['plain', 'md5', 'sha1', undefined].includes(auth['passwordTransform'] as string))
        problem('"passwordTransform" must be plain, md5 or sha1');
      const success = auth['success'];
      if (
        !isObj(success) ||
        (success['status'] === undefined &&
          success['bodyContains'] === undefined &&
          success['redirectContains'] === undefined)
      ) {
        problem('"success" must name at least one of "status", "bodyContains", "redirectContains"');
      }
      for (const k of ['studentNumberPattern', 'namePattern'] as const) {
        const pattern = auth[k];
        if (pattern === undefined) continue;
        try {
          if (typeof pattern !== 'string' || !/\((?!\?)/.test(pattern)) throw new Error('no group');
          new RegExp(pattern);
        } catch {
          problem(`"${k}" must be a regular expression with one capturing group`);
        }
      }
      checkTimeout(auth, problem);
      return before.n ? null : (auth as unknown as CampusAuthSettings);
    }
    case 'module':
      if (typeof auth['module'] !== 'string' || auth['module'] === '')
        problem('"module" must name a package or a file path');
      return before.n ? null : { kind: 'module', module: auth['module'] as string, options: auth['options'] };
    default:
      return (problem('"kind" must be cas, form, demo or module'), null);
  }
}

function checkTimeout(auth: Obj, problem: (m: string) => void): void {
  const t = auth['timeoutMs'];
  if (t !== undefined && !(Number.isInteger(t) && (t as number) >= 100 && (t as number) <= 60_000))
    problem('"timeoutMs" must be 100 to 60000');
}

export interface AuthenticatorOptions {
  /** Where the API is reached: the default CAS service URL is under it. */
  readonly publicUrl: string;
  /** Relative plugin paths are resolved from here (the folder of the XZ_CAMPUSES file, or the working folder). */
  readonly baseDir: string;
}

/** The CAS callback a campus's tickets are issued for, unless its settings name another. */
export function defaultCasService(publicUrl: string, campusId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/v1/campuses/${campusId}/cas-callback`;
}

/** Builds each campus's authenticator; a plugin module is imported here, once, at start. */
export async function createCampusAuthenticators(
  campuses: readonly CampusSettings[],
  options: AuthenticatorOptions,
): Promise<CampusAuthenticator[]> {
  const out: CampusAuthenticator[] = [];
  for (const campus of campuses) out.push(await createOne(campus, options));
  return out;
}

async function createOne(campus: CampusSettings, options: AuthenticatorOptions): Promise<CampusAuthenticator> {
  return campus.auth.kind === 'module'
    ? loadPlugin(campus.id, campus.auth.module, campus.auth.options, options.baseDir)
    : createBuiltInCampusAuthenticator(campus, options);
}

/** The authenticator of a campus using a built-in kind (demo, cas, form); plugins need `createCampusAuthenticators`. */
export function createBuiltInCampusAuthenticator(
  campus: CampusSettings,
  options: Pick<AuthenticatorOptions, 'publicUrl'>,
): CampusAuthenticator {
  const auth = campus.auth;
  switch (auth.kind) {
    case 'demo':
      return new DemoCampusAuthenticator(campus.id);
    case 'cas': {
      const { kind: _kind, ...settings } = auth;
      return new CasCampusAuthenticator(campus.id, {
        ...settings,
        service: auth.service ?? defaultCasService(options.publicUrl, campus.id),
      });
    }
    case 'form': {
      const { kind: _kind, ...settings } = auth;
      return new FormLoginCampusAuthenticator(campus.id, settings);
    }
    case 'module':
      throw new Error(
        `XZ_CAMPUSES campus "${campus.id}": a plugin module is loaded asynchronously; use createCampusAuthenticators`,
      );
  }
}

async function loadPlugin(
  campusId: string,
  specifier: string,
  pluginOptions: unknown,
  baseDir: string,
): Promise<CampusAuthenticator> {
  const where = `XZ_CAMPUSES campus "${campusId}": module "${specifier}"`;
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  const target = isPath ? pathToFileURL(resolve(baseDir, specifier)).href : specifier;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(target)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${where} could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const create = (mod['createCampusAuthenticator'] ?? mod['default']) as CampusAuthenticatorFactory | undefined;
  if (typeof create !== 'function')
    throw new Error(
      `${where} must export a function createCampusAuthenticator(campusId, options) (or a default export)`,
    );
  const authenticator = await create(campusId, pluginOptions ?? {});
  if (
    !authenticator ||
    typeof authenticator.authenticate !== 'function' ||
    authenticator.campusId !== campusId ||
    (authenticator.method !== 'cas' && authenticator.method !== 'password')
  ) {
    throw new Error(
      `${where} returned something that is not a CampusAuthenticator for this campus (campusId, method 'cas' | 'password', authenticate)`,
    );
  }
  return authenticator;
}
