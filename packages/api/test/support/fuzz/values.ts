import { isbn13 } from '../http.js';
import { members, typeOf, type Operation, type Schema } from '../openapi.js';
import type { Random } from './random.js';
import type { IdKind, World } from './world.js';

/** Path segments before an `{id}` and the kind of id they hold. */
const ID_BY_SEGMENT: Record<string, IdKind | null> = {
  listings: 'listing',
  comments: 'comment',
  users: 'user',
  verifications: 'user',
  categories: 'category',
  campuses: 'campus',
  cases: 'case',
  'blocked-terms': 'blockedTerm',
  notifications: 'notification',
  feedback: 'feedback',
  'saved-searches': 'savedSearch',
  banners: 'banner',
  notices: 'notice',
  photos: 'photo',
  offers: 'offer',
  trades: 'trade',
  ratings: 'rating',
  'dead-letters': null,
};

/** Fields whose valid value is a real id of some kind. */
const ID_BY_FIELD: Record<string, IdKind> = {
  campusId: 'campus',
  categoryId: 'category',
  parentId: 'category',
  areaId: 'area',
  listingId: 'listing',
  replyToCommentId: 'comment',
  noticeId: 'notice',
  photoId: 'photo',
  photos: 'photo',
  photoIds: 'photo',
  actorId: 'user',
  buyerId: 'user',
};

const WORDS = ['台灯', '自行车', 'iPhone', 'ipda', 'zixingche', 'zxc', '高等数学', '9787040396638', '考研', '耳机'];
const TEXT = ['九成新，自提', '还在吗？', '违规', '申诉通过', '正文', '测试 文本', 'hello'];

/** A ULID-shaped id that names nothing. */
export function unknownId(random: Random): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = '01';
  for (let i = 0; i < 24; i++) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

export function realId(world: World, random: Random, kind: IdKind): string {
  const pool = world.ids[kind];
  return pool.length ? random.pick(pool) : unknownId(random);
}

/** Any real id of any kind: the wrong kind of thing where an id is expected. */
export function anyRealId(world: World, random: Random): string {
  const kind = random.pick(Object.keys(world.ids) as IdKind[]);
  return realId(world, random, kind);
}

/** The value a careful client would put in a path parameter: a real id of the kind the path names. */
export function validPathValue(op: Operation, name: string, world: World, random: Random): string {
  const segments = op.path.split('/');
  const at = segments.indexOf(`{${name}}`);
  if (name === 'variant') return random.pick(['thumb', 'medium', 'large']);
  const kind = ID_BY_SEGMENT[segments[at - 1] ?? ''];
  // Bans and releases of the callers themselves would change who they are; aim those at others.
  if (kind === 'user' && op.method === 'POST' && op.path.startsWith('/v1/admin/'))
    return random.pick(world.ids.user.filter((id) => !world.callerUserIds.includes(id)));
  if (!kind) return unknownId(random);
  // Deletions aim at all but the first of a kind, so reads and edits keep a live target all run long.
  const pool = world.ids[kind];
  if (op.method === 'DELETE' && pool.length > 1) return random.pick(pool.slice(1));
  return realId(world, random, kind);
}

/** A value that passes the schema, with real ids and sensible text, so the request reaches the use case. */
export function validValue(schema: Schema, name: string, op: Operation, world: World, random: Random): unknown {
  const options = members(schema);
  const nonNull = options.filter((m) => m['type'] !== 'null');
  const s = nonNull.length && random.chance(0.9) ? random.pick(nonNull) : random.pick(options);
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum'])) return random.pick(s['enum'] as unknown[]);
  switch (typeOf(s)) {
    case 'null':
      return null;
    case 'boolean':
      return random.chance(0.5);
    case 'integer':
    case 'number':
      return validNumber(s, name, random);
    case 'string':
      return validString(s, name, op, world, random);
    case 'array': {
      const items = (s['items'] ?? {}) as Schema;
      const min = (s['minItems'] as number | undefined) ?? 0;
      const max = Math.min((s['maxItems'] as number | undefined) ?? 3, min + 3);
      return Array.from({ length: random.int(min, Math.max(min, max)) }, () =>
        validValue(items, name, op, world, random),
      );
    }
    case 'object':
      return validObject(s, op, world, random);
    default:
      return random.pick(TEXT);
  }
}

function validObject(schema: Schema, op: Operation, world: World, random: Random): Record<string, unknown> {
  const props = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    if (required.has(key) || random.chance(0.5)) out[key] = validValue(prop, key, op, world, random);
  }
  return out;
}

function validNumber(s: Schema, name: string, random: Random): number {
  const min = (s['minimum'] as number | undefined) ?? 0;
  const max = (s['maximum'] as number | undefined) ?? { version: 3, position: 999 }[name] ?? 100_000;
  return random.int(min, Math.min(max, min + 100_000));
}

function validString(s: Schema, name: string, op: Operation, world: World, random: Random): string {
  if (s['format'] === 'date-time') {
    // Windows open in the past and close in the future, as people set them.
    const days = name === 'endsAt' || name === 'to' ? random.int(1, 30) : random.int(-30, 0);
    return new Date(Date.now() + days * 86_400_000).toISOString();
  }
  const kind = ID_BY_FIELD[name];
  if (kind) return realId(world, random, kind);
  switch (name) {
    case 'targetId':
      return realId(world, random, random.pick(['listing', 'comment', 'user'] as const));
    case 'refreshToken':
      return world.refreshTokens.pop() ?? 'spent';
    case 'user':
      return random.pick(['alice', 'bob', 'carol', 'dave']);
    case 'code':
      return op.path.includes('qq-login')
        ? `demo:${random.pick(['alice', 'bob', 'dave', 'erin'])}`
        : `fz-${random.int(0, 1e9).toString(36)}`;
    case 'username':
      return op.path.includes('admin') ? 'admin' : `20${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    case 'password':
      return op.path.includes('admin') ? world.adminPassword : 'demo';
    case 'path':
      return random.pick(['pages/home/index', 'pages/search/index', 'pages/category/index']);
    case 'avatarUrl':
      return random.chance(0.5)
        ? realId(world, random, 'photo')
        : `/media/photos/${realId(world, random, 'photo')}/medium`;
    case 'isbn':
      return isbn13(`978${String(random.int(0, 999_999_999)).padStart(9, '0')}`);
    case 'templateIds':
      return random.pick(['demo-comment', 'demo-price-drop', 'unknown-template']);
    case 'muted':
      return random.pick(['price_drop', 'comment', 'reply', 'listing_removed']);
    case 'q':
    case 'term':
      return random.pick(WORDS);
    case 'cursor':
      return world.cursor;
    default: {
      const max = (s['maxLength'] as number | undefined) ?? 50;
      return random.pick(TEXT).slice(0, Math.max(1, max));
    }
  }
}

/**
 * Rules the schema cannot say, applied to a generated body so that the baseline request is one the use
 * case accepts (a wanted post has no condition, a book has an ISBN, photos are the author's own…).
 */
export function makeCoherent(op: Operation, body: unknown, world: World, random: Random): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (op.key === 'POST /v1/listings' || op.key === 'PATCH /v1/listings/{id}') {
    const kind = b['kind'];
    if (kind === 'wanted') Object.assign(b, { originalPrice: null, condition: null });
    else if (kind && !b['condition']) b['condition'] = random.pick(['new', 'like_new', 'lightly_used']);
    if (Array.isArray(b['tradeMethods']))
      b['tradeMethods'] = b['tradeMethods'].length ? [...new Set(b['tradeMethods'])] : ['face_to_face'];
    if (kind !== 'book') delete b['book'];
    if (kind === 'book' && !b['book']) b['book'] = { isbn: validString({}, 'isbn', op, world, random) };
    if (b['photos']) b['photos'] = world.ownPhotos.slice(0, random.int(0, world.ownPhotos.length));
    if (op.key === 'PATCH /v1/listings/{id}') delete b['book'];
  }
  if (op.key === 'POST /v1/me/campus-verification' && random.chance(0.8))
    return { method: 'password', username: validString({}, 'username', op, world, random), password: 'demo' };
  if (op.key === 'POST /v1/listings/{id}/comments' && b['replyToCommentId'] && random.chance(0.5))
    delete b['replyToCommentId'];
  if (op.key.includes('/v1/admin/banners')) {
    if (b['photoId']) b['photoId'] = world.adminPhoto;
    const target = b['target'] as Record<string, unknown> | undefined;
    if (target) {
      const kind = target['kind'] as string;
      const wanted = { listing: 'listingId', category: 'categoryId', notice: 'noticeId', page: 'path' }[kind];
      for (const key of Object.keys(target)) if (key !== 'kind' && key !== wanted) delete target[key];
      if (wanted && !target[wanted]) target[wanted] = validString({}, wanted, op, world, random);
    }
  }
  if (b['campusId'] && op.path.startsWith('/v1/admin/') && random.chance(0.8)) b['campusId'] = 'demo';
  return b;
}
