/**
 * Generates N realistic listings for the scale benchmarks, on SQLite or MariaDB/MySQL.
 *
 *   ./xz pnpm bench:generate -- --n 100000 --db sqlite:/work/bench-data/100k.sqlite
 *   ./xz pnpm bench:generate -- --n 1000000 --db mariadb://xianzhi:xianzhi-test@127.0.0.1:3307/xz_bench_1m
 *
 * The schema comes from the committed migrations and the campus, category tree and demo users from the demo
 * seed; then a few thousand students with category preferences, N listings spread over 150 days (the seed
 * generator's Chinese titles and descriptions, every category of the default tree, realistic kinds, prices,
 * conditions, areas and fates: sold, reserved, withdrawn, expired, renewed), favorites and daily views drawn
 * from those preferences (the recommenders' signals), and the search index of every live listing built with
 * the adapter's own tokenizer, exactly as `IndexedListingSearch.index` would (each posting carrying the listing's
 * `listed_at`). Rows go in as multi-row
 * INSERTs, one transaction per batch, with the search index's secondary index dropped during the load and
 * rebuilt once at the end. The database is emptied first (`--keep` refuses to touch one that has listings).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CATEGORY_TREE, UlidGenerator } from '../../packages/core/src/index.ts';
import {
  migrateDatabase,
  openPersistence,
  PinyinSearchTokenizer,
  redactDatabaseUrl,
} from '../../packages/adapters/src/index.ts';
import { seedDemo } from '../../packages/api/src/seed/seed-demo.ts';
import { DEMO_CAMPUS } from '../../packages/api/src/seed/demo-world.ts';
import { generateListings } from '../../packages/api/src/seed/generator/listing-generator.ts';
import { SeededRandom } from '../../packages/api/src/seed/random.ts';
import { cliArgs, databaseSize, openBulk, resetDatabase, type BulkDb, type Row } from './bulk-db.ts';
import { searchTokenSecondaryIndexes } from './indexes.ts';

const DAY = 86_400_000;
const SPAN_DAYS = 150;
const BATCH = 2000;
const NICK_HEAD = ['小', '阿', '大', '老', '学长', '学姐', '同学', '萌新', '考研', '夜猫'];
const NICK_TAIL = [
  '明',
  '华',
  '芳',
  '杰',
  '婷',
  '磊',
  '静',
  '强',
  '敏',
  '洋',
  '鹏',
  '雪',
  '琪',
  '浩',
  '宇',
  '晨',
  '悦',
  '涛',
  '欣',
  '博',
];
const MAJORS = ['计算机', '数学', '物理', '化学', '经管', '外语', '法学', '医学', '建筑', '艺术', '机械', '电子'];

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    n: { type: 'string', default: '100000' },
    db: { type: 'string' },
    users: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '20261125' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
if (!values.db) {
  process.stderr.write(
    'usage: bench:generate -- --n 100000 --db sqlite:/work/bench-data/100k.sqlite|mariadb://user:pass@host:port/db [--users 3000] [--seed S]\n',
  );
  process.exit(2);
}
const url = values.db;
const total = Number(values.n);
const userCount = Number(values.users);
const seed = Number(values.seed);

const LISTING_COLUMNS = [
  'id',
  'campus_id',
  'owner_id',
  'kind',
  'title',
  'description',
  'price',
  'original_price',
  'category_id',
  'root_category_id',
  'item_condition',
  'area_id',
  'trade_methods',
  'photos',
  'book',
  'status',
  'removal_reason',
  'version',
  'created_at',
  'updated_at',
  'listed_at',
  'last_renewed_at',
  'expires_at',
  'view_count',
  'favorite_count',
  'comment_count',
  'price_history',
];

const log = (msg: string) => process.stdout.write(`${msg}\n`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmt = (n: number) => n.toLocaleString('en-US');

const started = Date.now();
const now = new Date();
if (!values.keep) await resetDatabase(url);
await migrateDatabase({ url });
{
  // Campus, the default category tree and the demo users, through the core use cases.
  const persistence = await openPersistence({ url });
  try {
    await seedDemo(persistence, { listings: 0, now });
  } finally {
    await persistence.close();
  }
}

const db = await openBulk(url);
try {
  const existing = await db.query<{ n: number }>('select count(*) as n from listing');
  if (Number(existing[0]!.n) > 0)
    throw new Error('the database already has listings: leave out --keep to start from an empty one');
  if (db.dialect === 'mysql') await db.run('set session unique_checks = 0, foreign_key_checks = 0');
  log(`Generating ${fmt(total)} listings and ${fmt(userCount)} students into ${redactDatabaseUrl(url)}`);
  await generate(db);
  log("Rebuilding the search index's secondary indexes");
  const t = Date.now();
  for (const ix of searchTokenSecondaryIndexes(db.dialect)) await db.run(ix.create);
  await db.run(
    db.dialect === 'mysql' ? 'analyze table listing, search_token, favorite, listing_view, app_user' : 'analyze',
  );
  log(`  done in ${secs(Date.now() - t)}`);
  const live = await db.query<{ n: number }>('select count(*) as n from listing where live = 1');
  const tokens = await db.query<{ n: number }>('select count(*) as n from search_token');
  const size = await databaseSize(db, url);
  log(
    `Done: ${fmt(total)} listings (${fmt(Number(live[0]!.n))} live), ${fmt(Number(tokens[0]!.n))} index postings, ` +
      `database ${(size / 1024 / 1024).toFixed(0)} MB, total ${secs(Date.now() - started)}`,
  );
} finally {
  await db.close();
}

async function generate(db: BulkDb): Promise<void> {
  const rng = new SeededRandom(seed);
  const categories = await db.query<{ id: string; parent_id: string | null; code: string; name: string }>(
    'select id, parent_id, code, name from category where campus_id = ?',
    [DEMO_CAMPUS.id],
  );
  const byId = new Map(categories.map((c) => [c.id, c]));
  const leafByPath = new Map<string, { id: string; rootId: string; names: string[] }>();
  for (const c of categories) {
    const root = c.parent_id ? byId.get(c.parent_id) : undefined;
    if (root) leafByPath.set(`${root.name}/${c.name}`, { id: c.id, rootId: root.id, names: [c.name, root.name] });
  }
  const rootCodes = DEFAULT_CATEGORY_TREE.map((r) => r.code);
  const rootIdByCode = new Map(categories.filter((c) => !c.parent_id).map((c) => [c.code, c.id]));

  // Students: each likes two root categories, which drives what they view and favorite.
  const tUsers = Date.now();
  const start = now.getTime() - SPAN_DAYS * DAY;
  let clock = start - 200 * DAY;
  const userIds = new UlidGenerator(() => clock);
  const users: { id: string; likes: string[] }[] = [];
  const fansOf = new Map<string, string[]>();
  const userRows: Row[] = [];
  for (let i = 0; i < userCount; i++) {
    clock += Math.floor((200 * DAY) / userCount);
    const id = userIds.next();
    const likes = [rng.pick(rootCodes), rng.pick(rootCodes)].map((code) => rootIdByCode.get(code)!);
    users.push({ id, likes });
    for (const root of new Set(likes)) {
      const list = fansOf.get(root) ?? [];
      list.push(id);
      fansOf.set(root, list);
    }
    const created = new Date(clock);
    const verified = rng.chance(0.8) ? new Date(clock + DAY) : null;
    const nickname = `${rng.pick(NICK_HEAD)}${rng.pick(NICK_TAIL)}·${rng.pick(MAJORS)}${i % 100}`;
    userRows.push([
      id,
      `BENCH${String(i).padStart(8, '0')}`,
      nickname,
      null,
      DEMO_CAMPUS.id,
      verified,
      'active',
      'student',
      created,
      created,
    ]);
  }
  await db.insert(
    'app_user',
    [
      'id',
      'qq_open_id',
      'nickname',
      'avatar_url',
      'campus_id',
      'verified_at',
      'status',
      'role',
      'created_at',
      'updated_at',
    ],
    userRows,
  );
  log(`  ${fmt(userCount)} students in ${secs(Date.now() - tUsers)}`);

  for (const ix of searchTokenSecondaryIndexes(db.dialect)) await db.run(ix.drop);

  const tokenizer = new PinyinSearchTokenizer();
  const listingIds = new UlidGenerator(() => clock);
  const lifetime = DEMO_CAMPUS.listingLifetimeDays * DAY;
  const t0 = Date.now();
  let index = 0;
  let pending: Promise<void> = Promise.resolve();
  let postings = 0;
  let favorites = 0;
  let views = 0;
  let listings: Row[] = [];
  let tokens: Row[] = [];
  let favs: Row[] = [];
  let viewRows: Row[] = [];
  const flush = async () => {
    const batch = { listings, tokens, favs, viewRows };
    listings = [];
    tokens = [];
    favs = [];
    viewRows = [];
    // The database writes one batch while the next one is generated.
    await pending;
    pending = (async () => {
      await db.insert('listing', LISTING_COLUMNS, batch.listings, db.dialect === 'sqlite' ? 300 : 1000);
      await db.insert(
        'search_token',
        ['campus_id', 'token', 'listing_id', 'field', 'listed_at'],
        batch.tokens,
        db.dialect === 'sqlite' ? 2000 : 4000,
      );
      await db.insert(
        'favorite',
        ['user_id', 'listing_id', 'created_at'],
        batch.favs,
        db.dialect === 'sqlite' ? 2000 : 4000,
      );
      await db.insert(
        'listing_view',
        ['listing_id', 'viewer_key', 'day'],
        batch.viewRows,
        db.dialect === 'sqlite' ? 2000 : 4000,
      );
    })();
    await Promise.resolve();
  };

  for (const g of generateListings(total, { seed, areaCount: DEMO_CAMPUS.areas.length })) {
    const listedAt = start + ((index + rng.next()) / total) * (SPAN_DAYS * DAY - 3_600_000);
    index++;
    clock = Math.floor(listedAt);
    const id = listingIds.next();
    const leaf = leafByPath.get(`${g.rootCategory}/${g.category}`);
    if (!leaf) throw new Error(`unknown category ${g.rootCategory}/${g.category}`);
    const owner = users[rng.int(users.length)]!;
    const age = (now.getTime() - listedAt) / DAY;
    let listed = listedAt;
    let renewedAt: number | null = null;
    // Some sellers renew (擦亮) an old listing: it moves to the top of the feed again.
    if (age > 45 && rng.chance(0.2)) {
      renewedAt = listedAt + (30 + rng.int(15)) * DAY + rng.int(DAY);
      listed = renewedAt;
    }
    const expiresAt = listed + lifetime;
    const fate = rng.next();
    let status =
      fate < 0.15 ? 'sold' : fate < 0.21 ? 'reserved' : fate < 0.25 ? 'withdrawn' : fate < 0.255 ? 'removed' : 'active';
    if ((status === 'active' || status === 'reserved') && expiresAt <= now.getTime()) status = 'expired';
    const live = status === 'active' || status === 'reserved';
    const updatedAt = Math.min(now.getTime() - 60_000, listed + rng.int(3 * DAY));

    const fans = fansOf.get(leaf.rootId) ?? [];
    const pickUser = () => (fans.length > 0 && rng.chance(0.8) ? rng.pick(fans) : users[rng.int(users.length)]!.id);
    const favCount = rng.chance(0.35) ? 1 + rng.int(rng.chance(0.2) ? 12 : 3) : 0;
    const favUsers = new Set<string>();
    for (let f = 0; f < favCount; f++) {
      const u = pickUser();
      if (u === owner.id || favUsers.has(u)) continue;
      favUsers.add(u);
      favs.push([u, id, new Date(Math.min(now.getTime() - 1000, listedAt + rng.int(5 * DAY)))]);
    }
    const viewers = new Set<string>();
    for (let v = 0, n = rng.int(6) + favUsers.size; v < n; v++) viewers.add(pickUser());
    for (const u of favUsers) viewers.add(u);
    viewers.delete(owner.id);
    for (const u of viewers) {
      const day = new Date(Math.min(now.getTime() - 1000, listedAt + rng.int(4 * DAY))).toISOString().slice(0, 10);
      viewRows.push([id, `u:${u}`, day]);
    }
    favorites += favUsers.size;
    views += viewers.size;

    const price = g.price;
    listings.push([
      id,
      DEMO_CAMPUS.id,
      owner.id,
      g.kind,
      g.title,
      g.description,
      price,
      g.originalPrice,
      leaf.id,
      leaf.rootId,
      g.condition,
      DEMO_CAMPUS.areas[g.areaIndex]?.id ?? null,
      JSON.stringify(g.tradeMethods),
      '[]',
      g.book
        ? JSON.stringify({
            isbn: g.book.isbn,
            author: g.book.author,
            publisher: g.book.publisher,
            course: g.book.course,
          })
        : null,
      status,
      status === 'removed' ? '违规内容' : null,
      1,
      new Date(listedAt),
      new Date(updatedAt),
      new Date(listed),
      renewedAt === null ? null : new Date(renewedAt),
      new Date(expiresAt),
      viewers.size + rng.int(20),
      favUsers.size,
      0,
      JSON.stringify(price === null ? [] : [{ at: new Date(listedAt).toISOString(), from: null, to: price }]),
    ]);
    if (live) {
      const doc = tokenizer.document({
        title: g.title,
        description: g.description,
        categoryNames: leaf.names,
        isbn: g.book?.isbn ?? null,
      });
      // Every posting carries the listing's feed position, as the store writes it (renewals included);
      // formatted once per listing rather than once per posting by the driver.
      const listedValue =
        db.dialect === 'sqlite' ? Math.floor(listed) : new Date(listed).toISOString().slice(0, 23).replace('T', ' ');
      for (const t of doc) tokens.push([DEMO_CAMPUS.id, t.token, id, t.field, listedValue]);
      postings += doc.length;
    }
    if (index % BATCH === 0 || index === total) {
      await flush();
      if (index % (BATCH * 10) === 0 || index === total) {
        const elapsed = Date.now() - t0;
        log(
          `  ${fmt(index)} / ${fmt(total)} listings, ${fmt(postings)} postings, ${fmt(favorites)} favorites, ${fmt(views)} views ` +
            `(${secs(elapsed)}, ${fmt(Math.round((index / elapsed) * 1000))} listings/s)`,
        );
      }
    }
  }
  await pending;
  // The bulk rows never went through the outbox: the search projector starts after what is there now.
  const last = await db.query<{ seq: number | null }>('select max(seq) as seq from outbox');
  await db.run('delete from projection_checkpoint where name = ?', ['search']);
  await db.run('insert into projection_checkpoint (name, last_seq) values (?, ?)', [
    'search',
    Number(last[0]?.seq ?? 0),
  ]);
  log(`  listings written in ${secs(Date.now() - t0)}`);
}
