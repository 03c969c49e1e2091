import type { FieldProblem } from '@xianzhi/core';
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

/**
 * Validates with TypeBox's own compiler so what is checked is exactly what the static types say.
 * Query strings and path parameters arrive as text and are converted first ("20" → 20); bodies are
 * not converted, and a missing body counts as `{}` so a body-less POST gets per-field errors.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (input: unknown) => {
    const value = httpPart === 'body' ? (input ?? {}) : Value.Convert(schema, input);
    const control = textErrors(schema, value);
    if (check.Check(value) && control.length === 0) return { value };
    return { error: [...check.Errors(value), ...control] as unknown as Error };
  };
};

/** Marks a request string as free text (descriptions, comments, reasons): tab and line breaks are allowed. */
export const FREE_TEXT = 'x-free-text';

/** U+0000–U+001F and U+007F; tab, LF and CR pass when `whitespaceAllowed`. */
function hasControlCharacter(text: string, whitespaceAllowed: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7f) return true;
    if (c < 0x20 && !(whitespaceAllowed && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
  }
  return false;
}

/** A UTF-16 surrogate without its pair: not a character, and no database stores it as one. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Control characters are never data here: refused in every string a request carries (identifiers,
 * cursors, titles, names…), except tab and line breaks in free text. One check at the edge, so no
 * route, use case or query ever sees a NUL. Text that is not well-formed Unicode (a lone surrogate,
 * `"\ud800"` in JSON) is refused too: SQLite kept it as U+FFFD and MariaDB's JSON columns refused it. The walk keeps its own stack: a body nested 100,000 arrays
 * deep (200 KB, under the body limit) would overflow the call stack of a recursive one.
 */
export function textErrors(schema: unknown, value: unknown, path = ''): SchemaError[] {
  const errors: SchemaError[] = [];
  const pending: { schema: unknown; value: unknown; path: string }[] = [{ schema, value, path }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const s = branch(next.schema, next.value);
    const v = next.value;
    if (typeof v === 'string') {
      if (hasControlCharacter(v, s?.[FREE_TEXT] === true))
        errors.push({ keyword: 'controlCharacters', instancePath: next.path, params: {}, message: '不能包含控制字符' });
      else if (LONE_SURROGATE.test(v))
        errors.push({
          keyword: 'loneSurrogate',
          instancePath: next.path,
          params: {},
          message: '不能包含无效的 Unicode 字符',
        });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        pending.push({ schema: s?.['items'], value: v[i], path: `${next.path}/${i}` });
    } else if (v !== null && typeof v === 'object') {
      const props = s?.['properties'] as Record<string, unknown> | undefined;
      for (const [k, item] of Object.entries(v).reverse())
        pending.push({
          schema: props?.[k] ?? s?.['additionalProperties'],
          value: item,
          path: `${next.path}/${escapePointer(k)}`,
        });
    }
  }
  return errors;
}

/** The member of a union that describes this value (JSON Schema `type` of its kind). */
function branch(schema: unknown, value: unknown): Record<string, unknown> | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const s = schema as Record<string, unknown>;
  const members = (s['anyOf'] ?? s['oneOf']) as Record<string, unknown>[] | undefined;
  if (!members) return s;
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return members.find((m) => m['type'] === kind || (kind === 'number' && m['type'] === 'integer')) ?? members[0];
}

interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message: string;
}

/** Turns schema errors into `{ field: 'book.isbn', message }`, one per field, most specific first. */
export function fieldProblems(errors: readonly SchemaError[], context: string | undefined): FieldProblem[] {
  const raw: FieldProblem[] = [];
  for (const e of errors) {
    const base = e.instancePath.split('/').filter(Boolean).map(unescapePointer);
    if (e.keyword === 'boolean') continue; // repeats an additionalProperties error
    if (e.keyword === 'required') {
      for (const name of (e.params['requiredProperties'] as string[] | undefined) ?? [])
        raw.push({ field: join([...base, name]), message: '必填' });
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      for (const name of (e.params['additionalProperties'] as string[] | undefined) ?? [])
        raw.push({ field: join([...base, name]), message: '不支持的字段' });
      continue;
    }
    raw.push({ field: join(base) || (context ?? 'body'), message: describe(e) });
  }
  const fields = raw.map((p) => p.field);
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  // Prefer the deepest complaint: "book must be null" says nothing once "book.isbn must be string" is known.
  for (const p of raw) {
    if (seen.has(p.field) || fields.some((f) => f.startsWith(p.field + '.'))) continue;
    seen.add(p.field);
    out.push(p);
  }
  return out;
}

function describe(e: SchemaError): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return `类型应为 ${String(p['type'])}`;
    case 'enum':
      return `取值须为 ${((p['allowedValues'] as unknown[] | undefined) ?? []).join(' / ')} 之一`;
    case 'const':
      return `取值须为 ${String(p['allowedValue'])}`;
    case 'minLength':
      return `长度不能少于 ${String(p['limit'])}`;
    case 'maxLength':
      return `长度不能超过 ${String(p['limit'])}`;
    case 'minimum':
      return `不能小于 ${String(p['limit'])}`;
    case 'maximum':
      return `不能大于 ${String(p['limit'])}`;
    case 'maxItems':
      return `最多 ${String(p['limit'])} 项`;
    case 'anyOf':
      return '格式不正确';
    case 'controlCharacters':
      return '不能包含控制字符';
    case 'loneSurrogate':
      return '不能包含无效的 Unicode 字符';
    default:
      return e.message;
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function join(path: readonly string[]): string {
  return path.join('.');
}
