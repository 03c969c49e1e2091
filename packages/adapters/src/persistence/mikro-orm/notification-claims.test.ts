import { DELIVER_BATCH, FANOUT_BATCH, type ClaimedDelivery, type Notification } from '@xianzhi/core';
import { aNotification } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from './open.js';
import { mariadbTestDatabase, migratedPersistence, wipe, type TestDatabase } from './test-databases.js';
import { isLockConflict } from './unit-of-work.js';

const LEASE_MS = 60_000;
const FAN_OUT = 2_000;

/** One price drop told to FAN_OUT favoriters, ids in order as ULIDs are. */
function priceDrop(run: string): Notification[] {
  return Array.from({ length: FAN_OUT }, (_, i) =>
    aNotification({
      id: `NTF${run}${String(i).padStart(23 - run.length, '0')}`,
      recipientId: `fav-${String(i).padStart(5, '0')}`,
      kind: 'price_drop',
      listingId: 'listing-drop',
      key: `evt-drop-${run}:fav-${i}`,
    }),
  );
}

interface Race {
  readonly claimed: ClaimedDelivery[];
  /** Statements refused as a deadlock or a lock wait timeout, by operation; each was run again, as the job would be. */
  readonly conflicts: Record<string, number>;
}

/**
 * One fan-out as the worker runs it: the fan-out records a page of favoriters at a time and queues its
 * delivery batches, while `claimers` delivery jobs take batches off the queue as they come and run each
 * through the delivery's writes (claim, prepared, requested, settled). With `overlapping`, each batch is
 * followed in the queue by one shifted by half a batch, as a job queued twice or a sweep would overlap it.
 */
async function race(p: Persistence, rows: readonly Notification[], claimers: number, overlapping = false) {
  const claimed: ClaimedDelivery[] = [];
  const conflicts: Record<string, number> = {};
  const queue: string[][] = [];
  let recorded = false;
  const retrying = async <T>(op: string, work: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        if (!isLockConflict(e) || attempt >= 20) throw e;
        conflicts[op] = (conflicts[op] ?? 0) + 1;
      }
    }
  };
  const fanOut = async () => {
    for (let i = 0; i < rows.length; i += FANOUT_BATCH) {
      const page = rows.slice(i, i + FANOUT_BATCH);
      await retrying('record', () => p.notifications.record(page));
      const ids = page.map((n) => n.id);
      for (let j = 0; j < ids.length; j += DELIVER_BATCH) {
        queue.push(ids.slice(j, j + DELIVER_BATCH));
        if (overlapping) queue.push(ids.slice(j + DELIVER_BATCH / 2, j + DELIVER_BATCH * 1.5).reverse());
      }
    }
    recorded = true;
  };
  const deliver = async () => {
    for (;;) {
      const batch = queue.shift();
      if (!batch) {
        if (recorded) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      const now = new Date();
      const mine = await retrying('claimMany', () =>
        p.notifications.claimMany(batch, now, new Date(now.getTime() + LEASE_MS)),
      );
      claimed.push(...mine);
      const ids = mine.map((c) => c.notification.id);
      await retrying('markPreparedMany', () => p.notifications.markPreparedMany(ids));
      await retrying('markRequestedMany', () => p.notifications.markRequestedMany(ids));
      const sent = ids.map((notificationId) => ({ notificationId, state: 'sent' as const, reason: null }));
      await retrying('finishMany', () => p.notifications.finishMany(sent, now));
    }
  };
  await Promise.all([fanOut(), ...Array.from({ length: claimers }, deliver)]);
  return { claimed, conflicts } satisfies Race;
}

function claimCounts(claimed: readonly ClaimedDelivery[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const c of claimed) times.set(c.notification.id, (times.get(c.notification.id) ?? 0) + 1);
  return times;
}

/**
 * Concurrent delivery jobs of one fan-out on MariaDB (batches of DELIVER_BATCH over pages of FANOUT_BATCH):
 * every delivery goes to exactly one claimer, and the jobs never deadlock each other or the fan-out (each
 * deadlock costs a job a retry and the log a warning). The table is fresh, as in a first fan-out, so the
 * optimizer has no statistics to go by.
 */
describe('MariaDB: concurrent delivery jobs of one fan-out', () => {
  let db: TestDatabase;
  let p: Persistence;
  beforeAll(async () => {
    db = await mariadbTestDatabase('claims');
    p = await migratedPersistence(db);
  });
  afterAll(async () => {
    await p?.close();
    await db?.drop();
  });

  it.each([4, 8])('%i jobs over 2,000 favoriters: each delivery claimed once, no deadlock', async (n) => {
    await wipe(p);
    const rows = priceDrop(`J${n}`);
    const { claimed, conflicts } = await race(p, rows, n);
    const times = claimCounts(claimed);
    expect(times.size).toBe(FAN_OUT);
    expect([...times.values()].filter((t) => t !== 1)).toEqual([]);
    expect(claimed.every((c) => c.delivery.state === 'sending' && c.delivery.attempts === 1)).toBe(true);
    expect(conflicts).toEqual({});
    const [left] = (await p.raw("select count(*) as c from notification_delivery where state <> 'sent'")) as {
      c: unknown;
    }[];
    expect(Number(left!.c)).toBe(0);
  });

  it('batches queued twice or overlapping still claim each delivery once, without deadlock', async () => {
    await wipe(p);
    const { claimed, conflicts } = await race(p, priceDrop('DUP'), 8, true);
    const times = claimCounts(claimed);
    expect(times.size).toBe(FAN_OUT);
    expect([...times.values()].filter((t) => t !== 1)).toEqual([]);
    expect(conflicts).toEqual({});
  });
});
