import { randomBytes } from 'node:crypto';
import { slotsOf, type Draft, type Mutation } from './draft.js';
import {
  HOSTILE_DATES,
  HOSTILE_NUMBER_TEXT,
  HOSTILE_STRINGS,
  RAW_URL_PIECES,
  RawJson,
  deeplyNested,
  hostileIntegers,
  setOwn,
  sizedString,
  toJson,
  urlEncode,
  wrongTypes,
} from './hostile.js';
import { members, typeOf, type Schema } from '../openapi.js';
import type { Random } from './random.js';
import { CALLERS, type World } from './world.js';
import { anyRealId, unknownId } from './values.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Cursors no server handed out: non-finite and out-of-range numbers, wrong shapes, not base64, huge. */
function tamperedCursor(world: World, random: Random): string {
  const real = world.cursor || b64('[1,"x"]');
  return random.pick([
    () => b64('[1e309,"x"]'),
    () => b64('[-1e309,1e309,"x"]'),
    () => b64('[1e300,"x"]'),
    () => b64('[-1,"x"]'),
    () => b64('[NaN,"x"]'),
    () => b64('{"__proto__":{"a":1}}'),
    () => b64('["x","y"]'),
    () => b64('[1,"x\\u0000"]'),
    () => b64('[1,null]'),
    () => b64('[]'),
    () => b64('null'),
    () => b64(`[1,"${'x'.repeat(3000)}"]`),
    () => b64(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    () => real.slice(0, -2),
    () => `${real}AA`,
    () => real.replace(/[A-Za-z]/, (c) => (c === 'A' ? 'B' : 'A')),
    () => Buffer.from(Buffer.from(real, 'base64url').toString().replace(/\d/, '9')).toString('base64url'),
    () => urlEncode(random.pick(HOSTILE_STRINGS)),
    () => random.pick(RAW_URL_PIECES),
  ])();
}

/** The member of a union that says most about a value's kind: a format, a number, an enum. */
function telling(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  const all = members(schema);
  return all.find((m) => m['format']) ?? all.find((m) => typeOf(m) !== 'null') ?? all[0];
}

/** A value aimed at the field's kind: extreme dates for times, limits for numbers, near-misses for enums. */
function hostileFor(schema: Schema | undefined, random: Random): unknown {
  const s = telling(schema);
  if (s?.['format'] === 'date-time' && random.chance(0.7)) return random.pick(HOSTILE_DATES);
  const kind = s && typeOf(s);
  if ((kind === 'integer' || kind === 'number') && random.chance(0.7)) return random.pick(hostileIntegers(s ?? {}));
  const values = s?.['enum'] as unknown[] | undefined;
  if (values?.length && random.chance(0.5)) {
    const v = String(random.pick(values));
    return random.pick([v.toUpperCase(), ` ${v}`, `${v}\u0000`, `${v}\u200b`, v.replace(/_/g, '-'), `${v}s`]);
  }
  return random.pick(HOSTILE_STRINGS);
}

/** A query or path value: hostile text, broken percent-encoding, numbers past their limits, or sized text. */
function hostileUrlValue(random: Random, schema: Schema | undefined): string {
  const numeric = schema && (typeOf(schema) === 'integer' || typeOf(schema) === 'number');
  return random.weighted<() => string>([
    [
      5,
      () => {
        const v = hostileFor(schema, random);
        return urlEncode(v instanceof RawJson ? v.text : String(v));
      },
    ],
    [2, () => random.pick(RAW_URL_PIECES)],
    [numeric ? 5 : 1, () => urlEncode(random.pick(HOSTILE_NUMBER_TEXT))],
    [2, () => urlEncode(sizedString(random, (schema?.['maxLength'] as number | undefined) ?? 100, 1_500))],
  ])();
}

export const pathMutations: Mutation[] = [
  (d, _w, random) => {
    const names = Object.keys(d.path);
    if (!names.length) return false;
    const name = random.pick(names);
    const param = d.op.params.find((p) => p.in === 'path' && p.name === name);
    d.path[name] = hostileUrlValue(random, param?.schema);
    return `path.${name}=hostile`;
  },
  (d, world, random) => {
    const names = Object.keys(d.path);
    if (!names.length) return false;
    const name = random.pick(names);
    d.path[name] = random.chance(0.7) ? anyRealId(world, random) : unknownId(random);
    return `path.${name}=other id`;
  },
  (d, _w, random) => {
    d.method = random.pick(
      ['HEAD', 'OPTIONS', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m !== d.op.method),
    );
    return `method ${d.method}`;
  },
  (d, _w, random) => {
    d.pathSuffix = random.pick(['/', '//', '/..', '/.', '%2F', '/%00', '/x', ';x=1', '%20']);
    return 'path suffix';
  },
];

export const queryMutations: Mutation[] = [
  (d, _w, random) => {
    const declared = d.op.params.filter((p) => p.in === 'query');
    if (!declared.length) return false;
    const p = random.pick(declared);
    d.query = d.query.filter(([k]) => k !== p.name);
    d.query.push([p.name, hostileUrlValue(random, p.schema)]);
    return `query.${p.name}=hostile`;
  },
  (d, _w, random) => {
    const required = d.op.params.filter((p) => p.in === 'query' && p.required);
    if (!required.length) return false;
    const p = random.pick(required);
    d.query = d.query.filter(([k]) => k !== p.name);
    return `query.${p.name} missing`;
  },
  (d, _w, random) => {
    if (!d.query.length) return false;
    const [k, v] = random.pick(d.query);
    d.query.push([k, random.chance(0.5) ? v : urlEncode(random.pick(HOSTILE_STRINGS))]);
    return `query.${k} twice`;
  },
  (d, _w, random) => {
    const name = random.pick([
      '__proto__',
      'constructor',
      'prototype',
      'hasOwnProperty',
      'toString',
      '__proto__[polluted]',
      'constructor[prototype][polluted]',
      'x',
      '',
      '%00',
      'limit[]',
      'a.b',
    ]);
    d.query.push([name, random.chance(0.2) ? null : urlEncode(random.pick(HOSTILE_STRINGS))]);
    return `query extra ${name}`;
  },
  (d, world, random) => {
    d.query = d.query.filter(([k]) => k !== 'cursor');
    d.query.push(['cursor', tamperedCursor(world, random)]);
    return 'query.cursor tampered';
  },
  (d, _w, random) => {
    // Costly to send and to answer: one mutation in three of this kind is tried, the others pass their turn.
    if (!random.chance(0.3)) return false;
    const many = random.int(50, 800);
    for (let i = 0; i < many; i++) d.query.push([`p${i}`, 'x']);
    return `query ${many} params`;
  },
];

/** Field-level: one slot of the body gets a value of the wrong kind. */
const fieldMutation =
  (label: string, value: (slotSchema: Schema | undefined, world: World, random: Random) => unknown): Mutation =>
  (d, world, random) => {
    if (d.payload !== undefined) return false;
    const slots = slotsOf(d.body, d.op.body?.schema);
    if (!slots.length) return false;
    const slot = random.pick(slots);
    const v = value(slot.schema, world, random);
    if (Array.isArray(slot.container)) slot.container[slot.key as number] = v;
    else setOwn(slot.container, slot.key as string, v);
    return `body.${slot.name || String(slot.key)}=${label}`;
  };

export const bodyMutations: Mutation[] = [
  fieldMutation('hostile', (s, _w, random) => hostileFor(s, random)),
  fieldMutation('text', (_s, _w, random) => random.pick(HOSTILE_STRINGS)),
  fieldMutation('sized', (s, _w, random) => sizedString(random, s?.['maxLength'] as number | undefined)),
  fieldMutation('wrong type', (_s, _w, random) => random.pick(wrongTypes())),
  fieldMutation('number', (s, _w, random) => random.pick(hostileIntegers(s ?? {}))),
  fieldMutation('deep', (_s, _w, random) => deeplyNested(random.pick([64, 2_000, 60_000]))),
  fieldMutation('other id', (_s, world, random) => anyRealId(world, random)),
  (d, _w, random) => {
    // Every text field at once at its documented maximum, in multi-byte characters: a column narrower than the
    // schema, or counted in bytes, refuses only such a body, and only the database would notice.
    if (d.payload !== undefined) return false;
    const unit = random.pick(['字', '😀', 'é', 'a']);
    let filled = 0;
    for (const slot of slotsOf(d.body, d.op.body?.schema)) {
      const max = slot.schema?.['maxLength'];
      const value = Array.isArray(slot.container) ? slot.container[slot.key as number] : slot.container[slot.key];
      if (typeof value !== 'string' || typeof max !== 'number' || /Ids?$|^photos$|^(campus|area)Id$/.test(slot.name))
        continue;
      const text = unit.repeat(Math.floor(max / unit.length));
      if (Array.isArray(slot.container)) slot.container[slot.key as number] = text;
      else slot.container[slot.key as string] = text;
      filled++;
    }
    return filled > 0 && `body text at its limits (${unit})`;
  },
  (d, _w, random) => {
    if (d.payload !== undefined || !isRecord(d.body)) return false;
    const keys = Object.keys(d.body);
    if (!keys.length) return false;
    const key = random.pick(keys);
    delete d.body[key];
    return `body.${key} missing`;
  },
  (d, _w, random) => {
    if (d.payload !== undefined) return false;
    if (!isRecord(d.body)) d.body = {};
    const body = d.body as Record<string, unknown>;
    const key = random.pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toJSON', 'valueOf', 'extra']);
    setOwn(body, key, random.pick([{ polluted: true }, { prototype: { polluted: true } }, 'x', 1, null]));
    return `body extra ${key}`;
  },
  (d, _w, random) => {
    if (d.payload !== undefined) return false;
    d.body = random.pick([null, [], [{}], 'text', 0, true, new RawJson('{}'), deeplyNested(100_000)]);
    return 'body replaced';
  },
  (d, _w, random) => {
    const text = d.payload === undefined ? toJson(d.body ?? {}) : d.payload.toString();
    d.payload = random.pick([
      () => text.slice(0, random.int(0, Math.max(0, text.length - 1))),
      () => '',
      () => '   ',
      () => `\ufeff${text}`,
      () => `${text}}garbage`,
      () => text.replace(/^\{/, '{"title":1,"title":2,'),
      () => "{'single':'quotes'}",
      () => '{"a":}',
      () => 'nul',
      () => Buffer.from(text, 'utf16le'),
      () => Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d]),
      () => randomBytes(64),
    ])();
    return 'body bytes';
  },
  (d, _w, random) => {
    if (!random.chance(0.4)) return false;
    const size = random.pick([250 * 1024, 257 * 1024, 2 * 1024 * 1024]);
    const fields = isRecord(d.body) ? toJson(d.body).slice(1, -1) : '';
    d.payload = `{${fields}${fields ? ',' : ''}"pad":"${padding(size)}"}`;
    return `body ${size} bytes`;
  },
  (d, _w, random) => {
    d.contentType = random.pick([
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'multipart/form-data',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json;;;',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'application/json, text/plain',
      'application/xml',
      '',
      'x'.repeat(2000),
      '*/*',
    ]);
    if (d.body === undefined && d.payload === undefined) d.payload = '{}';
    return `content-type ${String(d.contentType).slice(0, 40)}`;
  },
  (d) => {
    if (d.body !== undefined || d.payload !== undefined) return false;
    d.body = { unexpected: 'body' };
    return 'body where none is expected';
  },
];

export const headerMutations: Mutation[] = [
  (d, world, random) => {
    const own = world.headers[d.caller]['authorization'] ?? world.headers.verified['authorization']!;
    const token = own.slice('Bearer '.length);
    const [header, payload] = token.split('.');
    const forged = b64(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), aud: 'xianzhi-admin' }),
    );
    d.headers['authorization'] = random.pick([
      `Bearer ${token.slice(0, -3)}${token.endsWith('A') ? 'BBB' : 'AAA'}`,
      `Bearer ${b64('{"alg":"none","typ":"JWT"}')}.${payload}.`,
      `Bearer ${header}.${forged}.${token.split('.')[2]}`,
      `Bearer ${randomBytes(24).toString('base64url')}`,
      'Bearer',
      'Bearer ',
      `bearer ${token}`,
      `Basic ${b64('admin:admin')}`,
      `Bearer ${token}, Bearer ${token}`,
      `Bearer ${'x'.repeat(8000)}`,
      `Bearer ${token}\t`,
      'Bearer ..',
      `Bearer ${b64('{}')}.${b64('{}')}.${b64('{}')}`,
    ]);
    return 'authorization tampered';
  },
  (d, _w, random) => {
    d.caller = random.pick(CALLERS);
    return `as ${d.caller}`;
  },
  (d, _w, random) => {
    d.headers[random.pick(['x-forwarded-for', 'x-real-ip', 'user-agent', 'accept', 'accept-encoding', 'origin'])] =
      random.pick(['', '::1, 300.1.1.1, garbage', 'x'.repeat(4000), '*/*;q=NaN', 'gzip;q=1e309', 'null']);
    return 'odd header';
  },
];

/** The photo upload is multipart: its own catalogue of well- and ill-formed bodies. */
export const uploadMutations: Mutation[] = [
  (d, world, random) =>
    multipart(d, random, [{ name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: world.images.jpeg }]),
  (d, world, random) =>
    multipart(d, random, [
      {
        name: 'file',
        filename: random.pick(['b.png', 'c.webp', 'x.jpg']),
        type: random.pick(['image/png', 'image/webp', 'image/heic', 'text/plain']),
        bytes: random.pick([world.images.png, world.images.webp, world.images.cutPng]),
      },
    ]),
  (d, _w, random) =>
    multipart(d, random, [
      {
        name: 'file',
        filename: 'odd.jpg',
        type: 'image/jpeg',
        bytes: random.pick([
          Buffer.alloc(0),
          Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
          Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(200)]),
          Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '),
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          Buffer.from('GIF89a\u0001\u0000\u0001\u0000'),
          randomBytes(1024),
        ]),
      },
    ]),
  (d, world, random) =>
    multipart(d, random, [
      {
        name: random.pick(['photo', '', '__proto__', 'file\u0000']),
        filename: random.pick(HOSTILE_STRINGS),
        type: 'image/jpeg',
        bytes: world.images.jpeg,
      },
      ...(random.chance(0.5)
        ? [{ name: 'file', filename: 'two.jpg', type: 'image/jpeg', bytes: world.images.jpeg }]
        : []),
    ]),
  (d, world, random) => {
    multipart(d, random, [{ name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: world.images.jpeg }]);
    const body = d.payload as Buffer;
    d.payload = random.pick([
      () => body.subarray(0, random.int(0, body.length - 1)),
      () => Buffer.concat([body, randomBytes(100)]),
      () => body.toString('latin1').replace(/\r\n/g, '\n'),
    ])();
    if (random.chance(0.3)) d.contentType = random.pick(['multipart/form-data', 'multipart/form-data; boundary=']);
    return 'multipart broken';
  },
];

interface Part {
  readonly name: string;
  readonly filename: string;
  readonly type: string;
  readonly bytes: Buffer;
}

function multipart(d: Draft, random: Random, parts: Part[]): string {
  const boundary = random.chance(0.9)
    ? `----xz${randomBytes(6).toString('hex')}`
    : random.pick(['"q u o t e d"', 'x'.repeat(80)]);
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}\r\n\r\n`,
    ),
    p.bytes,
    Buffer.from('\r\n'),
  ]);
  d.payload = Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
  d.body = undefined;
  d.contentType = `multipart/form-data; boundary=${boundary}`;
  return `multipart ${parts.map((p) => p.name).join('+')}`;
}

const paddings = new Map<number, string>();
/** Made once per size: a fresh 2 MB string per request would cost more than the server's answer. */
function padding(size: number): string {
  if (!paddings.has(size)) paddings.set(size, 'x'.repeat(size));
  return paddings.get(size)!;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawJson);
}
