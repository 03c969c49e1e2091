import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { OrmContext } from './context.js';

/* Helpers the trades repositories share: dates as either driver returns them, unique-key inserts, row locks. */

export const date = (v: Date | string | number) => new Date(v);
export const maybeDate = (v: Date | string | number | null) => (v === null ? null : new Date(v));

/** Inserts a row; false when a unique key (the primary key or a one-at-a-time key) already holds it. */
export async function insertUnique<T extends object>(ctx: OrmContext, entity: new () => T, row: T): Promise<boolean> {
  try {
    // A plain copy: the identity map never holds it, so a later flush in the unit cannot write it back.
    await ctx.em().insert(entity, { ...row });
    return true;
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) return false;
    throw e;
  }
}

export function lockOptions(ctx: OrmContext, forUpdate: boolean | undefined) {
  // SQLite serialises writers on its one connection; row locks are a server-database matter.
  return forUpdate && ctx.inTransaction && ctx.dialect === 'mysql'
    ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, disableIdentityMap: true }
    : { refresh: true, disableIdentityMap: true };
}
