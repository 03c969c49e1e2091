import { CompiledQuery, type Kysely } from 'kysely';
import { isRaw, JsonProperty, raw, Utils, type MikroORM, type Platform } from '@mikro-orm/core';
import type { AbstractSqlConnection, AbstractSqlDriver } from '@mikro-orm/sql';

/**
 * MikroORM 7 never binds: `AbstractSqlConnection.execute` renders every parameter into the SQL text
 * (`platform.formatQuery`) and hands kysely a parameterless `CompiledQuery.raw`. Quoting keeps that
 * safe from injection, but not from a NUL byte: SQLite reads SQL text as a C string and stops at the
 * first NUL, so `where id = 'a\0b'` arrives cut short and fails to parse (a 500 on any route that
 * queries with user text). This replaces `execute` on the ORM's connections with one that sends
 * strings (and JSON) as real driver parameters, and still inlines the rest exactly as MikroORM does:
 * numbers, booleans, null, dates and buffers render as plain literals that cannot carry text.
 */
export function bindQueryParameters(orm: MikroORM, nestedArraysInParentheses: boolean): void {
  const driver = orm.em.getDriver() as unknown as AbstractSqlDriver;
  const connections = [
    driver.getConnection('write'),
    ...((driver as unknown as { replicas: unknown[] }).replicas ?? []),
  ];
  for (const connection of connections as AbstractSqlConnection[]) {
    const binder = new ParameterBinder(connection.getPlatform(), nestedArraysInParentheses);
    const inner = connection as unknown as Internals;
    connection.execute = async function (this: void, query, params = [], method = 'all', ctx, loggerContext) {
      // The same normalisation as MikroORM's `prepareQuery`: builders and named parameters become `sql` + `?` params.
      let q: unknown = typeof query === 'string' && !Array.isArray(params) ? raw(query, params) : query;
      if (typeof (q as { toRaw?: unknown }).toRaw === 'function') q = (q as { toRaw: () => unknown }).toRaw();
      const [text, values] = isRaw(q) ? [q.sql, q.params] : [q as string, params as unknown[]];
      await connection.ensureConnection();
      const { sql, parameters } = binder.bind(text, values);
      // Formatting the query for the log costs a walk of it: only when query logging is on, as MikroORM does.
      const logged = inner.config.getLogger().isEnabled('query', loggerContext)
        ? inner.getSql(text, connection.getPlatform().formatQuery(text, values), loggerContext)
        : text;
      return inner.executeQuery(
        logged,
        async () => {
          const client = (ctx ?? connection.getClient()) as Kysely<unknown>;
          const res = await client.executeQuery(CompiledQuery.raw(sql, parameters));
          return inner.transformRawResult(res, method);
        },
        { query: text, params: values, ...(loggerContext as object) },
      );
    } as AbstractSqlConnection['execute'];
  }
}

interface Internals {
  readonly config: { getLogger(): { isEnabled(namespace: string, context?: unknown): boolean } };
  getSql(query: string, formatted: string, context?: unknown): string;
  executeQuery<T>(sql: string, cb: () => Promise<T>, context?: unknown): Promise<T>;
  transformRawResult<T>(res: unknown, method: string): T;
}

/** MikroORM's `formatQuery` walk (`?` value, `??` identifier, `\?` literal) emitting placeholders for text. */
export class ParameterBinder {
  constructor(
    private readonly platform: Platform,
    private readonly nestedArraysInParentheses: boolean,
  ) {}

  bind(sql: string, params: readonly unknown[]): { sql: string; parameters: unknown[] } {
    const parameters: unknown[] = [];
    let out = '';
    let j = 0;
    let pos = 0;
    while (pos < sql.length) {
      const idx = sql.indexOf('?', pos);
      if (idx === -1) {
        out += sql.substring(pos);
        break;
      }
      if (idx > 0 && sql[idx - 1] === '\\') {
        out += sql.substring(pos, idx - 1) + '?';
        pos = idx + 1;
      } else if (sql[idx + 1] === '?') {
        out += sql.substring(pos, idx) + this.platform.quoteIdentifier(params[j++] as string);
        pos = idx + 2;
      } else {
        out += sql.substring(pos, idx) + this.value(params[j++], parameters);
        pos = idx + 1;
      }
    }
    return { sql: out, parameters };
  }

  private value(v: unknown, parameters: unknown[]): string {
    if (isRaw(v)) {
      const inner = this.bind(v.sql, v.params);
      parameters.push(...inner.parameters);
      return inner.sql;
    }
    if (typeof v === 'string') {
      parameters.push(v);
      return '?';
    }
    if (Array.isArray(v)) {
      return v
        .map((e) =>
          Array.isArray(e) && this.nestedArraysInParentheses
            ? `(${this.value(e, parameters)})`
            : this.value(e, parameters),
        )
        .join(', ');
    }
    if (Utils.isPlainObject(v) || (v as Record<symbol, unknown> | null)?.[JsonProperty]) {
      parameters.push(JSON.stringify(v));
      return '?';
    }
    return String(this.platform.quoteValue(v));
  }
}
