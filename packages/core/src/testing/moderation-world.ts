import { PostComment, DeleteComment, ListComments } from '../engagement/comments.js';
import { SetUserBan } from '../identity/admin-use-cases.js';
import { UpdateMyProfile } from '../identity/use-cases.js';
import { EditListing } from '../listings/edit-listing.js';
import { LifecycleDeps, RemoveListing } from '../listings/lifecycle.js';
import { PublishListing } from '../listings/publish-listing.js';
import { UploadPhoto } from '../photos/upload-photo.js';
import { InMemoryModerationCaseRepository, InMemoryReportRepository } from './in-memory-moderation.js';
import { InMemoryPhotoStorage } from './in-memory-photos.js';
import { inMemoryPersistence } from './in-memory.js';
import { coreKit } from './kit.js';
import { aUser } from './builders.js';
import type { Actor } from '../identity/actor.js';
import { ContentScreening, type ContentSafety, type SafetyVerdict } from '../shared/content-safety.js';
import { ReportContent } from '../moderation/report-content.js';
import { ListReviewQueue, ResolveCase, ReviewTargets, SafetyReviewQueue } from '../moderation/review.js';

/** Says "risky" for text with 违禁 or an image starting with 0xBA, and can be switched off. */
class ScriptedSafety implements ContentSafety {
  down = false;
  readonly texts: string[] = [];
  images = 0;
  async checkText(text: string): Promise<SafetyVerdict> {
    this.texts.push(text);
    if (this.down) return { kind: 'unavailable' };
    return text.includes('违禁') ? { kind: 'risky', label: 'contraband' } : { kind: 'ok' };
  }
  async checkImage(bytes: Uint8Array): Promise<SafetyVerdict> {
    this.images++;
    if (this.down) return { kind: 'unavailable' };
    return bytes[0] === 0xba ? { kind: 'risky', label: 'porn' } : { kind: 'ok' };
  }
}

/**
 * The moderation use cases and the publishing use cases that screen content, on in-memory adapters over
 * coreKit's world, with a scripted checker and three more verified students to report things.
 */
export async function moderationWorld(policy: 'accept' | 'refuse' = 'refuse', threshold = 3) {
  const ports = inMemoryPersistence();
  const kit = await coreKit(ports);
  const { listings, categories, campuses, outbox, uow, photos, comments, users, auditLog, refreshTokens, ratings } =
    ports;
  const cases = new InMemoryModerationCaseRepository();
  const reports = new InMemoryReportRepository();
  const safety = new ScriptedSafety();
  const screening = new ContentScreening(safety, policy, new SafetyReviewQueue(cases, kit.ids));
  const lifecycle = new LifecycleDeps({ listings, outbox, uow, clock: kit.clock, events: kit.events });
  const storage = new InMemoryPhotoStorage();
  const deleteComment = new DeleteComment({ comments, listings, outbox, uow, clock: kit.clock, events: kit.events });
  const ban = new SetUserBan({
    users,
    refreshTokens,
    outbox,
    audit: auditLog,
    uow,
    clock: kit.clock,
    events: kit.events,
    listings,
  });
  for (const id of ['erin', 'frank', 'gina']) await users.save(aUser({ id, nickname: id }));
  return {
    kit,
    ports,
    cases,
    reports,
    safety,
    storage,
    publish: new PublishListing({
      listings,
      categories,
      campuses,
      outbox,
      uow,
      ids: kit.ids,
      clock: kit.clock,
      events: kit.events,
      photos,
      screening,
    }),
    edit: new EditListing({
      listings,
      categories,
      campuses,
      outbox,
      uow,
      clock: kit.clock,
      events: kit.events,
      photos,
      screening,
    }),
    comment: new PostComment({
      comments,
      listings,
      outbox,
      uow,
      ids: kit.ids,
      clock: kit.clock,
      events: kit.events,
      screening,
    }),
    listComments: new ListComments(comments, listings, users),
    profile: new UpdateMyProfile({ users, photos, clock: kit.clock, screening, uow }),
    upload: new UploadPhoto({
      photos,
      storage,
      processor: {
        inspect: async () => ({ kind: 'image', mime: 'image/jpeg', width: 10, height: 10 }),
        makeVariants: async (bytes: Uint8Array) =>
          (['thumb', 'medium', 'large'] as const).map((name) => ({
            name,
            bytes,
            width: 10,
            height: 10,
            contentType: 'image/webp',
          })),
      },
      ids: kit.ids,
      clock: kit.clock,
      screening,
    }),
    report: new ReportContent({
      cases,
      reports,
      lifecycle,
      comments,
      users,
      ratings,
      audit: auditLog,
      uow,
      ids: kit.ids,
      clock: kit.clock,
      threshold,
    }),
    queue: new ListReviewQueue(cases, reports, new ReviewTargets(lifecycle, comments, users, photos, ratings)),
    resolve: new ResolveCase({
      cases,
      lifecycle,
      comments,
      removeListing: new RemoveListing(lifecycle, auditLog),
      deleteComment,
      setUserBan: ban,
      photos,
      ratings,
      storage,
      audit: auditLog,
      uow,
      clock: kit.clock,
    }),
    reporters: ['erin', 'frank', 'gina'].map((id): Actor => ({
      kind: 'user',
      userId: id,
      campusId: 'demo',
      role: 'student',
      verified: true,
      banned: false,
    })),
  };
}

export type ModerationWorld = Awaited<ReturnType<typeof moderationWorld>>;
