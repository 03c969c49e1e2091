import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { banner, redactRedisUrl } from '../src/main/banner.js';

describe('start banner', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'xz-banner-'));
  const secret = 'x'.repeat(40);

  it('says where the jobs run, and never prints the Redis password', () => {
    expect(banner(loadConfig({ XZ_JWT_SECRET: secret }, { cwd }), 'http://127.0.0.1:8080')).toContain(
      'Jobs              in this process (in-process queue)',
    );
    const redis = { XZ_JWT_SECRET: secret, XZ_REDIS_URL: 'redis://:s3cret@cache:6380/1' };
    const withRedis = banner(
      loadConfig({ ...redis, XZ_DATABASE_URL: 'mariadb://u:p@db:3306/xz' }, { cwd }),
      'http://127.0.0.1:8080',
    );
    expect(withRedis).toContain('Jobs              BullMQ on redis://:***@cache:6380/1; run them with ./xz worker');
    expect(withRedis).not.toContain('s3cret');
    expect(banner(loadConfig(redis, { cwd }), 'http://127.0.0.1:8080')).toContain(
      'Jobs              BullMQ on redis://:***@cache:6380/1, run in this process (SQLite)',
    );
    expect(redactRedisUrl('rediss://app:pw@cache.example.com:6379')).toBe('rediss://app:***@cache.example.com:6379');
    expect(redactRedisUrl('redis://127.0.0.1:6380')).toBe('redis://127.0.0.1:6380');
  });
});
