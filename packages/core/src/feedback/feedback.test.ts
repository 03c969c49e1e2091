import { beforeEach, describe, expect, it } from 'vitest';
import { CleanupUnattachedPhotos } from '../photos/cleanup-photos.js';
import { DAY_MS } from '../shared/clock.js';
import { ContentScreening, type ContentSafety } from '../shared/content-safety.js';
import { SequentialIds } from '../testing/builders.js';
import { InMemoryPhotoStorage } from '../testing/in-memory-photos.js';
import { notificationsWorld, type NotificationsWorld } from '../testing/notifications-world.js';
import { aPhoto } from '../testing/photo-contract.js';
import {
  CloseFeedback,
  FEEDBACK_DAILY_LIMIT,
  ListFeedbackForAdmin,
  ListMyFeedback,
  ReplyToFeedback,
  SendFeedback,
  type Feedback,
} from './index.js';
import type { InMemoryFeedbackRepository } from '../testing/in-memory-feedback.js';

let w: NotificationsWorld;
let feedback: InMemoryFeedbackRepository;
let send: SendFeedback;
let reply: ReplyToFeedback;
let close: CloseFeedback;
let mine: ListMyFeedback;
let forAdmin: ListFeedbackForAdmin;

const risky: ContentSafety = {
  checkText: async (text) => (text.includes('违禁') ? { kind: 'risky', label: 'abuse' } : { kind: 'ok' }),
  checkImage: async () => ({ kind: 'ok' }),
};

beforeEach(async () => {
  w = await notificationsWorld();
  const { k } = w;
  const { users, outbox, uow, auditLog: audit, photos } = k.ports;
  feedback = w.persistence.feedback;
  const ids = new SequentialIds('fb');
  send = new SendFeedback({
    feedback,
    photos,
    uow,
    ids,
    clock: k.clock,
    screening: new ContentScreening(risky, 'refuse'),
  });
  reply = new ReplyToFeedback({ feedback, users, outbox, events: k.events, audit, uow, ids, clock: k.clock });
  close = new CloseFeedback({ feedback, users, audit, uow, clock: k.clock });
  mine = new ListMyFeedback(feedback);
  forAdmin = new ListFeedbackForAdmin(feedback, users);
});

const sent = async (actor = w.k.actors.bob, text = '首页加载有点慢', photoIds?: string[]): Promise<Feedback> => {
  const r = await send.execute({ actor, text, ...(photoIds ? { photoIds } : {}) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('sending feedback', () => {
  it('any signed-in student who is not banned sends it, on their own campus; verified or not', async () => {
    const f = await sent(w.k.actors.carol, '  能不能加个夜间模式？  ');
    expect(f).toMatchObject({ campusId: 'demo', authorId: 'carol', text: '能不能加个夜间模式？', state: 'open' });
    expect((await send.execute({ actor: w.k.actors.mallory, text: '为什么封我' })).ok).toBe(false);
    expect(await send.execute({ actor: w.k.anonymous, text: '你好' })).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await send.execute({ actor: w.k.actors.admin, text: '你好' })).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses empty, too long and risky text', async () => {
    for (const text of ['', '   ', 'x'.repeat(1001)]) {
      expect(await send.execute({ actor: w.k.actors.bob, text })).toMatchObject({
        error: { code: 'VALIDATION_FAILED', problems: [{ field: 'text' }] },
      });
    }
    expect(await send.execute({ actor: w.k.actors.bob, text: '这里有违禁词' })).toMatchObject({
      error: { code: 'CONTENT_RISKY', field: 'text' },
    });
    expect((await send.execute({ actor: w.k.actors.bob, text: 'x'.repeat(1000) })).ok).toBe(true);
  });

  it('takes up to three of the student’s own photos, which the photo cleanup then keeps', async () => {
    const { photos } = w.k.ports;
    const own = ['P1', 'P2', 'P3', 'P4'].map((id, i) =>
      aPhoto({ id, ownerId: 'bob', contentHash: String(i).repeat(64), createdAt: w.k.clock.now() }),
    );
    for (const p of own) await photos.save(p);
    await photos.save(aPhoto({ id: 'ALICE', ownerId: 'alice', contentHash: 'f'.repeat(64) }));

    expect(await send.execute({ actor: w.k.actors.bob, text: '图', photoIds: ['P1', 'P2', 'P3', 'P4'] })).toMatchObject(
      { error: { code: 'VALIDATION_FAILED', problems: [{ field: 'photoIds' }] } },
    );
    expect(await send.execute({ actor: w.k.actors.bob, text: '图', photoIds: ['P1', 'ALICE'] })).toMatchObject({
      error: { code: 'VALIDATION_FAILED', problems: [{ field: 'photoIds' }] },
    });
    expect(await send.execute({ actor: w.k.actors.bob, text: '图', photoIds: ['P1', 'P1'] })).toMatchObject({
      error: { code: 'VALIDATION_FAILED', problems: [{ field: 'photoIds' }] },
    });
    // The refusals attached nothing.
    expect((await photos.byId('P1'))!.attachedAt).toBeNull();

    const f = await sent(w.k.actors.bob, '截图如下', ['P3', 'P1']);
    expect(f.photoIds).toEqual(['P3', 'P1']);
    w.k.clock.advance(2 * DAY_MS);
    await new CleanupUnattachedPhotos(photos, new InMemoryPhotoStorage(), w.k.clock).execute();
    expect((await photos.byIds(['P1', 'P2', 'P3', 'P4'])).map((p) => p.id).sort()).toEqual(['P1', 'P3']);
  });

  it(`allows ${FEEDBACK_DAILY_LIMIT} per rolling day, then answers when the next one is allowed`, async () => {
    const start = w.k.clock.now();
    for (let i = 0; i < FEEDBACK_DAILY_LIMIT; i++) {
      await sent(w.k.actors.bob, `第 ${i} 条`);
      w.k.clock.advance(60_000);
    }
    const refused = await send.execute({ actor: w.k.actors.bob, text: '还有一条' });
    expect(refused).toMatchObject({
      error: { code: 'FEEDBACK_LIMIT_REACHED', retryAt: new Date(start.getTime() + DAY_MS) },
    });
    await sent(w.k.actors.alice, '别人不受影响');
    w.k.clock.set(new Date(start.getTime() + DAY_MS));
    await sent(w.k.actors.bob, '一天后又可以了');
  });
});

describe('answering feedback', () => {
  it('a reply makes it answered, tells the student in the inbox once, and is audited', async () => {
    const f = await sent();
    const r1 = await reply.execute({ actor: w.k.actors.admin, feedbackId: f.id, text: '收到，我们看看' });
    expect(r1).toMatchObject({
      ok: true,
      value: { feedback: { state: 'answered' }, author: { id: 'bob', nickname: '鲍勃' } },
    });
    await reply.execute({ actor: w.k.actors.admin, feedbackId: f.id, text: '已经优化了' });
    await w.drain();
    await w.drain();
    const inbox = (await w.inboxOf('bob')).filter((n) => n.kind === 'feedback_reply');
    expect(inbox.map((n) => n.data['text'])).toEqual(['已经优化了', '收到，我们看看']);
    expect(inbox[0]).toMatchObject({
      listingId: null,
      campusId: 'demo',
      data: { title: '意见反馈有回复', feedbackId: f.id, page: `pages/feedback/index?id=${f.id}` },
    });
    // Inbox only: no QQ message is attempted.
    expect(w.sender.sent).toEqual([]);
    const audit = await w.k.ports.auditLog.list({ action: 'feedback.reply', limit: 10 });
    expect(audit.map((a) => [a.targetId, a.campusId, a.actor.id])).toEqual([
      [f.id, 'demo', 'adm-campus'],
      [f.id, 'demo', 'adm-campus'],
    ]);
  });

  it('a closed feedback takes no more replies; closing again changes nothing', async () => {
    const f = await sent();
    expect(await close.execute({ actor: w.k.actors.admin, feedbackId: f.id })).toMatchObject({
      ok: true,
      value: { feedback: { state: 'closed' } },
    });
    expect(await reply.execute({ actor: w.k.actors.admin, feedbackId: f.id, text: '迟到的回复' })).toMatchObject({
      error: { code: 'FEEDBACK_CLOSED' },
    });
    expect((await close.execute({ actor: w.k.actors.superAdmin, feedbackId: f.id })).ok).toBe(true);
    expect(await w.k.ports.auditLog.list({ action: 'feedback.close', limit: 10 })).toHaveLength(1);
    expect((await feedback.byId(f.id))!.replies).toEqual([]);
  });

  it('only admins of its campus answer; unknown ids and empty replies are refused', async () => {
    const f = await sent();
    expect(await reply.execute({ actor: w.k.actors.otherCampusAdmin, feedbackId: f.id, text: '好' })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await close.execute({ actor: w.k.actors.otherCampusAdmin, feedbackId: f.id })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await reply.execute({ actor: w.k.actors.bob, feedbackId: f.id, text: '好' })).toMatchObject({
      error: { code: 'ADMIN_ONLY' },
    });
    expect(await reply.execute({ actor: w.k.actors.admin, feedbackId: 'nope', text: '好' })).toMatchObject({
      error: { code: 'FEEDBACK_NOT_FOUND' },
    });
    expect(await reply.execute({ actor: w.k.actors.admin, feedbackId: f.id, text: '  ' })).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    expect((await reply.execute({ actor: w.k.actors.superAdmin, feedbackId: f.id, text: '好' })).ok).toBe(true);
  });
});

describe('listing feedback', () => {
  it('students read their own, newest first, with replies, a page at a time', async () => {
    const a = await sent(w.k.actors.bob, '一');
    w.k.clock.advance(1000);
    const b = await sent(w.k.actors.bob, '二');
    await sent(w.k.actors.alice, '别人的');
    await reply.execute({ actor: w.k.actors.admin, feedbackId: a.id, text: '回复一' });
    const first = await mine.execute({ actor: w.k.actors.bob, limit: 1 });
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.items.map((f) => f.id)).toEqual([b.id]);
    const second = await mine.execute({ actor: w.k.actors.bob, cursor: first.value.nextCursor!, limit: 1 });
    expect(second).toMatchObject({ ok: true, value: { nextCursor: null } });
    if (second.ok) expect(second.value.items[0]!.replies.map((r) => r.text)).toEqual(['回复一']);
    expect(await mine.execute({ actor: w.k.actors.bob, cursor: 'bad' })).toMatchObject({
      error: { code: 'INVALID_CURSOR' },
    });
    expect(await mine.execute({ actor: w.k.actors.mallory })).toMatchObject({ error: { code: 'USER_BANNED' } });
  });

  it('admins read their campus: open ones oldest first, the rest newest first; super admins any campus', async () => {
    const a = await sent(w.k.actors.bob, '一');
    w.k.clock.advance(1000);
    const b = await sent(w.k.actors.alice, '二');
    w.k.clock.advance(1000);
    const c = await sent(w.k.actors.carol, '三');
    await reply.execute({ actor: w.k.actors.admin, feedbackId: b.id, text: '好' });
    const ids = async (input: Parameters<ListFeedbackForAdmin['execute']>[0]) => {
      const r = await forAdmin.execute(input);
      if (!r.ok) throw new Error(r.error.code);
      return r.value.items.map((v) => v.feedback.id);
    };
    expect(await ids({ actor: w.k.actors.admin, state: 'open' })).toEqual([a.id, c.id]);
    expect(await ids({ actor: w.k.actors.admin })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ actor: w.k.actors.admin, state: 'answered' })).toEqual([b.id]);
    expect(await ids({ actor: w.k.actors.superAdmin, campusId: 'demo', state: 'open', limit: 1 })).toEqual([a.id]);
    expect(await ids({ actor: w.k.actors.superAdmin, campusId: 'other-campus' })).toEqual([]);
    expect(await ids({ actor: w.k.actors.superAdmin })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ actor: w.k.actors.otherCampusAdmin })).toEqual([]);
    expect(await forAdmin.execute({ actor: w.k.actors.otherCampusAdmin, campusId: 'demo' })).toMatchObject({
      error: { code: 'ADMIN_SCOPE' },
    });
    expect(await forAdmin.execute({ actor: w.k.actors.bob })).toMatchObject({ error: { code: 'ADMIN_ONLY' } });
  });
});
