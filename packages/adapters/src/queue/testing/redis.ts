import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The Redis the test script started. Missing fails the run: the BullMQ suite is part of the
 * contract, never silently skipped.
 */
export function testRedisUrl(): string {
  const url = process.env['XZ_TEST_REDIS_URL'];
  if (!url) throw new Error('XZ_TEST_REDIS_URL is not set: run the tests with ./xz test, which starts Redis');
  return url;
}

/** A key prefix no other test uses, and a way to delete its keys afterwards. */
export function uniquePrefix(label = 'xzt'): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}

export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
