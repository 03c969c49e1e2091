import { RawJson } from './hostile.js';
import { members, typeOf, type Operation, type Schema } from '../openapi.js';
import type { Random } from './random.js';
import type { Caller, World } from './world.js';

/** A request being built: URL parts already percent-encoded, the body as a value until a mutation writes it out. */
export interface Draft {
  readonly op: Operation;
  caller: Caller;
  path: Record<string, string>;
  query: [string, string | null][];
  /** undefined: no body. May hold RawJson tokens. */
  body: unknown;
  /** Bytes that replace the serialized body (truncated JSON, multipart, other encodings). */
  payload?: string | Buffer;
  /** undefined: application/json when there is a body; null: no content-type header at all. */
  contentType?: string | null;
  headers: Record<string, string>;
  /** Appended to the path: a trailing slash, a double slash… */
  pathSuffix: string;
  /** Another method than the documented one (HEAD, OPTIONS, one the path does not have). */
  method?: string;
  readonly mutations: string[];
}

/** What app.inject() gets, and what a failure report shows. */
export interface Wire {
  readonly index: number;
  readonly op: string;
  readonly caller: Caller;
  readonly mutations: readonly string[];
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  readonly remoteAddress: string;
}

/** A mutation changes the draft and names itself, or answers false when it does not apply here. */
export type Mutation = (d: Draft, world: World, random: Random) => string | false;

/** Every (container, key) slot of a body, each with the schema that describes it, for field mutations. */
export interface Slot {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
  readonly schema: Schema | undefined;
  readonly name: string;
}

export function slotsOf(value: unknown, schema: Schema | undefined, name = ''): Slot[] {
  if (value === null || typeof value !== 'object' || value instanceof RawJson) return [];
  const s = schema && pickMember(schema, value);
  if (Array.isArray(value)) {
    const items = s?.['items'] as Schema | undefined;
    return value.flatMap((v, i) => [{ container: value, key: i, schema: items, name }, ...slotsOf(v, items, name)]);
  }
  const props = (s?.['properties'] ?? {}) as Record<string, Schema>;
  const record = value as Record<string, unknown>;
  return Object.keys(record).flatMap((k) => [
    { container: record, key: k, schema: props[k], name: k },
    ...slotsOf(record[k], props[k], k),
  ]);
}

function pickMember(schema: Schema, value: object): Schema | undefined {
  const kind = Array.isArray(value) ? 'array' : 'object';
  return members(schema).find((m) => typeOf(m) === kind);
}
