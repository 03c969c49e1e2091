import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, testRedisUrl, uniquePrefix } from '../testing/redis.js';
import { RedisWritePositions } from './redis-write-positions.js';

describe('RedisWritePositions', () => {
  const url = testRedisUrl();
  const prefix = uniquePrefix();
  const [a, b] = [new RedisWritePositions(url, prefix, 60), new RedisWritePositions(url, prefix, 60)];
  afterAll(async () => {
    await a.close();
    await b.close();
    await deleteKeys(url, prefix);
  });

  it('keeps each caller’s latest position, whichever process stores last', async () => {
    expect(await a.get('user:1')).toBeNull();
    await a.set('user:1', '0-1-42');
    // An older position stored later (a slower process) does not take the newer one back.
    await b.set('user:1', '0-1-41');
    expect(await b.get('user:1')).toBe('0-1-42');
    await b.set('user:1', '0-2-43,1-1-7');
    expect(await a.get('user:1')).toBe('0-2-43,1-1-7');
    await a.set('user:1', '1-1-6');
    expect(await a.get('user:1')).toBe('0-2-43,1-1-7');
    // Sequences past 2^53 compare exactly (as digits, not as Lua's doubles).
    await a.set('user:2', '0-1-9007199254740993');
    await a.set('user:2', '0-1-9007199254740992');
    expect(await a.get('user:2')).toBe('0-1-9007199254740993');
    expect(await a.get('user:3')).toBeNull();
  });
});
