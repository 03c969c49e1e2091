import type { Random } from './random.js';

/** A JSON token written as is into a body, for numbers JSON.stringify cannot write (1e309 parses to Infinity). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Strings a careless client or an attacker sends: control characters, invisible and bidi marks, broken UTF-16… */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '   \u3000 ',
  'a\u0000b',
  '\u0000',
  '\u0001\u0002\u001f',
  'del\u007f',
  'tab\there',
  'line\nbreak\r\n',
  '\u202eRTL override\u202c',
  '\u200f\u200e\u061c',
  'zero\u200bwidth\u2060',
  '\ufeffbom',
  '\u00ad\u034f',
  'lone high \ud800',
  '\udc00 lone low',
  'x\ud83d',
  '\udfff\ud800',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  '𠀀𪚥𰻞',
  'e\u0301\u0301\u0301\u0301',
  '\uffff\ufffe\ufffd',
  "' OR '1'='1",
  "'; DROP TABLE listing; --",
  '" OR ""="',
  '1) OR (1=1',
  "\\'",
  '\\',
  '%',
  '_',
  '%_%',
  '*',
  '?',
  '$ne',
  '{"$gt":""}',
  '${7*7}{{7*7}}<%= 7*7 %>',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '/',
  '//',
  '#',
  '&a=b',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '0x1F',
  '9007199254740993',
  '1.5',
  '-1',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '0',
  '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  '00000000000000000000000000',
  'ZZZZZZZZZZZZZZZZZZZZZZZZZZ',
  '2026-02-30T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '2026-01-01T00:00:00+25:00',
  '2026-13-45T99:99:99Z',
  'demo:',
  'demo:__proto__',
  'demo:alice\u0000',
  'Bearer x',
];

/** Times that pass a `date-time` check or nearly do: the ends of every calendar a database or Date has. */
export const HOSTILE_DATES: readonly string[] = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '0999-12-31T23:59:59Z',
  '1000-01-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '2038-01-19T03:14:08Z',
  '2106-02-07T06:28:16Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00.000Z',
  '+010000-01-01T00:00:00Z',
  '2026-02-29T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2016-12-31T23:59:60Z',
  '2026-01-01T00:00:00.123456789Z',
  '2026-01-01T00:00:00+14:00',
  '2026-01-01T00:00:00-12:00',
  '2026-01-01T00:00:00+23:59',
  '2026-01-01T00:00:00+25:00',
  '2026-01-01t00:00:00z',
  '2026-01-01 00:00:00Z',
  '2026-01-01T00:00:00',
  '2026-01-01',
  '20260101T000000Z',
  'Infinity',
  'NaN',
  '0',
];

/** Already percent-encoded pieces of a URL that no encoder would write: invalid UTF-8, overlong NUL, CESU surrogates. */
export const RAW_URL_PIECES: readonly string[] = [
  '%',
  '%%',
  '%2',
  '%zz',
  '%00',
  '%C0%80',
  '%ED%A0%80',
  '%ED%B0%80',
  '%F0%9F%98',
  '%FF%FE',
  '%E4%B8',
  '%2F',
  '%2e%2e',
  '%5C',
  '%0D%0ASet-Cookie:%20x=1',
  '%u0000',
  '+',
  ';',
  '..',
  '.',
];

/** Integers at and past every limit a schema or a column could have. */
export function hostileIntegers(schema: Record<string, unknown>): (number | RawJson)[] {
  const out: (number | RawJson)[] = [
    -1,
    0,
    1,
    -0,
    1.5,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    2 ** 53 - 1,
    2 ** 53 + 2,
    -(2 ** 53),
    1e20,
    -1e20,
    1e308,
    Number.MIN_VALUE,
    new RawJson('1e309'),
    new RawJson('-1e309'),
    new RawJson('123456789012345678901234567890'),
    new RawJson('1E400'),
    new RawJson('1e-400'),
    new RawJson('-0.0'),
    new RawJson('NaN'),
    new RawJson('Infinity'),
    new RawJson('0x10'),
    new RawJson('01'),
  ];
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
    const limit = schema[key];
    if (typeof limit === 'number') out.push(limit - 1, limit, limit + 1);
  }
  return out;
}

/** The same numbers as a query string writes them. */
export const HOSTILE_NUMBER_TEXT: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '0',
  '-1',
  '1.5',
  '0x10',
  '0b1',
  '1_000',
  ' 1',
  '1 ',
  '',
  '+1',
  '2147483648',
  '4294967296',
  '9007199254740993',
  '123456789012345678901234567890',
  '1e3',
  '51',
  '50',
  'abc',
  'true',
];

/**
 * A string near or past a length limit, in one- to four-byte characters. `huge` is the longest: 100,000 in a
 * body; less in a URL, whose whole request head a real server caps at 16 KB (Node answers 431 beyond).
 */
export function sizedString(random: Random, maxLength: number | undefined, huge = 100_000): string {
  const limit = maxLength ?? 300;
  const length = random.pick([limit, limit + 1, limit * 2, Math.max(0, limit - 1), huge]);
  const unit = random.pick(['a', '字', '😀', 'é', '\u202e']);
  // An astral character is two UTF-16 units: keep the count of units, which is what maxLength counts.
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A value of every JSON type but the expected one. */
export function wrongTypes(): unknown[] {
  return [
    null,
    true,
    false,
    0,
    -1,
    'text',
    '',
    [],
    ['a'],
    [null],
    {},
    { a: 1 },
    [[[[[[]]]]]],
    new RawJson('{"__proto__":{"polluted":true}}'),
  ];
}

/** An array nested so deep that recursive code over it would run out of stack. */
export function deeplyNested(depth: number): RawJson {
  if (!nested.has(depth)) nested.set(depth, new RawJson('['.repeat(depth) + ']'.repeat(depth)));
  return nested.get(depth)!;
}
const nested = new Map<number, RawJson>();

/** Serializes a body that may hold RawJson tokens and own `__proto__` keys, exactly as written. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

/** Sets an own property even for `__proto__`, which plain assignment would turn into a prototype change. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Percent-encodes text for a URL. Lone surrogates, which encodeURIComponent refuses, are written as the
 * three bytes a WTF-8 encoder would send (what a careless client's own encoder does).
 */
export function urlEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (high && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(text[i]!);
  }
  return out;
}
