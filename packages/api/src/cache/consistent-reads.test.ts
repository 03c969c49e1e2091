import type { ReadReplicas, ReplicaReadOptions } from '@xianzhi/adapters';
import { anonymous, type Actor } from '@xianzhi/core';
import { describe, expect, it } from 'vitest';
import { ConsistentReads, type WritePositions } from './consistent-reads.js';

const alice: Actor = {
  kind: 'user',
  userId: 'u-alice',
  campusId: 'demo',
  role: 'student',
  verified: true,
  banned: false,
};

/** A replica set whose primary is at `primary` and whose replica is at `replica` (or lags past any wait). */
function replicas(state: { primary: string; replica: string; lagging?: boolean }) {
  const calls: ReplicaReadOptions[] = [];
  const reads: ReadReplicas = {
    names: ['replica-1'],
    primaryPosition: async () => state.primary,
    read: async (work, options = {}) => {
      calls.push(options);
      if (options.primaryOnly || (options.mustSee && state.lagging)) {
        return { value: await work(), target: 'primary', position: null };
      }
      return { value: await work(), target: 'replica', position: options.position ? state.replica : null };
    },
    states: async () => [{ name: 'replica-1', up: true }],
    counts: () => ({ reads: { primary: 0, replica: 0 }, fallbacks: { unavailable: 0, lag: 0, unknown: 0 } }),
  };
  return { reads, calls };
}

function positions(
  initial: Record<string, string> = {},
  broken = false,
): WritePositions & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    get: async (k) => {
      if (broken) throw new Error('redis away');
      return map.get(k) ?? null;
    },
    set: async (k, v) => {
      if (broken) throw new Error('redis away');
      map.set(k, v);
    },
    close: async () => {},
  };
}

describe('ConsistentReads', () => {
  it('does nothing without replicas', async () => {
    const none = ConsistentReads.none();
    expect(await none.mustSee(alice)).toBeNull();
    expect(await none.read(null, async () => 1, { fill: true })).toEqual({ value: 1, fresh: true, position: null });
    expect(none.covers(undefined, null)).toBe(true);
  });

  it('remembers a caller’s write as the primary’s position, and makes their reads wait for it', async () => {
    const { reads, calls } = replicas({ primary: '0-1-42', replica: '0-1-42' });
    const store = positions();
    const consistent = new ConsistentReads(reads, store);
    expect(await consistent.mustSee(alice)).toBeNull();
    await consistent.remember(alice);
    await consistent.remember(anonymous);
    expect([...store.map]).toEqual([['user:u-alice', '0-1-42']]);
    expect(await consistent.mustSee(alice)).toEqual({ position: '0-1-42' });
    expect(await consistent.mustSee(anonymous)).toBeNull();
    await consistent.forCaller(alice, async () => 'page');
    expect(calls.at(-1)).toMatchObject({ mustSee: '0-1-42', primaryOnly: false });
  });

  it('sends a signed-in caller to the primary when their last write cannot be read', async () => {
    const errors: unknown[] = [];
    const { reads, calls } = replicas({ primary: '0-1-5', replica: '0-1-5' });
    const consistent = new ConsistentReads(reads, positions({}, true), (e) => errors.push(e));
    expect(await consistent.mustSee(alice)).toBe('everything');
    await consistent.forCaller(alice, async () => 'page');
    expect(calls.at(-1)).toMatchObject({ primaryOnly: true });
    expect(errors.length).toBe(2);
    expect(await new ConsistentReads(reads, positions({ 'user:u-alice': 'garbage' })).mustSee(alice)).toBe(
      'everything',
    );
    expect(await new ConsistentReads(reads, null).mustSee(alice)).toBe('everything');
  });

  it('calls a body fresh only when it shows everything the primary had committed before the read', async () => {
    const state = { primary: '0-1-10', replica: '0-1-9' };
    const consistent = new ConsistentReads(replicas(state).reads, positions());
    expect(await consistent.read(null, async () => 'stale', { fill: true })).toEqual({
      value: 'stale',
      fresh: false,
      position: '0-1-9',
    });
    state.replica = '0-1-11';
    expect(await consistent.read(null, async () => 'ok', { fill: true })).toMatchObject({
      fresh: true,
      position: '0-1-11',
    });
    // Read on the primary (the replica lags past the wait): at least the position read before it.
    const lagging = new ConsistentReads(replicas({ ...state, lagging: true }).reads, positions());
    expect(await lagging.read({ position: '0-1-12' }, async () => 'own', { fill: true })).toEqual({
      value: 'own',
      fresh: true,
      position: '0-1-10',
    });
  });

  it('serves a cached body to a writer only when it shows their write', () => {
    const consistent = new ConsistentReads(replicas({ primary: '', replica: '' }).reads, positions());
    expect(consistent.covers('0-1-7', null)).toBe(true);
    expect(consistent.covers('0-1-7', { position: '0-1-7' })).toBe(true);
    expect(consistent.covers('0-1-6', { position: '0-1-7' })).toBe(false);
    expect(consistent.covers(undefined, { position: '0-1-7' })).toBe(false);
    expect(consistent.covers('0-1-99', 'everything')).toBe(false);
  });
});
