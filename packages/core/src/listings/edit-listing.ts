import type { CategoryRepository } from '../catalog/ports.js';
import type { Actor } from '../identity/actor.js';
import { CampusNotFound } from '../identity/errors.js';
import type { CampusRepository } from '../identity/ports.js';
import type { Clock } from '../shared/clock.js';
import type { ValidationFailed } from '../shared/errors.js';
import type { DomainEvent, EventFactory, Outbox } from '../shared/events.js';
import { err, ok, type Result } from '../shared/result.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { contentOf, validateContent, type ListingContentInput } from './content.js';
import type { InvalidIsbn, ListingTransitionNotAllowed } from './errors.js';
import type { Listing } from './listing.js';
import { loadOwnListingForUpdate, type OwnedListingError } from './owned.js';
import { checkPlacement, type PlacementError } from './placement.js';
import type { ListingRepository } from './ports.js';
import type { PhotoRepository } from '../photos/ports.js';
import { attachOwnPhotos } from '../photos/upload-photo.js';
import { unusablePhotos } from './publish-listing.js';
import {
  noScreening,
  type ContentRisky,
  type ContentSafetyUnavailable,
  type ContentScreening,
} from '../shared/content-safety.js';

export interface EditListingInput {
  readonly actor: Actor;
  readonly listingId: string;
  /** The version the editor saw. Required: an edit without it could silently undo someone's change. */
  readonly version: number;
  readonly changes: Partial<ListingContentInput>;
}

export type EditListingError =
  | OwnedListingError
  | ValidationFailed
  | InvalidIsbn
  | PlacementError
  | ListingTransitionNotAllowed
  | CampusNotFound
  | ContentRisky
  | ContentSafetyUnavailable;

export interface EditListingDeps {
  readonly listings: ListingRepository;
  readonly categories: CategoryRepository;
  readonly campuses: CampusRepository;
  readonly outbox: Outbox;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly events: EventFactory;
  readonly photos: PhotoRepository;
  /** Defaults to `noScreening`. */
  readonly screening?: ContentScreening;
}

export class EditListing {
  private readonly deps: Required<EditListingDeps>;

  constructor({ screening = noScreening, ...deps }: EditListingDeps) {
    this.deps = { ...deps, screening };
  }

  async execute(input: EditListingInput): Promise<Result<Listing, EditListingError>> {
    // Checked before the row lock is taken: the checker is a network call. Unchanged text costs a check, nothing more.
    const texts = (['title', 'description'] as const)
      .filter((f) => typeof input.changes[f] === 'string')
      .map((f) => ({ field: f, text: input.changes[f] as string }));
    const screened = await this.deps.screening.texts(texts, { scene: 'listing' });
    if (!screened.ok) return screened;
    return this.deps.uow.run(async () => {
      const loaded = await loadOwnListingForUpdate(this.deps.listings, input.actor, input.listingId, input.version);
      if (!loaded.ok) return loaded;
      const listing = loaded.value.listing;
      const merged: ListingContentInput = { ...contentOf(listing), ...definedOnly(input.changes) };
      const content = validateContent(listing.kind, merged);
      if (!content.ok) return content;
      const campus = await this.deps.campuses.byId(listing.campusId);
      if (!campus) return err(new CampusNotFound(listing.campusId));
      const placement = await checkPlacement(this.deps.categories, campus, content.value);
      if (!placement.ok) return placement;

      const now = this.deps.clock.now();
      if (input.changes.photos !== undefined) {
        const bad = await attachOwnPhotos(this.deps.photos, listing.ownerId, content.value.photos, now);
        if (bad.length > 0) return err(unusablePhotos());
      }
      const changed = listing.edit(content.value, placement.value.root.id, now);
      if (!changed.ok) return changed;
      if (changed.value.fields.length === 0) return ok(listing);

      const events: DomainEvent[] = [
        this.deps.events.create('ListingEdited', listing.id, {
          listingId: listing.id,
          campusId: listing.campusId,
          fields: changed.value.fields,
        }),
      ];
      const drop = changed.value.priceDrop;
      if (drop) {
        events.push(
          this.deps.events.create('ListingPriceDropped', listing.id, {
            listingId: listing.id,
            campusId: listing.campusId,
            ownerId: listing.ownerId,
            oldPrice: drop.from,
            newPrice: drop.to,
          }),
        );
      }
      await this.deps.listings.save(listing);
      await this.deps.screening.queueUnchecked(screened.value, {
        targetType: 'listing',
        targetId: listing.id,
        campusId: listing.campusId,
        now,
      });
      await this.deps.outbox.append(events);
      return ok(listing);
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
