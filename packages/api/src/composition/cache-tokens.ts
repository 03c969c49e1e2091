import type { ConsistentReads } from '../cache/consistent-reads.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { CacheVersion } from '../cache/version.js';
import { token } from './token.js';

/** Ready-to-send bodies of hot public pages, per process, and the version that invalidates them. */
export const Cache = {
  Version: token<CacheVersion>('CacheVersion'),
  Responses: token<ResponseCache>('ResponseCache'),
  /** Where cached and per-caller reads go: read replicas (with the caller's own writes in sight) or the one database. */
  Reads: token<ConsistentReads>('ConsistentReads'),
  /** Moves only after a committed change to a synonym group: the version of every process's synonym tables. */
  SynonymVersion: token<CacheVersion>('SynonymVersion'),
};
