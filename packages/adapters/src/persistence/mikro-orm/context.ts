import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityName, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Dialect } from './migrations/dialect.js';

/**
 * Binds repositories to the transaction of the surrounding unit of work without passing it
 * through core: inside `MikroOrmUnitOfWork.run` every repository call uses that transaction's
 * EntityManager; outside, each call gets a fresh fork (its own identity map).
 */
export class OrmContext {
  private readonly current = new AsyncLocalStorage<SqlEntityManager>();

  constructor(
    readonly orm: MikroORM,
    readonly dialect: Dialect,
  ) {}

  em(): SqlEntityManager {
    return this.current.getStore() ?? (this.orm.em.fork() as SqlEntityManager);
  }

  get inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  runIn<T>(em: SqlEntityManager, work: () => Promise<T>): Promise<T> {
    return this.current.run(em, work);
  }

  /**
   * Saves an entity whichever EntityManager loaded it: managed here → flush its changes; known row
   * → copy the mapped fields except `skip` onto the managed copy; new → insert.
   */
  async save<T extends object>(
    entity: EntityName<T> & (new () => T),
    value: T,
    skip: readonly string[] = [],
  ): Promise<void> {
    const em = this.em();
    const meta = em.getMetadata().get(entity);
    const pk = Object.fromEntries(meta.primaryKeys.map((k) => [k, (value as Record<string, unknown>)[k]]));
    // A primary-key filter built at run time types the answer as any; it is a T or nothing.
    const existing = (await em.findOne(entity, pk)) as T | null;
    if (existing && existing !== value) {
      for (const prop of meta.props) {
        if (prop.primary || skip.includes(prop.name)) continue;
        (existing as Record<string, unknown>)[prop.name] = (value as Record<string, unknown>)[prop.name];
      }
      await em.flush();
    } else if (existing === value) {
      await em.flush();
    } else {
      // A native insert: the caller's object may carry another context's tracking state.
      await em.insert(entity, value);
    }
  }
}
