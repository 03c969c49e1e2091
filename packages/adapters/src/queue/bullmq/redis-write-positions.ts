import { Redis } from 'ioredis';
import { redisConnection } from './bullmq-job-queue.js';

/**
 * Max-merge of two MariaDB GTID positions (`domain-server-sequence`, comma-separated) in Redis. Sequences are
 * compared as digit strings (length, then text): Lua's numbers are doubles and would round past 2^53.
 */
const MERGE = `
local function later(a, b)
  if #a ~= #b then return #a > #b end
  return a > b
end
local function parse(position, into)
  if not position then return end
  for d, s, n in string.gmatch(position, '(%d+)-(%d+)-(%d+)') do
    local known = into[d]
    if not known or later(n, known[2]) then into[d] = { s, n } end
  end
end
local merged = {}
parse(redis.call('GET', KEYS[1]), merged)
parse(ARGV[1], merged)
local parts = {}
for d, e in pairs(merged) do parts[#parts + 1] = d .. '-' .. e[1] .. '-' .. e[2] end
table.sort(parts)
local value = table.concat(parts, ',')
redis.call('SET', KEYS[1], value, 'EX', ARGV[2])
return value
`;

/**
 * The database position of each caller's last write, shared by every API process: after a write a process
 * stores it here, and any process answering that caller's next read makes its replica wait for it (or reads
 * the primary). Keys live `ttlSeconds` (renewed by every write): a replica further behind than that is broken,
 * not lagging. Fails fast (half a second) when Redis is away; callers then read the primary.
 */
export class RedisWritePositions {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    url: string,
    prefix = 'xz',
    private readonly ttlSeconds = 600,
  ) {
    this.prefix = `${prefix}:last-write:`;
    this.redis = new Redis({
      ...redisConnection(url),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      commandTimeout: 500,
    });
    // Failures reach the caller as rejected commands; without a listener ioredis prints every reconnect failure.
    this.redis.on('error', () => {});
  }

  async get(caller: string): Promise<string | null> {
    return this.redis.get(this.prefix + caller);
  }

  /**
   * Merges `position` into the caller's (domain by domain, the later sequence wins), atomically: two writes of
   * one caller answered by two processes at once leave the later of both, whichever stores last.
   */
  async set(caller: string, position: string): Promise<void> {
    await this.redis.eval(MERGE, 1, this.prefix + caller, position, String(this.ttlSeconds));
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
