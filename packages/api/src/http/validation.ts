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
    if (check.Check(value)) return { value };
    return { error: check.Errors(value) as unknown as Error };
  };
};

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
    default:
      return e.message;
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function join(path: readonly string[]): string {
  return path.join('.');
}
