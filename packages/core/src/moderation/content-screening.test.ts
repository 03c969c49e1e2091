import { describe, expect, it } from 'vitest';
import { moderationWorld } from '../testing/moderation-world.js';
import { itemInput } from '../testing/kit.js';

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('content safety in the use cases', () => {
  it('refuses risky titles, descriptions, comments, nicknames and photos, naming the field; nothing is saved', async () => {
    const w = await moderationWorld();
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
    const w = await moderationWorld('refuse');
    w.safety.down = true;
    const r = await w.publish.execute({ actor: w.kit.actors.alice, kind: 'item', content: itemInput() });
    expect(codeOf(r)).toBe('CONTENT_SAFETY_UNAVAILABLE');
    expect(codeOf(await w.upload.execute({ actor: w.kit.actors.alice, bytes: new Uint8Array([1]) }))).toBe(
      'CONTENT_SAFETY_UNAVAILABLE',
    );
    expect(w.ports.store.tables.listings.size).toBe(0);
  });

  it('checker down, policy accept: publishes and queues the unchecked fields for an admin', async () => {
    const w = await moderationWorld('accept');
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
