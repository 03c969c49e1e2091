import type { FastifyReply } from 'fastify';
import type { CachedBody, ResponseCache } from './response-cache.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export interface CacheableAnswer<T> {
  readonly payload: T;
  /** Set when a later hit must count a view of this listing (an anonymous detail of a live listing). */
  readonly countsViewOf?: string;
  /** How many results the body shows, when a later hit must count a search of it (first search pages). */
  readonly found?: number;
}

/**
 * Answers from the cache of ready-to-send bodies, or computes, serializes with the route's response schema
 * and stores. Hit and miss send the same string with the same content type, so the bytes are the same.
 * The version is taken before anything is read: a body computed while a change commits is stored under
 * the version that change leaves behind, never under the new one. With read replicas the reads of a miss
 * go to a replica (see `ConsistentReads`), and the body is kept only when it shows the whole version.
 */
export async function cachedReply<T>(
  reply: FastifyReply,
  cache: ResponseCache,
  key: string,
  compute: () => Promise<CacheableAnswer<T>>,
  onHit?: (entry: CachedBody) => Promise<void>,
): Promise<FastifyReply> {
  const version = cache.currentVersion();
  // A caller who just wrote something must see it: a body older than their write is no hit for them.
  const mustSee = await cache.reads.mustSee(reply.request.actor);
  const readAndSerialize = async (fill: boolean) => {
    const read = await cache.reads.read(mustSee, compute, { fill });
    const answer = read.value;
    const entry: CachedBody = {
      body: reply.serialize(answer.payload) as string,
      ...(answer.countsViewOf !== undefined && { countsViewOf: answer.countsViewOf }),
      ...(answer.found !== undefined && { found: answer.found }),
      ...(read.position !== null && { position: read.position }),
    };
    // A body read from a replica that had not caught up with the version is answered, never kept.
    return { entry, keep: read.fresh };
  };
  if (version === null) {
    reply.header('x-cache', 'bypass');
    return reply.type(JSON_TYPE).send((await readAndSerialize(false)).entry.body);
  }
  const hit = cache.get(version, key);
  if (hit && cache.reads.covers(hit.position, mustSee)) {
    await onHit?.(hit);
    reply.header('x-cache', 'hit');
    return reply.type(JSON_TYPE).send(hit.body);
  }
  if (mustSee !== null) {
    // Their own write to see: a read of their own (no waiting on another's, which may be older).
    const { entry, keep } = await readAndSerialize(true);
    if (keep) cache.set(version, key, entry);
    reply.header('x-cache', 'miss');
    return reply.type(JSON_TYPE).send(entry.body);
  }
  const { entry, from } = await cache.getOrFill(version, key, () => readAndSerialize(true));
  // A request that waited for another's computation is counted as a hit is: its own view, its own search.
  if (from !== 'miss') await onHit?.(entry);
  reply.header('x-cache', from === 'miss' ? 'miss' : 'hit');
  return reply.type(JSON_TYPE).send(entry.body);
}
