import type { Draft, Mutation, Wire } from './draft.js';
import { toJson, urlEncode } from './hostile.js';
import type { Operation } from '../openapi.js';
import type { Random } from './random.js';
import { CALLERS, type Caller, type World } from './world.js';
import { makeCoherent, validPathValue, validValue } from './values.js';
import { bodyMutations, headerMutations, pathMutations, queryMutations, uploadMutations } from './mutations.js';

const UPLOAD = 'POST /v1/photos';

/** The request a careful client would send: real ids, valid values, the right content type. */
function baseline(op: Operation, world: World, random: Random): Draft {
  const path: Record<string, string> = {};
  const query: [string, string | null][] = [];
  for (const p of op.params) {
    if (p.in === 'path') path[p.name] = urlEncode(validPathValue(op, p.name, world, random));
    else if (p.required || random.chance(0.4))
      query.push([p.name, urlEncode(String(validValue(p.schema, p.name, op, world, random)))]);
  }
  const draft: Draft = {
    op,
    caller: random.chance(0.4) ? preferredCaller(op, random) : random.pick(CALLERS),
    path,
    query,
    body: op.body ? makeCoherent(op, validValue(op.body.schema, '', op, world, random), world, random) : undefined,
    headers: {},
    pathSuffix: '',
    mutations: [],
  };
  if (op.key === UPLOAD) uploadMutations[0]!(draft, world, random);
  return draft;
}

/** Who may do it: most requests should get past the access rules, or only the refusals are fuzzed. */
function preferredCaller(op: Operation, random: Random): Caller {
  if (op.path.startsWith('/v1/admin/')) return random.pick(['campusAdmin', 'superAdmin'] as const);
  return 'verified';
}

/** One fuzzed request: a valid baseline, then none to three mutations from the catalogue that apply. */
export function planRequest(op: Operation, world: World, random: Random, index: number, mutate = true): Wire {
  const d = baseline(op, world, random);
  const count = !mutate
    ? 0
    : random.weighted([
        [15, 0],
        [50, 1],
        [25, 2],
        [10, 3],
      ] as const);
  const catalogue = op.key === UPLOAD ? [...uploadMutations, ...headerMutations, ...queryMutations] : allMutations;
  for (let done = 0, tries = 0; done < count && tries < 20; tries++) {
    const name = random.pick(catalogue)(d, world, random);
    if (name) {
      d.mutations.push(name);
      done++;
    }
  }
  return toWire(d, world, random, index);
}

const allMutations: Mutation[] = [...pathMutations, ...queryMutations, ...bodyMutations, ...headerMutations];

function toWire(d: Draft, world: World, random: Random, index: number): Wire {
  const path = d.op.path.replace(/\{([^}]+)\}/g, (_, name: string) => d.path[name] ?? '');
  const query = d.query.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join('&');
  const url = `${path}${d.pathSuffix}${d.query.length ? `?${query}` : ''}`;
  const payload = d.payload ?? (d.body === undefined ? undefined : toJson(d.body));
  const headers: Record<string, string> = { ...world.headers[d.caller], ...d.headers };
  const contentType = d.contentType === undefined ? (payload === undefined ? null : 'application/json') : d.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  return {
    index,
    op: d.op.key,
    caller: d.caller,
    mutations: d.mutations,
    method: d.method ?? d.op.method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload }),
    remoteAddress: `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
  };
}
