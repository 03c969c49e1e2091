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
 * the version that change leaves behind, never under the new one.
 */
export async function cachedReply<T>(
  reply: FastifyReply,
  cache: ResponseCache,
  key: string,
  compute: () => Promise<CacheableAnswer<T>>,
  onHit?: (entry: CachedBody) => Promise<void>,
): Promise<FastifyReply> {
  const version = cache.currentVersion();
  if (version === null) {
    const answer = await compute();
    reply.header('x-cache', 'bypass');
    return reply.type(JSON_TYPE).send(reply.serialize(answer.payload));
  }
  const { entry, from } = await cache.getOrFill(version, key, async () => {
    const answer = await compute();
    return {
      body: reply.serialize(answer.payload) as string,
      ...(answer.countsViewOf !== undefined && { countsViewOf: answer.countsViewOf }),
      ...(answer.found !== undefined && { found: answer.found }),
    };
  });
  // A request that waited for another's computation is counted as a hit is: its own view, its own search.
  if (from !== 'miss') await onHit?.(entry);
  reply.header('x-cache', from === 'miss' ? 'miss' : 'hit');
  return reply.type(JSON_TYPE).send(entry.body);
}
