import { jobQueueContract } from '@xianzhi/core/testing';
import { describe, expect, it } from 'vitest';
import { BullMqJobConsumers, BullMqJobQueue, jobIdFor, redisConnection } from './bullmq-job-queue.js';
import { deleteKeys, freePort, testRedisUrl, uniquePrefix } from '../testing/redis.js';

/** Each test gets its own key prefix on the shared Redis; each "process" its own connections. */
jobQueueContract('BullMQ on Redis', async () => {
  const url = testRedisUrl();
  const prefix = uniquePrefix();
  return {
    process: async () => {
      const queue = new BullMqJobQueue({ url, prefix });
      const consumers = new BullMqJobConsumers({ url, prefix });
      return {
        queue,
        consumers,
        close: async () => {
          await consumers.close();
          await queue.close();
        },
      };
    },
    unreachable: async () => {
      const queue = new BullMqJobQueue({
        url: `redis://127.0.0.1:${await freePort()}`,
        prefix,
        enqueueTimeoutMs: 1000,
      });
      return { queue, close: () => queue.close() };
    },
    dispose: () => deleteKeys(url, prefix),
  };
});

describe('BullMQ job ids', () => {
  it('escapes keys reversibly, so keys with ":" or digits only are accepted and stay distinct', () => {
    expect(jobIdFor('event:e1:search')).toBe('k-event%3Ae1%3Asearch');
    expect(jobIdFor('123')).toBe('k-123');
    expect(jobIdFor('a%3Ab')).not.toBe(jobIdFor('a:b'));
  });

  it('reads the connection from a Redis URL', () => {
    expect(redisConnection('redis://:s%40cret@10.0.0.5:6390/2')).toEqual({
      host: '10.0.0.5',
      port: 6390,
      password: 's@cret',
      db: 2,
    });
    expect(redisConnection('rediss://user:pw@cache.example.com')).toEqual({
      host: 'cache.example.com',
      port: 6379,
      username: 'user',
      password: 'pw',
      tls: {},
    });
    expect(() => redisConnection('http://x')).toThrow(/not a Redis URL/);
  });
});
