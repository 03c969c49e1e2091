import type { ListingKind } from '../catalog/dimensions.js';
import type { Actor } from '../identity/actor.js';
import { CampusNotFound, type NotAuthenticated, type NotVerified, type UserBanned } from '../identity/errors.js';
import { requireVerifiedUser } from '../identity/policy.js';
import type { CampusRepository } from '../identity/ports.js';
import type { Clock } from '../shared/clock.js';
import type { ValidationFailed } from '../shared/errors.js';
import type { EventFactory, Outbox } from '../shared/events.js';
import type { IdGenerator } from '../shared/ids.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { CategoryRepository } from '../catalog/ports.js';
import { validateContent, type ListingContentInput } from './content.js';
import type { InvalidIsbn } from './errors.js';
import { Listing } from './listing.js';
import { checkPlacement, type PlacementError } from './placement.js';
import type { ListingRepository } from './ports.js';
import type { PhotoRepository } from '../photos/ports.js';
import { attachOwnPhotos } from '../photos/upload-photo.js';
import { ValidationFailed as PhotoProblem } from '../shared/errors.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
} from '../shared/content-safety.js';

export interface PublishListingInput {
  readonly actor: Actor;
  readonly kind: ListingKind;
  readonly content: ListingContentInput;
}

export type PublishListingError =
  | NotAuthenticated
  | UserBanned
  | NotVerified
  | ValidationFailed
  | InvalidIsbn
  | PlacementError
  | CampusNotFound
  | ContentRisky
  | ContentSafetyUnavailable;

export interface PublishListingDeps {
  readonly listings: ListingRepository;
  readonly categories: CategoryRepository;
  readonly campuses: CampusRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly events: EventFactory;
  readonly photos: PhotoRepository;
  /** Defaults to `noScreening`. */
  readonly screening?: ContentScreening;
}

export class PublishListing {
  private readonly deps: Required<PublishListingDeps>;

  constructor({ screening = noScreening, ...deps }: PublishListingDeps) {
    this.deps = { ...deps, screening };
  }

  async execute(input: PublishListingInput): Promise<Result<Listing, PublishListingError>> {
    const who = requireVerifiedUser(input.actor, '发布信息');
    if (!who.ok) return who;
    const content = validateContent(input.kind, input.content);
    if (!content.ok) return content;
    const campus = await this.deps.campuses.byId(who.value.campusId);
    if (!campus) return err(new CampusNotFound(who.value.campusId));
    const placement = await checkPlacement(this.deps.categories, campus, content.value);
    if (!placement.ok) return placement;
    const screened = await this.deps.screening.texts(
      [
        { field: 'title', text: content.value.title },
        { field: 'description', text: content.value.description },
      ],
      { scene: 'listing' },
    );
    if (!screened.ok) return screened;

    const listing = Listing.publish({
      id: this.deps.ids.next(),
      campusId: campus.id,
      ownerId: who.value.userId,
      kind: input.kind,
      content: content.value,
      rootCategoryId: placement.value.root.id,
      now: this.deps.clock.now(),
      lifetimeDays: campus.listingLifetimeDays,
    });
    const saved = await this.deps.uow.run(async () => {
      // Only photos the owner uploaded; the check and the attach share the unit of work.
      const bad = await attachOwnPhotos(this.deps.photos, listing.ownerId, listing.photos, listing.createdAt);
      if (bad.length > 0) return err(unusablePhotos());
      await this.deps.listings.save(listing);
      await this.deps.screening.queueUnchecked(screened.value, {
        targetType: 'listing',
        targetId: listing.id,
        campusId: listing.campusId,
        now: listing.createdAt,
      });
      await this.deps.outbox.append([
        this.deps.events.create('ListingPublished', listing.id, {
          listingId: listing.id,
          campusId: listing.campusId,
          ownerId: listing.ownerId,
          kind: listing.kind,
          categoryId: listing.categoryId,
          price: listing.price,
        }),
      ]);
      return ok(listing);
    });
    return saved;
  }
}

export function unusablePhotos(): ValidationFailed {
  return new PhotoProblem([{ field: 'photos', message: '照片不存在或不是你上传的，请重新上传' }]);
}
