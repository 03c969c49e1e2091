import { describe, expect, it } from 'vitest';
import { PostComment, DeleteComment, ListComments } from '../engagement/comments.js';
import { SetUserBan } from '../identity/admin-use-cases.js';
import { UpdateMyProfile } from '../identity/use-cases.js';
import { EditListing } from '../listings/edit-listing.js';
import { LifecycleDeps, RemoveListing } from '../listings/lifecycle.js';
import { PublishListing } from '../listings/publish-listing.js';
import { UploadPhoto } from '../photos/upload-photo.js';
import { InMemoryModerationCaseRepository, InMemoryReportRepository } from '../testing/in-memory-moderation.js';
import { InMemoryPhotoStorage } from '../testing/in-memory-photos.js';
import { inMemoryPersistence } from '../testing/in-memory.js';
import { coreKit, itemInput } from '../testing/kit.js';
import { aUser } from '../testing/builders.js';
import type { Actor } from '../identity/actor.js';
import { ContentScreening, type ContentSafety, type SafetyVerdict } from './content-safety.js';
import { ReportContent } from './report-content.js';
import { ListReviewQueue, ResolveCase, ReviewTargets, SafetyReviewQueue } from './review.js';

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

async function world(policy: 'accept' | 'refuse' = 'refuse', threshold = 3) {
  const ports = inMemoryPersistence();
  const kit = await coreKit(ports);
  const { listings, categories, campuses, outbox, uow, photos, comments, users, auditLog, refreshTokens } = ports;
  const cases = new InMemoryModerationCaseRepository();
  const reports = new InMemoryReportRepository();
  const safety = new ScriptedSafety();
  const screening = new ContentScreening(safety, policy, new SafetyReviewQueue(cases, kit.ids));
  const lifecycle = new LifecycleDeps(listings, outbox, uow, kit.clock, kit.events);
  const storage = new InMemoryPhotoStorage();
  const deleteComment = new DeleteComment(comments, listings, outbox, uow, kit.clock, kit.events);
  const ban = new SetUserBan(users, refreshTokens, outbox, auditLog, uow, kit.clock, kit.events, listings);
  for (const id of ['erin', 'frank', 'gina']) await users.save(aUser({ id, nickname: id }));
  return {
    kit,
    ports,
    cases,
    reports,
    safety,
    storage,
    publish: new PublishListing(
      listings,
      categories,
      campuses,
      outbox,
      uow,
      kit.ids,
      kit.clock,
      kit.events,
      photos,
      screening,
    ),
    edit: new EditListing(listings, categories, campuses, outbox, uow, kit.clock, kit.events, photos, screening),
    comment: new PostComment(comments, listings, outbox, uow, kit.ids, kit.clock, kit.events, screening),
    listComments: new ListComments(comments, listings, users),
    profile: new UpdateMyProfile({ users, photos, clock: kit.clock, screening, uow }),
    upload: new UploadPhoto(
      photos,
      storage,
      {
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
      kit.ids,
      kit.clock,
      undefined,
      screening,
    ),
    report: new ReportContent(cases, reports, lifecycle, comments, users, auditLog, uow, kit.ids, kit.clock, threshold),
    queue: new ListReviewQueue(cases, reports, new ReviewTargets(lifecycle, comments, users, photos)),
    resolve: new ResolveCase(
      cases,
      lifecycle,
      comments,
      new RemoveListing(lifecycle, auditLog),
      deleteComment,
      ban,
      photos,
      storage,
      auditLog,
      uow,
      kit.clock,
    ),
    reporters: ['erin', 'frank', 'gina'].map(
      (id) => ({ kind: 'user', userId: id, campusId: 'demo', role: 'student', verified: true, banned: false }) as Actor,
    ),
  };
}

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('content safety in the use cases', () => {
  it('refuses risky titles, descriptions, comments, nicknames and photos, naming the field; nothing is saved', async () => {
    const w = await world();
    const alice = w.kit.actors.alice;
    const risky = await w.publish.execute({
      actor: alice,
      kind: 'item',
      content: itemInput({ description: '出售违禁物品' }),
    });
    expect(!risky.ok && risky.error).toMatchObject({ code: 'CONTENT_RISKY', details: { field: 'description' } });
    expect(!risky.ok && risky.error.message).toContain('描述');
    expect(w.ports.store.tables.listings.size).toBe(0);

    const listing = await w.publish.execute({ actor: alice, kind: 'item', content: itemInput() });
    if (!listing.ok) throw new Error(listing.error.message);
    const edit = await w.edit.execute({
      actor: alice,
      listingId: listing.value.id,
      version: listing.value.version,
      changes: { title: '违禁标题' },
    });
    expect(!edit.ok && edit.error).toMatchObject({ code: 'CONTENT_RISKY', details: { field: 'title' } });
    expect((await w.ports.listings.byId(listing.value.id))!.title).toBe(listing.value.title);

    const comment = await w.comment.execute({
      actor: w.kit.actors.bob,
      listingId: listing.value.id,
      body: '私聊买违禁品',
    });
    expect(!comment.ok && comment.error).toMatchObject({ code: 'CONTENT_RISKY', details: { field: 'body' } });
    const nick = await w.profile.execute({ actor: alice, nickname: '违禁小店' });
    expect(!nick.ok && nick.error).toMatchObject({ code: 'CONTENT_RISKY', details: { field: 'nickname' } });
    expect((await w.ports.users.byId('alice'))!.nickname).toBe('爱丽丝');

    const photo = await w.upload.execute({ actor: alice, bytes: new Uint8Array([0xba, 1, 2]) });
    expect(!photo.ok && photo.error).toMatchObject({ code: 'CONTENT_RISKY', details: { field: 'photo' } });
    expect(w.storage.objects.size).toBe(0);
    expect(await w.cases.listOpen({ limit: 10 })).toEqual([]);
  });

  it('checker down, policy refuse: asks to retry later and keeps nothing', async () => {
    const w = await world('refuse');
    w.safety.down = true;
    const r = await w.publish.execute({ actor: w.kit.actors.alice, kind: 'item', content: itemInput() });
    expect(codeOf(r)).toBe('CONTENT_SAFETY_UNAVAILABLE');
    expect(codeOf(await w.upload.execute({ actor: w.kit.actors.alice, bytes: new Uint8Array([1]) }))).toBe(
      'CONTENT_SAFETY_UNAVAILABLE',
    );
    expect(w.ports.store.tables.listings.size).toBe(0);
  });

  it('checker down, policy accept: publishes and queues the unchecked fields for an admin', async () => {
    const w = await world('accept');
    w.safety.down = true;
    const r = await w.publish.execute({ actor: w.kit.actors.alice, kind: 'item', content: itemInput() });
    if (!r.ok) throw new Error(r.error.message);
    const photo = await w.upload.execute({ actor: w.kit.actors.alice, bytes: new Uint8Array([7]) });
    const nick = await w.profile.execute({ actor: w.kit.actors.bob, nickname: '新昵称' });
    expect([photo.ok, nick.ok]).toEqual([true, true]);
    const queued = await w.queue.execute({ actor: w.kit.actors.admin, limit: 10 });
    if (!queued.ok) throw new Error('queue');
    expect(queued.value.map((i) => [i.case.targetType, i.case.uncheckedFields])).toEqual(
      expect.arrayContaining([
        ['listing', ['title', 'description']],
        ['photo', ['photo']],
        ['user', ['nickname']],
      ]),
    );
    const listingCase = queued.value.find((i) => i.case.targetType === 'listing')!;
    expect(listingCase.target.summary).toContain(r.value.title);
    // Admin accepts it: the case closes, the listing stays.
    const done = await w.resolve.execute({
      actor: w.kit.actors.admin,
      caseId: listingCase.case.id,
      decision: 'restore',
    });
    expect(done.ok && done.value.status).toBe('restored');
    expect((await w.ports.listings.byId(r.value.id))!.status).toBe('active');

    // A refused photo leaves its owner's listings and its files go.
    w.safety.down = false;
    if (!photo.ok) throw new Error('photo');
    const withPhoto = await w.publish.execute({
      actor: w.kit.actors.alice,
      kind: 'item',
      content: itemInput({ title: '带图 台灯', photos: [photo.value.id] }),
    });
    if (!withPhoto.ok) throw new Error(withPhoto.error.message);
    const photoCase = queued.value.find((i) => i.case.targetType === 'photo')!;
    expect(
      codeOf(
        await w.resolve.execute({
          actor: w.kit.actors.admin,
          caseId: photoCase.case.id,
          decision: 'remove',
          reason: '不当图片',
        }),
      ),
    ).toBe('ok');
    const after = (await w.ports.listings.byId(withPhoto.value.id))!;
    expect([after.photos, after.version]).toEqual([[], withPhoto.value.version + 1]);
    for (const key of Object.values(photo.value.variants)) expect(w.storage.objects.has(key)).toBe(false);
    expect(
      (await w.ports.outbox.unpublished(100)).some(
        (e) => e.type === 'ListingEdited' && e.aggregateId === withPhoto.value.id,
      ),
    ).toBe(true);
  });
});

describe('reports', () => {
  async function withListing(threshold = 3) {
    const w = await world('refuse', threshold);
    const made = await w.publish.execute({ actor: w.kit.actors.alice, kind: 'item', content: itemInput() });
    if (!made.ok) throw new Error(made.error.message);
    return { ...w, listing: made.value };
  }

  it('refuses the unverified, the banned, oneself, unknown targets, bad reasons and a second report', async () => {
    const w = await withListing();
    const send = (actor: Actor, extra: Partial<Parameters<typeof w.report.execute>[0]> = {}) =>
      w.report.execute({ actor, targetType: 'listing', targetId: w.listing.id, reason: 'scam', ...extra }).then(codeOf);
    expect(await send(w.kit.anonymous)).toBe('UNAUTHENTICATED');
    expect(await send(w.kit.actors.carol)).toBe('NOT_VERIFIED');
    expect(await send(w.kit.actors.mallory)).toBe('USER_BANNED');
    expect(await send(w.kit.actors.alice)).toBe('CANNOT_REPORT_OWN');
    expect(await send(w.kit.actors.bob, { targetType: 'user', targetId: 'bob' })).toBe('CANNOT_REPORT_OWN');
    expect(await send(w.kit.actors.bob, { targetId: 'no-such-listing' })).toBe('REPORT_TARGET_NOT_FOUND');
    expect(await send(w.kit.actors.bob, { reason: 'ugly' as never })).toBe('VALIDATION_FAILED');
    expect(await send(w.kit.actors.bob, { reason: 'other' })).toBe('VALIDATION_FAILED');
    expect(await send(w.kit.actors.bob, { reason: 'other', details: '价格离谱，疑似钓鱼' })).toBe('ok');
    expect(await send(w.kit.actors.bob)).toBe('ALREADY_REPORTED');
    const [c] = await w.cases.listOpen({ limit: 5 });
    expect(c).toMatchObject({ reportCount: 1, hidden: false });
  });

  it('the threshold hides a listing from the feed, detail and comments of others; an admin restore brings it back', async () => {
    const w = await withListing(3);
    const [erin, frank, gina] = w.reporters;
    for (const who of [erin!, frank!])
      expect(
        codeOf(await w.report.execute({ actor: who, targetType: 'listing', targetId: w.listing.id, reason: 'fake' })),
      ).toBe('ok');
    expect((await w.ports.listings.byId(w.listing.id))!.status).toBe('active');
    const third = await w.report.execute({
      actor: gina!,
      targetType: 'listing',
      targetId: w.listing.id,
      reason: 'fake',
    });
    expect(third.ok && third.value.hidTarget).toBe(true);
    expect((await w.ports.listings.byId(w.listing.id))!.status).toBe('hidden');
    const events = (await w.ports.outbox.unpublished(100)).filter((e) => e.type === 'ListingStatusChanged');
    expect(events.at(-1)!.payload).toMatchObject({ from: 'active', to: 'hidden' });

    const other = await w.publish.execute({
      actor: w.kit.actors.bob,
      kind: 'item',
      content: itemInput({ title: '台灯' }),
    });
    const feed = await w.kit.browse.execute({ actor: w.kit.actors.bob, campusId: 'demo' } as never);
    expect(feed.ok && feed.value.items.map((v) => v.listing.id)).toEqual([other.ok && other.value.id]);
    expect(codeOf(await w.kit.getListing.execute({ actor: w.kit.actors.bob, listingId: w.listing.id }))).toBe(
      'LISTING_NOT_FOUND',
    );
    const own = await w.kit.getListing.execute({ actor: w.kit.actors.alice, listingId: w.listing.id });
    expect(own.ok && own.value.listing.status).toBe('hidden');
    expect(
      codeOf(
        await w.report.execute({
          actor: w.kit.actors.bob,
          targetType: 'listing',
          targetId: w.listing.id,
          reason: 'fake',
        }),
      ),
    ).toBe('REPORT_TARGET_NOT_FOUND');

    const queue = await w.queue.execute({ actor: w.kit.actors.admin, limit: 10 });
    const item = queue.ok ? queue.value[0]! : null;
    expect(item?.reports.map((r) => r.reporterId)).toEqual(['erin', 'frank', 'gina']);
    expect(await w.queue.execute({ actor: w.kit.actors.otherCampusAdmin, limit: 10 })).toEqual({ ok: true, value: [] });
    expect(
      codeOf(
        await w.resolve.execute({ actor: w.kit.actors.otherCampusAdmin, caseId: item!.case.id, decision: 'restore' }),
      ),
    ).toBe('ADMIN_SCOPE');
    expect(
      codeOf(await w.resolve.execute({ actor: w.kit.actors.bob, caseId: item!.case.id, decision: 'restore' })),
    ).toBe('ADMIN_ONLY');
    expect(
      codeOf(await w.resolve.execute({ actor: w.kit.actors.admin, caseId: item!.case.id, decision: 'remove' })),
    ).toBe('VALIDATION_FAILED');

    expect(
      codeOf(await w.resolve.execute({ actor: w.kit.actors.admin, caseId: item!.case.id, decision: 'restore' })),
    ).toBe('ok');
    expect((await w.ports.listings.byId(w.listing.id))!.status).toBe('active');
    // The restore names its admin: the owner's 'restored' notice hangs on it.
    const back = (await w.ports.outbox.unpublished(100)).filter((e) => e.type === 'ListingStatusChanged').at(-1)!;
    expect(back.payload).toMatchObject({ from: 'hidden', to: 'active', by: 'adm-campus' });
    expect(codeOf(await w.kit.getListing.execute({ actor: w.kit.actors.bob, listingId: w.listing.id }))).toBe('ok');
    expect(
      codeOf(await w.resolve.execute({ actor: w.kit.actors.admin, caseId: item!.case.id, decision: 'restore' })),
    ).toBe('MODERATION_CASE_CLOSED');
    const audit = await w.ports.auditLog.list({ limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['report.create', 'moderation.hide', 'moderation.restore']),
    );
  });

  it('remove with a reason takes the listing down the admin way: the owner is told the reason', async () => {
    const w = await withListing(1);
    await w.report.execute({
      actor: w.reporters[0]!,
      targetType: 'listing',
      targetId: w.listing.id,
      reason: 'prohibited',
    });
    const [c] = await w.cases.listOpen({ limit: 1 });
    const r = await w.resolve.execute({
      actor: w.kit.actors.superAdmin,
      caseId: c!.id,
      decision: 'remove',
      reason: '出售违禁物品',
    });
    expect(r.ok && r.value.status).toBe('removed');
    const l = (await w.ports.listings.byId(w.listing.id))!;
    expect([l.status, l.removalReason]).toEqual(['removed', '出售违禁物品']);
    const last = (await w.ports.outbox.unpublished(100)).filter((e) => e.type === 'ListingStatusChanged').at(-1)!;
    expect(last.payload).toMatchObject({ from: 'hidden', to: 'removed', reason: '出售违禁物品' });
  });

  it('a reported comment becomes a placeholder (admins still read it); removing deletes it; a reported user is flagged, then banned by an admin', async () => {
    const w = await withListing(2);
    const posted = await w.comment.execute({
      actor: w.kit.actors.bob,
      listingId: w.listing.id,
      body: '加我微信低价出',
    });
    if (!posted.ok) throw new Error(posted.error.message);
    for (const who of w.reporters.slice(0, 2))
      await w.report.execute({ actor: who, targetType: 'comment', targetId: posted.value.id, reason: 'spam' });
    const seen = await w.listComments.execute({ actor: w.kit.actors.alice, listingId: w.listing.id });
    expect(seen.ok && seen.value[0]!.comment).toMatchObject({ hidden: true, body: null });
    const admin = await w.listComments.execute({ actor: w.kit.actors.admin, listingId: w.listing.id });
    expect(admin.ok && admin.value[0]!.comment).toMatchObject({ hidden: true, body: '加我微信低价出' });
    const commentCase = (await w.cases.openFor('comment', posted.value.id))!;
    expect(
      codeOf(
        await w.resolve.execute({
          actor: w.kit.actors.admin,
          caseId: commentCase.id,
          decision: 'remove',
          reason: '广告',
        }),
      ),
    ).toBe('ok');
    expect((await w.ports.comments.byId(posted.value.id))!.deleted).toBe(true);

    for (const who of w.reporters.slice(0, 2))
      await w.report.execute({ actor: who, targetType: 'user', targetId: 'bob', reason: 'harassment' });
    const userCase = (await w.cases.openFor('user', 'bob'))!;
    expect(userCase.hidden).toBe(true);
    expect((await w.ports.users.byId('bob'))!.status).toBe('active');
    expect(
      codeOf(
        await w.resolve.execute({
          actor: w.kit.actors.admin,
          caseId: userCase.id,
          decision: 'remove',
          reason: '多次骚扰',
        }),
      ),
    ).toBe('ok');
    expect((await w.ports.users.byId('bob'))!.status).toBe('banned');
  });
});
