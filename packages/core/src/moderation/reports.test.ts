import { describe, expect, it } from 'vitest';
import { moderationWorld } from '../testing/moderation-world.js';
import { itemInput } from '../testing/kit.js';
import type { Actor } from '../identity/actor.js';

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('reports', () => {
  async function withListing(threshold = 3) {
    const w = await moderationWorld('refuse', threshold);
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
    const feed = await w.kit.browse.execute({ actor: w.kit.actors.bob, campusId: 'demo' });
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
