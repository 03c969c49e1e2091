import { gtidCovers, isGtidPosition, type ReadReplicas } from '@xianzhi/adapters';
import type { Actor } from '@xianzhi/core';

/** Where each caller's last write is remembered for every API process: Redis (`RedisWritePositions`). */
export interface WritePositions {
  get(caller: string): Promise<string | null>;
  set(caller: string, position: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * What a read must show of its caller's own writes: nothing known (null), everything up to a GTID position
 * (their last write's), or everything (their last write cannot be looked up: only the primary will do).
 */
export type MustSee = null | { readonly position: string } | 'everything';

export interface ConsistentRead<T> {
  readonly value: T;
  /**
   * The answer shows everything committed before the read began (the primary's position then): a body the
   * response cache may keep under the version taken before the read. A replica that was behind gives false.
   */
  readonly fresh: boolean;
  /** The GTID position the answer shows at least; null when unknown (no replicas). */
  readonly position: string | null;
}

/**
 * Reads that scale out without anyone losing sight of their own changes.
 *
 * With read replicas (`XZ_DATABASE_REPLICAS`) the feed, search, detail and recommendation reads go to a
 * replica. After a signed-in caller's write succeeds, `remember` stores the primary's GTID position (which
 * includes that write's commit) under the caller in Redis, shared by every API process. Their next read, on
 * any process, makes the replica wait for that position (`MASTER_GTID_WAIT`, a fraction of a second) and
 * reads the primary when the replica has not got there. Bodies of the shared response cache carry the
 * position they show: a caller with a remembered write is served a cached body only if it shows that write,
 * and a body read from a lagging replica is answered but not cached (see `read`'s `fresh`), so a stale page
 * never outlives the lag for anyone.
 *
 * Without replicas every read goes to the one database and this does nothing.
 */
export class ConsistentReads {
  constructor(
    private readonly replicas: ReadReplicas | null,
    private readonly positions: WritePositions | null,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** No replicas: nothing to route. */
  static none(): ConsistentReads {
    return new ConsistentReads(null, null);
  }

  async mustSee(actor: Actor | null | undefined): Promise<MustSee> {
    const caller = callerKey(actor);
    if (!this.replicas || caller === null) return null;
    // Without Redis a write on one process cannot be told to another: signed-in callers read the primary.
    if (!this.positions) return 'everything';
    try {
      const position = await this.positions.get(caller);
      if (position === null) return null;
      return isGtidPosition(position) ? { position } : 'everything';
    } catch (error) {
      this.onError(error);
      return 'everything';
    }
  }

  /** After a caller's write has committed (and before it is answered): what their next reads must show. */
  async remember(actor: Actor | null | undefined): Promise<void> {
    const caller = callerKey(actor);
    if (!this.replicas || !this.positions || caller === null) return;
    try {
      await this.positions.set(caller, await this.replicas.primaryPosition());
    } catch (error) {
      // Redis away: `mustSee` cannot read it either, and sends the caller's reads to the primary.
      this.onError(error);
    }
  }

  /** Runs `work` with its reads on a replica when one shows what the caller must see, else on the primary. */
  async read<T>(
    mustSee: MustSee,
    work: () => Promise<T>,
    options: { fill?: boolean } = {},
  ): Promise<ConsistentRead<T>> {
    if (!this.replicas) return { value: await work(), fresh: true, position: null };
    // What a body must show to be cached: everything the primary has committed before the read began. A
    // primary that does not answer leaves the replica to answer (uncached).
    const floor = options.fill ? await this.replicas.primaryPosition().catch(() => null) : null;
    const out = await this.replicas.read(work, {
      mustSee: mustSee !== null && mustSee !== 'everything' ? mustSee.position : null,
      primaryOnly: mustSee === 'everything',
      position: options.fill === true,
    });
    const position = out.target === 'primary' ? floor : out.position;
    return { value: out.value, fresh: floor !== null && position !== null && gtidCovers(position, floor), position };
  }

  /** Reads for one caller, not cached: their own writes in sight. */
  async forCaller<T>(actor: Actor | null | undefined, work: () => Promise<T>): Promise<T> {
    if (!this.replicas) return work();
    return (await this.read(await this.mustSee(actor), work)).value;
  }

  /** Whether a body cached at `position` shows what the caller must see. */
  covers(position: string | undefined, mustSee: MustSee): boolean {
    if (mustSee === null) return true;
    if (mustSee === 'everything') return false;
    return position !== undefined && gtidCovers(position, mustSee.position);
  }

  async close(): Promise<void> {
    await this.positions?.close();
  }
}

/** Whose writes a read must show: one key per student or admin; nobody for anonymous callers. */
function callerKey(actor: Actor | null | undefined): string | null {
  if (!actor) return null;
  if (actor.kind === 'user') return `user:${actor.userId}`;
  if (actor.kind === 'admin') return `admin:${actor.adminId}`;
  return null;
}
