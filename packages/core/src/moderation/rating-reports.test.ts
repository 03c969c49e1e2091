import { describe, expect, it } from 'vitest';
import { moderationWorld } from '../testing/moderation-world.js';
import { aRating, aTrade } from '../testing/trades-contract.js';

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

/** Ratings (评价) in the moderation queue: reported like comments, hidden from the profile, never deleted. */
describe('reports on ratings', () => {
  async function withRating(threshold = 3) {
    const w = await moderationWorld('refuse', threshold);
    const { trades, ratings } = w.ports;
    await trades.insert(aTrade('T1', { sellerId: 'alice', buyerId: 'bob', status: 'completed' }));
    const shown = aRating('R1', { raterId: 'bob', rateeId: 'alice', score: 'bad', text: '骗子' });
    shown.publishNow(w.kit.clock.now());
    await ratings.insert(shown);
    // alice's rating of bob is still blind: nobody but alice knows it exists.
    await ratings.insert(aRating('R2', { raterId: 'alice', rateeId: 'bob', rateeRole: 'buyer' }));
    return w;
  }
  const report = (w: Awaited<ReturnType<typeof moderationWorld>>, actor = w.reporters[0]!, targetId = 'R1') =>
    w.report.execute({ actor, targetType: 'rating', targetId, reason: 'harassment' }).then(codeOf);

  it('takes reports only on shown ratings, never from their author', async () => {
    const w = await withRating();
    expect(await report(w, w.kit.actors.bob)).toBe('CANNOT_REPORT_OWN');
    expect(await report(w, w.reporters[0], 'R2')).toBe('REPORT_TARGET_NOT_FOUND');
    expect(await report(w, w.reporters[0], 'nope')).toBe('REPORT_TARGET_NOT_FOUND');
    expect(await report(w, w.kit.actors.alice)).toBe('ok');
    expect(await report(w, w.kit.actors.alice)).toBe('ALREADY_REPORTED');
  });

  it('enough reports hide it at once; restore shows it again, remove hides it for good', async () => {
    const w = await withRating(2);
    expect(await report(w, w.reporters[0])).toBe('ok');
    expect((await w.ports.ratings.byId('R1'))!.hiddenAt).toBeNull();
    expect(await report(w, w.reporters[1])).toBe('ok');
    expect((await w.ports.ratings.byId('R1'))!.hiddenAt).not.toBeNull();
    const queue = await w.queue.execute({ actor: w.kit.actors.admin, limit: 10 });
    const item = queue.ok ? queue.value.find((i) => i.case.targetType === 'rating') : undefined;
    expect(item?.target).toEqual({ summary: 'bad：骗子', listingId: 'L1', ownerId: 'bob', status: 'hidden' });

    const restored = await w.resolve.execute({ actor: w.kit.actors.admin, caseId: item!.case.id, decision: 'restore' });
    expect(codeOf(restored)).toBe('ok');
    expect((await w.ports.ratings.byId('R1'))!.hiddenAt).toBeNull();

    expect(await report(w, w.reporters[2])).toBe('ok');
    const [open] = await w.cases.listOpen({ limit: 5 });
    const removed = await w.resolve.execute({
      actor: w.kit.actors.admin,
      caseId: open!.id,
      decision: 'remove',
      reason: '辱骂',
    });
    expect(codeOf(removed)).toBe('ok');
    expect((await w.ports.ratings.byId('R1'))!.hiddenAt).not.toBeNull();
    expect(await w.ports.ratings.tally('alice', w.kit.clock.now())).toEqual({ count: 0, good: 0 });
  });
});
