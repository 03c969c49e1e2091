import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { isErr, type UnitOfWork } from '@xianzhi/core';
import type { OrmContext } from './context.js';

/** MariaDB/MySQL error numbers after which running the whole unit again can succeed. */
const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_LOCK_DEADLOCK = 1213;

export interface LockConflictRetry {
  /** Runs of one unit in all, the first included. */
  readonly attempts: number;
  /** The longest wait before the second run; it doubles for each later one, and each wait is jittered. */
  readonly firstBackoffMs: number;
}

export const DEFAULT_LOCK_CONFLICT_RETRY: LockConflictRetry = { attempts: 5, firstBackoffMs: 25 };

/** Carries an `err` Result out of `transactional`, which rolls back only on a throw. */
/** Thrown only to make MikroORM roll the transaction back; caught below and turned back into the err. */
class Refused extends Error {
  constructor(readonly result: unknown) {
    super('unit of work refused');
  }
}

/**
 * A unit of work is one database transaction on a fork of the EntityManager. It commits only an ok
 * result. When MariaDB picks it as a deadlock victim (and has rolled it back) or a lock wait times
 * out, the whole unit runs again, from a fresh fork, after a short jittered wait: the work re-reads
 * what it changes, so a second run decides afresh. Only the outermost unit retries; a nested run
 * joins it and lets the error through.
 */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly ctx: OrmContext,
    private readonly retry: LockConflictRetry = DEFAULT_LOCK_CONFLICT_RETRY,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.ctx.inTransaction) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (e) {
        if (attempt >= this.retry.attempts || !isLockConflict(e)) throw e;
        await backOff(this.retry, attempt);
      }
    }
  }

  private async once<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.ctx.orm.em.fork().transactional(async (em) => {
        const result = await this.ctx.runIn(em as SqlEntityManager, work);
        if (isErr(result)) throw new Refused(result);
        return result;
      });
    } catch (e) {
      if (e instanceof Refused) return e.result as T;
      throw e;
    }
  }
}

/**
 * One statement run outside any unit of work (a view counter, a view log entry): MariaDB may pick even a
 * single autocommit UPDATE as the victim of a deadlock with a transaction on the same row (a detail view
 * while the owner edits), and has then rolled the statement back, so it runs again, as a unit would.
 * Inside a unit the error goes up unchanged, and the unit runs again as a whole.
 */
export async function retryOnLockConflict<T>(
  ctx: OrmContext,
  statement: () => Promise<T>,
  retry: LockConflictRetry = DEFAULT_LOCK_CONFLICT_RETRY,
): Promise<T> {
  if (ctx.inTransaction) return statement();
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (e) {
      if (attempt >= retry.attempts || !isLockConflict(e)) throw e;
      await backOff(retry, attempt);
    }
  }
}

/** Jittered, so the two sides of a deadlock do not meet again at the same moment. */
function backOff(retry: LockConflictRetry, attempt: number): Promise<void> {
  const ceiling = retry.firstBackoffMs * 2 ** (attempt - 1);
  return sleep(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** A deadlock or a lock wait timeout, as the driver reports it (MikroORM keeps the driver's `errno`). */
export function isLockConflict(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const errno = (e as { errno?: unknown }).errno;
    if (errno === ER_LOCK_DEADLOCK || errno === ER_LOCK_WAIT_TIMEOUT) return true;
  }
  return false;
}
