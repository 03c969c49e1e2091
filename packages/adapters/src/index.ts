export {
  openPersistence,
  migrateDatabase,
  parseDatabaseUrl,
  redactDatabaseUrl,
  type DatabaseConfig,
  type DatabaseHandle,
  type Persistence,
  type PlatformPorts,
  type ParsedDatabaseUrl,
  type Logger,
} from './persistence/mikro-orm/open.js';
export type { OperationalStats, PoolUse, ProjectionLag } from './persistence/mikro-orm/operational-stats.js';
export { isDatabaseUnavailable, POOL_ACQUIRE_TIMEOUT } from './persistence/mikro-orm/unavailable.js';
export {
  DEFAULT_REPLICA_WAIT_MS,
  type FallbackReason,
  type ReadReplicas,
  type ReadTarget,
  type ReplicaRead,
  type ReplicaReadOptions,
  type ReplicaState,
} from './persistence/mikro-orm/replicas.js';
export { parseReplicaUrls } from './persistence/mikro-orm/replica-urls.js';
export { gtidCovers, isGtidPosition } from './persistence/mikro-orm/gtid.js';
export { HttpQqAuthClient, type HttpQqAuthClientOptions } from './qq/http-qq-auth-client.js';
export { DemoQqAuthClient, demoQqOpenId } from './qq/demo-qq-auth-client.js';
export { ScryptPasswordHasher, DEFAULT_SCRYPT, type ScryptParameters } from './security/scrypt-password-hasher.js';
export {
  Argon2idPasswordHasher,
  OWASP_ARGON2ID,
  type Argon2idParameters,
} from './security/argon2id-password-hasher.js';
export * from './campus/index.js';
export { SharpPhotoProcessor, sniffImage } from './photos/sharp-photo-processor.js';
export { LocalDiskPhotoStorage, isSafeStorageKey } from './photos/local-disk-photo-storage.js';
export { S3PhotoStorage, type S3PhotoStorageOptions } from './photos/s3-photo-storage.js';
export { QqContentSafety, IMG_SEC_CHECK_MAX_BYTES, type QqContentSafetyOptions } from './qq/qq-content-safety.js';
export { WordListContentSafety, DEMO_BLOCKED_WORDS } from './safety/word-list-content-safety.js';
export * from './search/index.js';
export * from './recommendations/index.js';
export * from './queue/index.js';
export { HmacSearcherKeys } from './security/hmac-searcher-keys.js';
export { MikroOrmSearchLog, MikroOrmBlockedSearchTerms } from './persistence/mikro-orm/search-log-repository.js';
export { MikroOrmSynonyms } from './persistence/mikro-orm/synonym-repository.js';
export * from './qq/messaging.js';
export {
  MemoryRequestRateLimiter,
  RedisRequestRateLimiter,
  type RequestQuota,
  type RequestRateLimiter,
  type RequestVerdict,
} from './security/request-rate-limiter.js';
