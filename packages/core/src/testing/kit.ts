import type { ListingContentInput } from '../listings/content.js';
import { CreateCategory, GetCatalog, SeedDefaultCategories, UpdateCategory } from '../catalog/use-cases.js';
import { DeleteComment, ListComments, PostComment } from '../engagement/comments.js';
import { MyFavorites, SetFavorite } from '../engagement/favorites.js';
import { actorFor, anonymous, type Actor, type AdminActor } from '../identity/actor.js';
import { GetMyProfile, UpdateMyProfile } from '../identity/use-cases.js';
import type { User } from '../identity/user.js';
import { BrowseListings, MyListings } from '../listings/browse-listings.js';
import { EditListing } from '../listings/edit-listing.js';
import { GetListing } from '../listings/get-listing.js';
import {
  ChangeListingStatus,
  ExpireListings,
  LifecycleDeps,
  RelistListing,
  RemoveListing,
  RenewListing,
  RestoreListing,
  WithdrawListing,
} from '../listings/lifecycle.js';
import { PublishListing } from '../listings/publish-listing.js';
import { GetSellerProfile, SellerListings } from '../listings/seller-profile.js';
import { ListingViews } from '../listings/views.js';
import { EventFactory } from '../shared/events.js';
import { aCampus, aCategoryTree, aUser, SequentialIds, TestClock, TEST_CAMPUS_ID } from './builders.js';
import type { PersistencePorts } from './contracts.js';
import { inMemoryPersistence } from './in-memory.js';

/**
 * Every use case wired to the given ports (in-memory by default), with a test clock and readable
 * ids, plus a small seeded world: a campus, a category tree and users in each interesting state.
 */
export async function coreKit(ports: PersistencePorts = inMemoryPersistence()) {
  const clock = new TestClock();
  const ids = new SequentialIds();
  const events = new EventFactory(new SequentialIds('evt'), clock);
  const { listings, categories, campuses, users, favorites, wants, comments, outbox, viewLog, uow, auditLog, photos } =
    ports;
  const views = new ListingViews(categories, users, favorites, wants);
  const lifecycle = new LifecycleDeps({ listings, outbox, uow, clock, events });

  const tree = aCategoryTree();
  await campuses.save(aCampus());
  for (const c of tree.all) await categories.save(c);
  const people = {
    alice: aUser({ id: 'alice', nickname: '爱丽丝', qqOpenId: 'OPENID-ALICE' }),
    bob: aUser({ id: 'bob', nickname: '鲍勃', qqOpenId: 'OPENID-BOB' }),
    carol: aUser({ id: 'carol', nickname: '卡萝尔', verified: false }),
    mallory: aUser({ id: 'mallory', nickname: '被封禁', banned: true }),
    admin: aUser({ id: 'admin', nickname: '管理员', role: 'admin' }),
  };
  await campuses.save(aCampus({ id: 'other-campus', name: '隔壁大学' }));
  for (const u of Object.values(people)) await users.save(u);
  const as = (user: User): Actor => actorFor(user);

  return {
    ports,
    clock,
    ids,
    events,
    tree,
    people,
    as,
    anonymous,
    actors: {
      alice: as(people.alice),
      bob: as(people.bob),
      carol: as(people.carol),
      mallory: as(people.mallory),
      /** A campus admin of the test campus (admin accounts are not students). */
      admin: { kind: 'admin', adminId: 'adm-campus', role: 'campus_admin', campusId: TEST_CAMPUS_ID } as AdminActor,
      otherCampusAdmin: {
        kind: 'admin',
        adminId: 'adm-other',
        role: 'campus_admin',
        campusId: 'other-campus',
      } as AdminActor,
      superAdmin: { kind: 'admin', adminId: 'adm-super', role: 'super_admin', campusId: null } as AdminActor,
      /** A student whose record still says role 'admin': no admin rights. */
      studentAdmin: as(people.admin),
    },
    publish: new PublishListing({ listings, categories, campuses, outbox, uow, ids, clock, events, photos }),
    edit: new EditListing({ listings, categories, campuses, outbox, uow, clock, events, photos }),
    changeStatus: new ChangeListingStatus(lifecycle),
    withdraw: new WithdrawListing(lifecycle),
    renew: new RenewListing(lifecycle, campuses),
    relist: new RelistListing(lifecycle, campuses),
    remove: new RemoveListing(lifecycle, auditLog),
    restore: new RestoreListing(lifecycle, auditLog),
    lifecycle,
    expire: new ExpireListings(lifecycle),
    browse: new BrowseListings(listings, categories, views, clock),
    myListings: new MyListings(listings, views),
    sellerProfile: new GetSellerProfile(users, listings, clock),
    sellerListings: new SellerListings(users, listings, views, clock),
    getListing: new GetListing({ listings, viewLog, views, clock, audit: auditLog, uow }),
    setFavorite: new SetFavorite({ favorites, listings, outbox, uow, clock, events }),
    myFavorites: new MyFavorites(favorites, listings, views),
    postComment: new PostComment({ comments, listings, outbox, uow, ids, clock, events }),
    deleteComment: new DeleteComment({ comments, listings, outbox, uow, clock, events }),
    listComments: new ListComments(comments, listings, users),
    getCatalog: new GetCatalog(campuses, categories),
    seedCategories: new SeedDefaultCategories(categories, ids),
    createCategory: new CreateCategory({ categories, campuses, ids, audit: auditLog, clock }),
    updateCategory: new UpdateCategory(categories, auditLog, clock),
    myProfile: new GetMyProfile(users),
    updateProfile: new UpdateMyProfile({ users, photos, clock }),
  };
}

export type CoreKit = Awaited<ReturnType<typeof coreKit>>;

/** A valid item listing input for PublishListing, overridable field by field. */
export function itemInput(overrides: Record<string, unknown> = {}) {
  return {
    title: '九成新 iPhone 13 128G 午夜色',
    description: '自用一年，电池健康 88%，无磕碰',
    price: 250_000,
    originalPrice: 599_900,
    categoryId: 'demo-phones',
    condition: 'like_new',
    areaId: 'east-dorm',
    tradeMethods: ['face_to_face'],
    ...overrides,
  } as ListingContentInput;
}
