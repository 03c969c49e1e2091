import { RedisVersionCounter, RedisWritePositions } from '@xianzhi/adapters';
import { ConsistentReads } from '../cache/consistent-reads.js';
import { ContainerModule } from 'inversify';
import { ResponseCache } from '../cache/response-cache.js';
import { CacheVersion } from '../cache/version.js';
import { Cache } from './cache-tokens.js';
import { factory } from './token.js';
import { Config, Core, Ports } from './tokens.js';

/**
 * The response cache. Both bindings are per process (and per container: two apps built in one test
 * process have a cache each, like two server processes). With XZ_REDIS_URL the version is shared
 * through Redis; without it (embedded, one process) it lives in this process alone.
 */
export const cacheModule = new ContainerModule(({ bind }) => {
  factory(
    bind(Cache.Version),
    (config, logger) => {
      let lastWarning = 0;
      const counter = config.redis ? new RedisVersionCounter(config.redis.url, config.redis.prefix) : null;
      return new CacheVersion(counter, {
        onError: (error) => {
          // Redis away: the cache is bypassed (see CacheVersion.current); one warning per 30 s is enough.
          if (Date.now() - lastWarning < 30_000) return;
          lastWarning = Date.now();
          logger.warn({ err: error }, 'response cache: Redis version not readable, serving without cache');
        },
      }).start();
    },
    [Config.App, Config.Logger],
  );
  // Not started here: the first search starts it (CachedSynonyms), so the worker and the CLI never poll it.
  factory(
    bind(Cache.SynonymVersion),
    (config) =>
      new CacheVersion(
        config.redis ? new RedisVersionCounter(config.redis.url, config.redis.prefix, 'synonym-version') : null,
      ),
    [Config.App],
  );
  factory(
    bind(Cache.Reads),
    (config, logger, replicas) => {
      if (!replicas) return ConsistentReads.none();
      let lastWarning = 0;
      const positions = config.redis ? new RedisWritePositions(config.redis.url, config.redis.prefix) : null;
      return new ConsistentReads(replicas, positions, (error) => {
        // Redis away: signed-in callers read the primary until it answers again; one warning per 30 s.
        if (Date.now() - lastWarning < 30_000) return;
        lastWarning = Date.now();
        logger.warn({ err: error }, 'read replicas: last writes not readable in Redis, reading the primary');
      });
    },
    [Config.App, Config.Logger, Ports.Replicas],
  );
  factory(
    bind(Cache.Responses),
    (version, clock, reads) => new ResponseCache(version, { now: () => clock.now().getTime(), reads }),
    [Cache.Version, Core.Clock, Cache.Reads],
  );
});
