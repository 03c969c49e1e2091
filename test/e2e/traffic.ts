import type { Student } from './production.js';

/**
 * A steady mix of student reads and writes for fault tests: each virtual client is one student,
 * sending one request at a time with a short pause, so the rate stays even while the database comes
 * and goes. Every answer is recorded with when it was sent and how long it took.
 */

export type Operation = 'feed' | 'search' | 'detail' | 'publish' | 'favorite' | 'unfavorite' | 'comment';

export interface Exchange {
  readonly op: Operation;
  readonly student: string;
  /** The listing acted on (detail, favorite, comment), or the one created (publish, when answered). */
  readonly listingId: string | null;
  readonly sentAt: number;
  readonly answeredAt: number;
  /** 0 when no answer came (the client gave up after `timeoutMs`). */
  readonly status: number;
  readonly code: string | null;
  readonly retryAfter: string | null;
  /** The created id: listing for publish, comment for comment. */
  readonly createdId: string | null;
}

/** Deterministic, so a failing run replays (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['自行车', '台灯', '教材', '显示器', '耳机', '书架', '键盘', '篮球'];

export function listingBody(categoryId: string, title: string) {
  return {
    kind: 'item',
    title,
    description: '停机测试时发布，成色良好，可小刀',
    price: 12_300,
    originalPrice: null,
    categoryId,
    condition: 'lightly_used',
    areaId: 'east-dorm',
    tradeMethods: ['face_to_face'],
    photos: [],
  };
}

export interface TrafficOptions {
  readonly url: string;
  readonly students: readonly Student[];
  /** Listings to read and act on; publishes answered 2xx are added as they come. */
  readonly listingIds: string[];
  readonly categoryId: string;
  readonly seed: number;
  /** Pause after each answer, per client. */
  readonly pauseMs: number;
  readonly timeoutMs: number;
  readonly shouldStop: () => boolean;
}

/** Runs one client per student until `shouldStop`; answers every exchange. */
export async function steadyTraffic(options: TrafficOptions): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  const random = seeded(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let published = 0;

  const client = async (student: Student) => {
    // Per client, which listings it has favorited (as the server last said), so favorite toggles.
    const favorited = new Set<string>();
    while (!options.shouldStop()) {
      const roll = random();
      const listingId = pick(options.listingIds);
      let op: Operation;
      if (roll < 0.25) op = 'feed';
      else if (roll < 0.4) op = 'search';
      else if (roll < 0.6) op = 'detail';
      else if (roll < 0.72) op = 'publish';
      else if (roll < 0.86) op = favorited.has(listingId) ? 'unfavorite' : 'favorite';
      else op = 'comment';
      const request = ((): { method: string; path: string; body?: unknown } => {
        switch (op) {
          case 'feed':
            return { method: 'GET', path: '/v1/listings?campusId=demo&limit=20' };
          case 'search':
            return { method: 'GET', path: `/v1/search?campusId=demo&q=${encodeURIComponent(pick(WORDS))}` };
          case 'detail':
            return { method: 'GET', path: `/v1/listings/${listingId}` };
          case 'publish':
            return {
              method: 'POST',
              path: '/v1/listings',
              body: listingBody(options.categoryId, `停机测试 ${pick(WORDS)} ${++published}`),
            };
          case 'favorite':
            return { method: 'PUT', path: `/v1/listings/${listingId}/favorite` };
          case 'unfavorite':
            return { method: 'DELETE', path: `/v1/listings/${listingId}/favorite` };
          case 'comment':
            return { method: 'POST', path: `/v1/listings/${listingId}/comments`, body: { body: '还在吗？可以小刀吗' } };
        }
      })();
      const sentAt = Date.now();
      let status = 0;
      let body = null as { id?: string; error?: { code?: string } } | null;
      let retryAfter: string | null = null;
      try {
        const res = await fetch(options.url + request.path, {
          method: request.method,
          headers: {
            authorization: student.authorization,
            ...(request.body !== undefined && { 'content-type': 'application/json' }),
          },
          ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        const text = await res.text();
        body = text ? (JSON.parse(text) as typeof body) : null;
      } catch {
        // No answer within timeoutMs (or the connection failed): recorded as status 0.
      }
      const ok = status >= 200 && status < 300;
      if (ok && op === 'favorite') favorited.add(listingId);
      if (ok && op === 'unfavorite') favorited.delete(listingId);
      const createdId = ok && (op === 'publish' || op === 'comment') ? (body?.id ?? null) : null;
      if (op === 'publish' && createdId) options.listingIds.push(createdId);
      exchanges.push({
        op,
        student: student.id,
        listingId: op === 'publish' ? createdId : listingId,
        sentAt,
        answeredAt: Date.now(),
        status,
        code: body?.error?.code ?? null,
        retryAfter,
        createdId,
      });
      await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  await Promise.all(options.students.map(client));
  return exchanges;
}
