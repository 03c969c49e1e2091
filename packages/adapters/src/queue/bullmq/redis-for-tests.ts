// Moved to queue/testing/redis.ts (exported from @xianzhi/adapters/testing); kept for the tests importing this path.
export * from '../testing/redis.js';
