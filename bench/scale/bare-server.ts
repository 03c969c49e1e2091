import type * as Fastify_ from 'fastify';
/**
 * The ceiling for GET /v1/listings on this stack: a bare Fastify route that runs the same three statements
 * the full stack runs for the first feed page (the keyset feed query, the campus's categories, the sellers)
 * with mysql2 directly, and answers the same JSON shape. No validation, ORM, container or auth.
 *
 *   node --import tsx bench/scale/bare-server.ts <mariadb-url> <port>
 */
import mysql from 'mysql2/promise';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDatabaseUrl } from '../../packages/adapters/src/index.ts';

const [url, port] = process.argv.slice(2);
const target = parseDatabaseUrl(url!);
if (target.dialect !== 'mysql') throw new Error('the bare route speaks MySQL/MariaDB only');
const pool = mysql.createPool({
  host: target.host,
  port: target.port,
  user: target.user,
  password: target.password,
  database: target.dbName,
  charset: 'utf8mb4',
  connectionLimit: 10,
  timezone: 'Z',
});
// Fastify is a dependency of the api package (the same copy the app uses); resolve it from there.
const apiRequire = createRequire(resolve(dirname(fileURLToPath(import.meta.url)), '../../packages/api/package.json'));
const { default: Fastify } = (await import(pathToFileURL(apiRequire.resolve('fastify')).href)) as typeof Fastify_;
const app = Fastify({ logger: false });

type Row = Record<string, unknown>;
app.get('/v1/listings', async (request) => {
  const campusId = (request.query as { campusId?: string }).campusId ?? 'demo';
  const [rows] = (await pool.query(
    'select `l`.* from `listing` as `l` where `l`.`campus_id` = ? and `l`.`expires_at` > ? and (l.live = 1) order by `l`.`listed_at` desc, `l`.`id` desc limit ?',
    [campusId, new Date(), 21],
  )) as unknown as [Row[]];
  const page = rows.slice(0, 20);
  const [categories] = (await pool.query(
    'select `c0`.* from `category` as `c0` where `c0`.`campus_id` = ? order by `c0`.`sort_order` asc, `c0`.`id` asc',
    [campusId],
  )) as unknown as [Row[]];
  const owners = [...new Set(page.map((r) => r['owner_id'] as string))];
  const [users] = owners.length
    ? ((await pool.query(
        `select \`u0\`.* from \`app_user\` as \`u0\` where \`u0\`.\`id\` in (${owners.map(() => '?').join(', ')})`,
        owners,
      )) as unknown as [Row[]])
    : [[] as Row[]];
  const categoryById = new Map(categories.map((c) => [c['id'], c]));
  const userById = new Map(users.map((u) => [u['id'], u]));
  const last = page.at(-1);
  return {
    items: page.map((l) => {
      const c = categoryById.get(l['category_id']);
      const root = categoryById.get(l['root_category_id']);
      const u = userById.get(l['owner_id']);
      const photos = (typeof l['photos'] === 'string' ? JSON.parse(l['photos']) : l['photos']) as string[];
      return {
        id: l['id'],
        kind: l['kind'],
        title: l['title'],
        price: l['price'],
        originalPrice: l['original_price'],
        status: l['status'],
        category: { id: c?.['id'], name: c?.['name'], rootId: root?.['id'], rootName: root?.['name'] },
        condition: l['item_condition'],
        areaId: l['area_id'],
        coverPhotoUrl: photos[0] ? `/media/photos/${photos[0]}/thumb` : null,
        listedAt: (l['listed_at'] as Date).toISOString(),
        viewCount: l['view_count'],
        favoriteCount: l['favorite_count'],
        commentCount: l['comment_count'],
        seller: { id: u?.['id'], nickname: u?.['nickname'], avatarUrl: u?.['avatar_url'] ?? null },
      };
    }),
    nextCursor:
      rows.length > 20 && last
        ? Buffer.from(JSON.stringify([(last['listed_at'] as Date).getTime(), last['id']])).toString('base64url')
        : null,
  };
});
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.stdout.write(`bare route listening on ${port}\n`);
