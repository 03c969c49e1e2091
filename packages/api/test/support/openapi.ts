// The `swagger()` decoration's type: the app registers the plugin, the test only reads the document.
import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** A JSON Schema as the OpenAPI document carries it (TypeBox output: plain objects, no $ref). */
export type Schema = Record<string, unknown>;

export interface Parameter {
  readonly in: 'path' | 'query';
  readonly name: string;
  readonly required: boolean;
  readonly schema: Schema;
}

export interface Operation {
  /** `GET /v1/listings/{id}`, as the document names it. */
  readonly key: string;
  readonly method: string;
  /** The path template with `{name}` placeholders. */
  readonly path: string;
  readonly params: readonly Parameter[];
  readonly body: { readonly schema: Schema; readonly required: boolean } | null;
}

interface Document {
  readonly paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: RequestBody }>>;
}
interface RequestBody {
  readonly required?: boolean;
  readonly content: Record<string, { schema: Schema }>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Every documented operation: the fuzzer's and the access matrix's list of routes. */
export function operationsOf(document: unknown): Operation[] {
  const doc = document as Document;
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const json = op.requestBody?.content['application/json'];
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p) => ({
          in: p.in,
          name: p.name,
          required: p.required === true,
          schema: p.schema,
        })),
        body: json ? { schema: json.schema, required: op.requestBody?.required === true } : null,
      });
    }
  }
  return out;
}

/** The OpenAPI document the app serves at /docs/json. */
export function openApiDocument(app: FastifyInstance): unknown {
  return app.swagger();
}

/** `/v1/listings/{id}` → `/v1/listings/:id`, the form Fastify's route table uses. */
export function routePath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/** The member schemas of a union, or the schema itself. */
export function members(schema: Schema): Schema[] {
  const union = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  return union ? union.flatMap(members) : [schema];
}

/** The JSON type a schema describes (`enum` without a type counts as its values' type). */
export function typeOf(schema: Schema): string | undefined {
  if (typeof schema['type'] === 'string') return schema['type'];
  const values = schema['enum'] as unknown[] | undefined;
  if (values?.length) return typeof values[0];
  if ('const' in schema) return typeof schema['const'];
  return undefined;
}
