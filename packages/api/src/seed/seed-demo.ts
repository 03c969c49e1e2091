import {
  actorFor,
  Campus,
  ChangeListingStatus,
  CreateAdminAccount,
  EditListing,
  EventFactory,
  LifecycleDeps,
  PostComment,
  PublishListing,
  SeedDefaultCategories,
  SetFavorite,
  UlidGenerator,
  User,
  WithdrawListing,
} from '@xianzhi/core';
import { DemoPhotoPool } from './demo-photos.js';
import type { PersistencePorts, PasswordHasher, Category, Comment, Listing, UploadPhoto } from '@xianzhi/core';
import { DEMO_ADMIN_USERNAME, DEMO_CAMPUS, DEMO_USERS, demoOpenId } from './demo-world.js';
import { generateListings } from './generator/listing-generator.js';
import { ManualClock, SeededRandom } from './random.js';

export const DEFAULT_SEED_LISTINGS = 240;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface SeedOptions {
  /** How many listings to generate; 0 seeds only the campus, categories and users. */
  readonly listings?: number;
  readonly seed?: number;
  /** "Now" for the seeded world: listings spread over the 20 days before it. */
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
  /** Seeds the admin account `admin` with this password (embedded mode). */
  readonly admin?: { readonly password: string; readonly hasher: PasswordHasher };
  /** Gives listings generated photos, uploaded through this use case (so variants exist); none without it. */
  readonly photos?: UploadPhoto;
}

export interface SeedReport {
  readonly campusCreated: boolean;
  readonly categoriesCreated: number;
  readonly usersCreated: number;
  readonly listingsCreated: number;
  /** True when listings were already there and none were added. */
  readonly listingsSkipped: boolean;
}

/**
 * The demo world: campus 示例大学 with its trade areas, the default category tree, the demo users
 * and a feed of generated listings. Everything goes through core use cases (with a clock the seed
 * controls), so seeded data obeys the same rules, events and outbox as real traffic. Re-running
 * adds nothing that is already there.
 */
export async function seedDemo(ports: PersistencePorts, options: SeedOptions = {}): Promise<SeedReport> {
  const now = options.now ?? new Date();
  const clock = new ManualClock(now);
  const ids = new UlidGenerator(() => clock.now().getTime());

  let campusCreated = false;
  if (!(await ports.campuses.byId(DEMO_CAMPUS.id))) {
    await ports.campuses.save(Campus.create({ ...DEMO_CAMPUS, areas: [...DEMO_CAMPUS.areas] }));
    campusCreated = true;
  }
  const { created: categoriesCreated } = await new SeedDefaultCategories(ports.categories, ids).execute(DEMO_CAMPUS.id);

  let usersCreated = 0;
  const users = new Map<string, User>();
  for (const demo of DEMO_USERS) {
    let user = await ports.users.byOpenId(demoOpenId(demo.handle));
    if (!user) {
      const joined = new Date(now.getTime() - 60 * DAY);
      user = User.register({
        id: ids.next(),
        qqOpenId: demoOpenId(demo.handle),
        nickname: demo.nickname,
        avatarUrl: null,
        campusId: DEMO_CAMPUS.id,
        role: demo.role,
        now: joined,
      });
      if (demo.verified) user.markVerified(new Date(joined.getTime() + DAY));
      await ports.users.save(user);
      usersCreated++;
    }
    users.set(demo.handle, user);
  }

  if (options.admin) {
    const existing = await ports.admins.byUsername(DEMO_ADMIN_USERNAME);
    if (!existing) {
      const created = await new CreateAdminAccount({
        admins: ports.admins,
        campuses: ports.campuses,
        hasher: options.admin.hasher,
        ids,
        clock,
      }).execute({
        username: DEMO_ADMIN_USERNAME,
        password: options.admin.password,
        role: 'campus_admin',
        campusId: DEMO_CAMPUS.id,
      });
      if (!created.ok) throw new Error(`seeding the demo admin failed: ${created.error.message}`);
    }
  }

  const wanted = options.listings ?? DEFAULT_SEED_LISTINGS;
  const sellers = DEMO_USERS.filter((d) => d.seller).map((d) => users.get(d.handle)!);
  const alreadySeeded = await anyListings(ports, sellers);
  const listingsCreated =
    wanted > 0 && !alreadySeeded
      ? await seedListings(ports, {
          count: wanted,
          now,
          clock,
          ids,
          users,
          sellers,
          seed: options.seed ?? 20260901,
          onProgress: options.onProgress,
          photos: options.photos ? new DemoPhotoPool(options.photos) : null,
        })
      : 0;
  return {
    campusCreated,
    categoriesCreated,
    usersCreated,
    listingsCreated,
    listingsSkipped: alreadySeeded && wanted > 0,
  };
}

async function anyListings(ports: PersistencePorts, sellers: readonly User[]): Promise<boolean> {
  for (const seller of sellers) {
    if ((await ports.listings.byOwner({ ownerId: seller.id, after: null, limit: 1 })).length > 0) return true;
  }
  return false;
}

interface ListingSeedContext {
  readonly count: number;
  readonly now: Date;
  readonly clock: ManualClock;
  readonly ids: UlidGenerator;
  readonly users: ReadonlyMap<string, User>;
  readonly sellers: readonly User[];
  readonly seed: number;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly photos: DemoPhotoPool | null;
}

const COMMENTS = [
  '还在吗？',
  '可以小刀吗？',
  '请问什么时候方便看货？',
  '能便宜一点吗，诚心要',
  '东区可以送吗？',
  '有发票吗？',
  '电池健康多少？',
  '书里笔记多吗？',
  '周末能面交吗？',
  '还能再少点吗',
  '成色怎么样，有划痕吗？',
  '想要，私聊你了',
];
const REPLIES = [
  '在的，随时可以看',
  '最低就这个价了哈',
  '可以，周六下午图书馆见',
  '笔记不多，都是铅笔',
  '可以送到楼下',
  '已经有人预订了，不好意思',
];

async function seedListings(ports: PersistencePorts, ctx: ListingSeedContext): Promise<number> {
  const { clock, ids, now } = ctx;
  const events = new EventFactory(ids, clock);
  const { listings, categories, campuses, outbox, uow, comments, favorites, photos } = ports;
  const publish = new PublishListing({ listings, categories, campuses, outbox, uow, ids, clock, events, photos });
  const edit = new EditListing({ listings, categories, campuses, outbox, uow, clock, events, photos });
  const lifecycle = new LifecycleDeps({ listings, outbox, uow, clock, events });
  const changeStatus = new ChangeListingStatus(lifecycle);
  const withdraw = new WithdrawListing(lifecycle);
  const postComment = new PostComment({ comments, listings, outbox, uow, ids, clock, events });
  const setFavorite = new SetFavorite({ favorites, listings, outbox, uow, clock, events });

  const categoryIds = categoryIndex(await categories.forCampus(DEMO_CAMPUS.id));
  const rng = new SeededRandom(ctx.seed);
  const people = [...ctx.users.values()].filter((u) => u.role === 'student');
  const speakers = people.filter((u) => u.verified);
  const span = 20 * DAY;
  const start = now.getTime() - span;
  const at = (t: number) => clock.set(new Date(Math.min(t, now.getTime() - 60_000)));

  // Its own sequence, so photos never shift the comments, favorites and fates the main one decides.
  const photoRng = new SeededRandom(ctx.seed + 1);
  if (ctx.photos) await ctx.photos.prepare([...new Set([...categoryIds.keys()].map((k) => k.split('/')[0]!))]);
  let created = 0;
  let index = 0;
  for (const g of generateListings(ctx.count, { seed: ctx.seed, areaCount: DEMO_CAMPUS.areas.length })) {
    const publishedAt = start + ((index + rng.next()) / ctx.count) * (span - HOUR);
    index++;
    const seller = ctx.sellers[rng.int(ctx.sellers.length)]!;
    const categoryId = categoryIds.get(`${g.rootCategory}/${g.category}`);
    if (!categoryId) throw new Error(`seed: generator produced unknown category ${g.rootCategory}/${g.category}`);
    at(publishedAt);
    const photos =
      ctx.photos && g.kind !== 'wanted' ? await ctx.photos.photosFor(actorFor(seller), g.rootCategory, photoRng) : [];
    const published = await publish.execute({
      actor: actorFor(seller),
      kind: g.kind,
      content: {
        title: g.title,
        description: g.description,
        price: g.price,
        originalPrice: g.originalPrice,
        categoryId,
        condition: g.condition,
        areaId: DEMO_CAMPUS.areas[g.areaIndex]?.id ?? null,
        tradeMethods: g.tradeMethods,
        photos,
        book: g.book,
      },
    });
    if (!published.ok)
      throw new Error(`seed: could not publish "${g.title}": ${published.error.code} ${published.error.message}`);
    let listing: Listing = published.value;
    created++;
    const later = (hours: number) => at(publishedAt + hours * HOUR);
    const seller$ = actorFor(seller);

    if (listing.price !== null && listing.price >= 2000 && rng.chance(0.06)) {
      later(6 + rng.int(72));
      const dropped = Math.round((listing.price * (0.8 + rng.next() * 0.15)) / 100) * 100;
      const edited = await edit.execute({
        actor: seller$,
        listingId: listing.id,
        version: listing.version,
        changes: { price: dropped },
      });
      if (edited.ok) listing = edited.value;
    }

    const others = speakers.filter((u) => u.id !== seller.id);
    if (rng.chance(0.25)) {
      const thread: Comment[] = [];
      for (let c = 0, n = 1 + rng.int(3); c < n; c++) {
        later(1 + c * 3 + rng.int(24));
        const posted = await postComment.execute({
          actor: actorFor(rng.pick(others)),
          listingId: listing.id,
          body: rng.pick(COMMENTS),
        });
        if (posted.ok) thread.push(posted.value);
      }
      const first = thread[0];
      if (first && rng.chance(0.6)) {
        later(30 + rng.int(24));
        await postComment.execute({
          actor: seller$,
          listingId: listing.id,
          body: rng.pick(REPLIES),
          replyToCommentId: first.id,
        });
      }
    }
    if (rng.chance(0.3)) {
      for (const fan of people.filter((u) => u.id !== seller.id && rng.chance(0.5))) {
        later(2 + rng.int(96));
        await setFavorite.execute({ actor: actorFor(fan), listingId: listing.id, favorited: true });
      }
    }
    const age = (now.getTime() - publishedAt) / DAY;
    await listings.adjustCounters(listing.id, { views: Math.round(age * (2 + rng.int(8))) + rng.int(6) });

    const fate = rng.next();
    if (fate < 0.1) {
      later(24 + rng.int(72));
      await changeStatus.execute({ actor: seller$, listingId: listing.id, status: 'reserved' });
    } else if (fate < 0.18) {
      later(24 + rng.int(96));
      await changeStatus.execute({ actor: seller$, listingId: listing.id, status: 'sold' });
    } else if (fate < 0.21) {
      later(48 + rng.int(96));
      await withdraw.execute({ actor: seller$, listingId: listing.id });
    }
    if (created % 20 === 0 || created === ctx.count) ctx.onProgress?.(created, ctx.count);
  }
  clock.set(now);
  return created;
}

function categoryIndex(all: readonly Category[]): Map<string, string> {
  const byId = new Map(all.map((c) => [c.id, c]));
  const index = new Map<string, string>();
  for (const c of all) {
    if (c.parentId === null) continue;
    const root = byId.get(c.parentId);
    if (root) index.set(`${root.name}/${c.name}`, c.id);
  }
  return index;
}
