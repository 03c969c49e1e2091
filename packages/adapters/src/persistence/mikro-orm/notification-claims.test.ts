import type { ClaimedDelivery, Notification } from '@xianzhi/core';
import { aNotification } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from './open.js';
import { mariadbTestDatabase, migratedPersistence, wipe, type TestDatabase } from './test-databases.js';
import { isLockConflict } from './unit-of-work.js';

const T0 = new Date('2026-09-01T02:00:00.000Z');
const LEASE_MS = 60_000;
const FAN_OUT = 2_000;
const BATCH = 50;

/** One price drop told to FAN_OUT favoriters, recorded a fan-out page (500) at a time, ids in order as ULIDs are. */
async function recordFanOut(p: Persistence, run: number): Promise<Notification[]> {
  const rows = Array.from({ length: FAN_OUT }, (_, i) =>
    aNotification({
      id: `NTF${run}${String(i).padStart(22 - String(run).length, '0')}`,
      recipientId: `fav-${String(i).padStart(5, '0')}`,
      kind: 'price_drop',
      listingId: 'listing-drop',
      key: `evt-drop-${run}:fav-${i}`,
    }),
  );
  for (let i = 0; i < rows.length; i += 500) await p.notifications.record(rows.slice(i, i + 500));
  return rows;
}

interface Race {
  readonly claimed: ClaimedDelivery[];
  /**
   * Statements the database refused as a deadlock or a lock wait timeout, by operation (each then
   * retried, as the job would be).
   */
  readonly conflicts: Record<string, number>;
}

/**
 * `claimers` workers take the fan-out's batches from one queue, as the delivery jobs of one fan-out do,
 * and each runs its batch through the worker's writes: claim, prepared, requested, settled.
 */
async function race(p: Persistence, batches: readonly (readonly string[])[], claimers: number): Promise<Race> {
  const claimed: ClaimedDelivery[] = [];
  const conflicts: Record<string, number> = {};
  let next = 0;
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
  const worker = async () => {
    for (let b = next++; b < batches.length; b = next++) {
      const now = new Date(T0.getTime() + b);
      const mine = await retrying('claimMany', () =>
        p.notifications.claimMany(batches[b]!, now, new Date(now.getTime() + LEASE_MS)),
      );
      claimed.push(...mine);
      const ids = mine.map((c) => c.notification.id);
      await retrying('markPreparedMany', () => p.notifications.markPreparedMany(ids));
      await retrying('markRequestedMany', () => p.notifications.markRequestedMany(ids));
      await retrying('finishMany', () =>
        p.notifications.finishMany(
          ids.map((notificationId) => ({ notificationId, state: 'sent', reason: null })),
          now,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: claimers }, worker));
  return { claimed, conflicts };
}

function chunks(ids: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/**
 * Concurrent claims of one fan-out on MariaDB: every delivery goes to exactly one claimer, and claimers
 * working on their own batches never deadlock each other (each deadlock costs a job a retry and a warning).
 */
describe('MariaDB: concurrent claims of one fan-out', () => {
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

  it.each([4, 8])('%i claimers of batches of 50 over 2,000 pending: each claimed once, no deadlock', async (n) => {
    await wipe(p);
    const rows = await recordFanOut(p, n);
    const ids = rows.map((r) => r.id);
    const { claimed, conflicts } = await race(p, chunks(ids, BATCH), n);
    const times = new Map<string, number>();
    for (const c of claimed) times.set(c.notification.id, (times.get(c.notification.id) ?? 0) + 1);
    expect([...times.keys()].sort()).toEqual([...ids].sort());
    expect([...times.values()].filter((t) => t !== 1)).toEqual([]);
    expect(claimed.every((c) => c.delivery.attempts === 1)).toBe(true);
    expect(conflicts).toEqual({});
    const [left] = (await p.raw("select count(*) as c from notification_delivery where state <> 'sent'")) as {
      c: unknown;
    }[];
    expect(Number(left!.c)).toBe(0);
  });

  it('overlapping batches (a job queued twice, a sweep) still claim each delivery once, without deadlock', async () => {
    await wipe(p);
    const rows = await recordFanOut(p, 9);
    const ids = rows.map((r) => r.id);
    const batches = [...chunks(ids, BATCH), ...chunks(ids.slice(25), BATCH), ...chunks([...ids].reverse(), BATCH)];
    const { claimed, conflicts } = await race(p, batches, 8);
    const seen = claimed.map((c) => c.notification.id);
    expect(seen.length).toBe(new Set(seen).size);
    expect(new Set(seen).size).toBe(FAN_OUT);
    expect(conflicts).toEqual({});
  });
});
