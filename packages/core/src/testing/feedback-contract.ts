import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Feedback } from '../feedback/feedback.js';
import type { FeedbackRepository } from '../feedback/ports.js';
import type { DomainEvent, Outbox } from '../shared/events.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';

export interface FeedbackPorts {
  readonly feedback: FeedbackRepository;
  readonly uow: UnitOfWork;
  /** Written after a save in the same unit, as the reply use case does: it must not undo the save. */
  readonly outbox: Outbox;
  /** Creates the students feedback references (real databases check the foreign key). */
  prepareUsers(ids: readonly string[]): Promise<void>;
  dispose(): Promise<void>;
}

const T0 = new Date('2026-09-01T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function aFeedback(id: string, authorId: string, minute: number, overrides: Partial<Feedback> = {}): Feedback {
  return {
    id,
    campusId: 'demo',
    authorId,
    text: `反馈 ${id}：首页加载有点慢\n第二行`,
    photoIds: [],
    state: 'open',
    createdAt: at(minute),
    updatedAt: at(minute),
    replies: [],
    ...overrides,
  };
}

/** Feedback and its replies: every field kept, replies insert-only, both orders and keyset pages. */
export function feedbackContract(name: string, factory: () => Promise<FeedbackPorts>): void {
  describe(`${name}: feedback`, () => {
    let p: FeedbackPorts;
    beforeEach(async () => {
      p = await factory();
      await p.prepareUsers(['u1', 'u2']);
    });
    afterEach(async () => {
      await p.dispose();
    });

    it('saves feedback with its photos, then its replies in order, keeping every field', async () => {
      const f = aFeedback('F1', 'u1', 0, { photoIds: ['P2', 'P1', 'P3'], text: '😀 表情也要存下来' });
      await p.feedback.save(f);
      expect(await p.feedback.byId('F1')).toEqual(f);
      expect(await p.feedback.byId('nope')).toBeNull();

      f.replies.push({ id: 'R1', adminId: 'adm', text: '收到，正在处理', at: at(5) });
      f.state = 'answered';
      f.updatedAt = at(5);
      await p.feedback.save(f);
      f.replies.push({ id: 'R2', adminId: 'adm2', text: '已修复', at: at(6) });
      f.state = 'closed';
      f.updatedAt = at(7);
      await p.feedback.save(f);
      expect(await p.feedback.byId('F1')).toEqual(f);
    });

    it("lists an author's feedback newest first, a page at a time, with replies", async () => {
      for (let i = 0; i < 4; i++) await p.feedback.save(aFeedback(`F${i}`, 'u1', i));
      await p.feedback.save(aFeedback('G1', 'u2', 9));
      const answered = (await p.feedback.byId('F2'))!;
      answered.replies.push({ id: 'R1', adminId: 'adm', text: '谢谢', at: at(10) });
      await p.feedback.save(answered);

      const first = await p.feedback.byAuthor('u1', null, 2);
      expect(first.map((f) => f.id)).toEqual(['F3', 'F2']);
      expect(first[1]!.replies.map((r) => r.text)).toEqual(['谢谢']);
      const last = first.at(-1)!;
      const next = await p.feedback.byAuthor('u1', { createdAt: last.createdAt, id: last.id }, 10);
      expect(next.map((f) => f.id)).toEqual(['F1', 'F0']);
    });

    it('lists by campus and state, oldest or newest first, with keyset pages; ties broken by id', async () => {
      await p.feedback.save(aFeedback('A', 'u1', 0));
      await p.feedback.save(aFeedback('B', 'u2', 1, { campusId: 'north' }));
      await p.feedback.save(aFeedback('C', 'u1', 2, { state: 'answered' }));
      await p.feedback.save(aFeedback('D', 'u2', 3));
      await p.feedback.save(aFeedback('E', 'u1', 3));

      const ids = (rows: Feedback[]) => rows.map((f) => f.id);
      expect(ids(await p.feedback.list({ order: 'newest', after: null, limit: 10 }))).toEqual([
        'E',
        'D',
        'C',
        'B',
        'A',
      ]);
      expect(
        ids(await p.feedback.list({ campusId: 'demo', state: 'open', order: 'oldest', after: null, limit: 10 })),
      ).toEqual(['A', 'D', 'E']);
      const page1 = await p.feedback.list({ state: 'open', order: 'oldest', after: null, limit: 2 });
      expect(ids(page1)).toEqual(['A', 'B']);
      const after = { createdAt: page1[1]!.createdAt, id: page1[1]!.id };
      expect(ids(await p.feedback.list({ state: 'open', order: 'oldest', after, limit: 2 }))).toEqual(['D', 'E']);
      const newest = await p.feedback.list({ campusId: 'demo', order: 'newest', after: null, limit: 1 });
      expect(ids(newest)).toEqual(['E']);
      expect(
        ids(
          await p.feedback.list({
            campusId: 'demo',
            order: 'newest',
            after: { createdAt: newest[0]!.createdAt, id: 'E' },
            limit: 10,
          }),
        ),
      ).toEqual(['D', 'C', 'A']);
    });

    it("answers when an author sent feedback after a time, oldest first, and nobody else's", async () => {
      for (const m of [0, 30, 60, 90]) await p.feedback.save(aFeedback(`F${m}`, 'u1', m));
      await p.feedback.save(aFeedback('G', 'u2', 70));
      expect(await p.feedback.sentSince('u1', at(30))).toEqual([at(60), at(90)]);
      expect(await p.feedback.sentSince('u1', at(29))).toEqual([at(30), at(60), at(90)]);
      expect(await p.feedback.sentSince('u2', at(100))).toEqual([]);
    });

    it('keeps a reply and a close made one after the other in one unit of work, the outbox written between', async () => {
      await p.feedback.save(aFeedback('F1', 'u1', 0));
      const event = (id: string): DomainEvent => ({
        id,
        type: 'FeedbackReplied',
        occurredAt: at(5),
        aggregateId: 'F1',
        payload: { feedbackId: 'F1', replyId: 'R1', campusId: 'demo', authorId: 'u1', text: '收到' },
      });
      await p.uow.run(async () => {
        const f = (await p.feedback.byId('F1'))!;
        f.replies.push({ id: 'R1', adminId: 'adm', text: '收到', at: at(5) });
        f.state = 'answered';
        f.updatedAt = at(5);
        await p.feedback.save(f);
        await p.outbox.append([event('evt-feedback-1')]);
        // The second operation of the unit reads what the first wrote, not a copy from before it.
        const again = (await p.feedback.byId('F1'))!;
        expect(again).toMatchObject({ state: 'answered', updatedAt: at(5) });
        expect(again.replies.map((r) => r.id)).toEqual(['R1']);
        again.state = 'closed';
        again.updatedAt = at(6);
        await p.feedback.save(again);
        await p.outbox.append([event('evt-feedback-2')]);
        expect(await p.feedback.byId('F1')).toMatchObject({ state: 'closed', updatedAt: at(6) });
      });
      const after = (await p.feedback.byId('F1'))!;
      expect(after).toMatchObject({ state: 'closed', updatedAt: at(6) });
      expect(after.replies.map((r) => r.text)).toEqual(['收到']);
      // The other way round: a state change first, then a reply read on top of it, in one unit.
      await p.feedback.save(aFeedback('F2', 'u2', 1));
      await p.uow.run(async () => {
        const f = (await p.feedback.byId('F2'))!;
        f.state = 'answered';
        f.updatedAt = at(7);
        await p.feedback.save(f);
        await p.outbox.append([event('evt-feedback-3')]);
        const again = (await p.feedback.byId('F2'))!;
        expect(again).toMatchObject({ state: 'answered', updatedAt: at(7) });
        again.replies.push({ id: 'R2', adminId: 'adm', text: '已记录', at: at(8) });
        again.updatedAt = at(8);
        await p.feedback.save(again);
      });
      const second = (await p.feedback.byId('F2'))!;
      expect(second).toMatchObject({ state: 'answered', updatedAt: at(8) });
      expect(second.replies.map((r) => r.id)).toEqual(['R2']);
      expect(await p.feedback.list({ order: 'newest', after: null, limit: 10 })).toEqual([second, after]);
    });

    it('a unit of work that fails leaves neither the feedback nor its reply behind', async () => {
      await p.feedback.save(aFeedback('F1', 'u1', 0));
      await expect(
        p.uow.run(async () => {
          await p.feedback.save(aFeedback('F2', 'u1', 1));
          const f = (await p.feedback.byId('F1'))!;
          f.replies.push({ id: 'R1', adminId: 'adm', text: '回复', at: at(2) });
          f.state = 'answered';
          await p.feedback.save(f);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await p.feedback.byId('F2')).toBeNull();
      expect(await p.feedback.byId('F1')).toEqual(aFeedback('F1', 'u1', 0));
    });
  });
}
