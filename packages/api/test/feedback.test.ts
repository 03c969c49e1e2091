import { AdminAccount, Campus, type CleanupUnattachedPhotos } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminFeedback, Feedback, FeedbackPage } from '../src/contract.js';
import { Photos } from '../src/composition/photo-tokens.js';
import { resolve } from '../src/composition/token.js';
import { call, expectError } from './support/http.js';
import { multipartFile, phoneJpeg } from './support/photos.js';
import { eventually, onQueues, type WorkerStack } from './support/queues.js';
import { startStack, TEST_HASHER, type Handle, type Stack } from './support/stack.js';

/** 意见反馈 through the API on the embedded stack: who may send, what is refused, how admins answer. */
describe('feedback', () => {
  let s: Stack;
  let north: { authorization: string };
  let cleanup: CleanupUnattachedPhotos;
  beforeAll(async () => {
    s = await startStack('sqlite');
    await s.persistence.campuses.save(Campus.create({ id: 'north', name: '北方大学', areas: [] }));
    const northAdmin = AdminAccount.create({
      id: '01NORTHFEEDBACKADMIN000000',
      username: 'north-feedback',
      passwordHash: await TEST_HASHER.hash('north-admin-pw'),
      role: 'campus_admin',
      campusId: 'north',
      now: new Date(),
    });
    await s.persistence.admins.save(northAdmin);
    north = { authorization: `Bearer ${(await s.tokens.issueAdmin(northAdmin.id)).token}` };
    await s.anotherApp({ customize: (c) => void (cleanup = resolve(c, Photos.Cleanup)) });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  let shade = 0;
  const upload = async (who: Handle): Promise<string> => {
    const body = multipartFile(await phoneJpeg(300, 200, { r: 10 + 7 * shade++, g: 60, b: 90 }), 'IMG.jpg');
    const res = await call(s.app, {
      method: 'POST',
      url: '/v1/photos',
      headers: { ...s.auth(who), ...body.headers },
      payload: body.payload,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const send = (who: Handle, payload: object) =>
    call<Feedback>(s.app, { method: 'POST', url: '/v1/feedback', headers: s.auth(who), payload });
  const adminCall = <T = AdminFeedback>(url: string, payload: object, headers = s.auth('admin')) =>
    call<T>(s.app, { method: 'POST', url, headers, payload });

  it('a student sends text and their own photos; admins answer (twice), the student reads it, then it is closed', async () => {
    const photos = [await upload('bob'), await upload('bob')];
    const sent = await send('bob', { text: '  发布页选分类时会卡住\n第二行说明  ', photoIds: photos });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      campusId: 'demo',
      text: '发布页选分类时会卡住\n第二行说明',
      photos: photos.map((id) => ({ id, url: `/media/photos/${id}/medium` })),
      state: 'open',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      replies: [],
    });
    const id = sent.body.id;
    // Attached: the cleanup of abandoned uploads keeps them even when they are days old.
    const orphan = await upload('bob');
    await s.persistence.raw(`update photo set created_at = ? where id in (?, ?, ?)`, [
      new Date(Date.now() - 2 * 86_400_000),
      ...photos,
      orphan,
    ]);
    await cleanup.execute();
    expect((await s.persistence.photos.byIds([...photos, orphan])).map((p) => p.id).sort()).toEqual([...photos].sort());

    const queue = await call<{ items: AdminFeedback[] }>(s.app, {
      method: 'GET',
      url: '/v1/admin/feedback?state=open',
      headers: s.auth('admin'),
    });
    expect(queue.status).toBe(200);
    expect(queue.body.items.find((f) => f.id === id)).toMatchObject({
      author: { id: s.users.bob.id, nickname: s.users.bob.nickname },
      state: 'open',
    });

    const first = await adminCall(`/v1/admin/feedback/${id}/reply`, { text: '收到，正在排查' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ id, state: 'answered', replies: [{ text: '收到，正在排查' }] });
    const second = await adminCall(`/v1/admin/feedback/${id}/reply`, { text: '已修复，请更新后再试' });
    expect(second.body.replies.map((r) => r.text)).toEqual(['收到，正在排查', '已修复，请更新后再试']);

    const mine = await call<FeedbackPage>(s.app, { method: 'GET', url: '/v1/me/feedback', headers: s.auth('bob') });
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({
      id,
      state: 'answered',
      replies: [{}, { text: '已修复，请更新后再试' }],
    });
    expect(mine.body.items[0]).not.toHaveProperty('author');
    const others = await call<FeedbackPage>(s.app, { method: 'GET', url: '/v1/me/feedback', headers: s.auth('alice') });
    expect(others.body.items.map((f) => f.id)).not.toContain(id);

    const closed = await adminCall(`/v1/admin/feedback/${id}/close`, {});
    expect(closed.body).toMatchObject({ id, state: 'closed' });
    expectError(await adminCall(`/v1/admin/feedback/${id}/reply`, { text: '还有一句' }), 409, 'FEEDBACK_CLOSED');
    expect((await adminCall(`/v1/admin/feedback/${id}/close`, {})).status).toBe(200);

    const audit = await s.persistence.auditLog.list({ limit: 50 });
    expect(audit.filter((a) => a.targetId === id).map((a) => a.action)).toEqual([
      'feedback.close',
      'feedback.reply',
      'feedback.reply',
    ]);
    const answered = await call<{ items: AdminFeedback[] }>(s.app, {
      method: 'GET',
      url: '/v1/admin/feedback?state=closed',
      headers: s.auth('admin'),
    });
    expect(answered.body.items.map((f) => f.id)).toContain(id);
  });

  it('refuses photos that are not the student’s, more than three, empty or control-character text', async () => {
    const alices = await upload('alice');
    const own = [await upload('dave'), await upload('dave'), await upload('dave'), await upload('dave')];
    const details = expectError(
      await send('dave', { text: '图', photoIds: [own[0], alices] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(details).toEqual([expect.objectContaining({ field: 'photoIds' })]);
    expectError(await send('dave', { text: '图', photoIds: own }), 400, 'VALIDATION_FAILED');
    expectError(await send('dave', { text: '' }), 400, 'VALIDATION_FAILED');
    expectError(await send('dave', { text: '   ' }), 400, 'VALIDATION_FAILED');
    expectError(await send('dave', { text: 'x'.repeat(1001) }), 400, 'VALIDATION_FAILED');
    expectError(await send('dave', { text: '响铃\u0007字符' }), 400, 'VALIDATION_FAILED');
    expectError(await send('dave', {}), 400, 'VALIDATION_FAILED');
    // Nothing was attached by the refusals.
    expect((await s.persistence.photos.byId(own[0]!))!.attachedAt).toBeNull();
    expectError(
      await call(s.app, { method: 'POST', url: '/v1/feedback', payload: { text: '匿名' } }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('keeps admins to their campus and answers unknown ids and bad input plainly', async () => {
    const sent = await send('carol', { text: '未认证也能反馈吗？' });
    expect(sent.status).toBe(201);
    const id = sent.body.id;
    expectError(await adminCall(`/v1/admin/feedback/${id}/reply`, { text: '好' }, north), 403, 'ADMIN_SCOPE');
    expectError(await adminCall(`/v1/admin/feedback/${id}/close`, {}, north), 403, 'ADMIN_SCOPE');
    expectError(
      await call(s.app, { method: 'GET', url: '/v1/admin/feedback?campusId=demo', headers: north }),
      403,
      'ADMIN_SCOPE',
    );
    const northList = await call(s.app, { method: 'GET', url: '/v1/admin/feedback', headers: north });
    expect(northList.body).toEqual({ items: [], nextCursor: null });
    expectError(
      await adminCall('/v1/admin/feedback/01UNKNOWNFEEDBACK000000000/reply', { text: '好' }),
      404,
      'FEEDBACK_NOT_FOUND',
    );
    expectError(await adminCall('/v1/admin/feedback/01UNKNOWNFEEDBACK000000000/close', {}), 404, 'FEEDBACK_NOT_FOUND');
    expectError(await adminCall(`/v1/admin/feedback/${id}/reply`, { text: '' }), 400, 'VALIDATION_FAILED');
    expectError(await adminCall(`/v1/admin/feedback/${id}/reply`, { text: '\u0000' }), 400, 'VALIDATION_FAILED');
    expectError(
      await call(s.app, { method: 'GET', url: '/v1/admin/feedback?state=pending', headers: s.auth('admin') }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call(s.app, { method: 'GET', url: '/v1/me/feedback?cursor=nope', headers: s.auth('carol') }),
      400,
      'INVALID_CURSOR',
    );
  });

  it('pages oldest open first for admins, newest first for the student', async () => {
    const ids: string[] = [];
    for (const text of ['第一条', '第二条', '第三条']) {
      ids.push((await send('alice', { text })).body.id);
      s.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: AdminFeedback[]; nextCursor: string | null } } = await call(s.app, {
        method: 'GET',
        url: `/v1/admin/feedback?state=open&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: s.auth('admin'),
      });
      seen.push(...page.body.items.map((f) => f.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    const mine = await call<FeedbackPage>(s.app, {
      method: 'GET',
      url: '/v1/me/feedback?limit=2',
      headers: s.auth('alice'),
    });
    expect(mine.body.items.map((f) => f.id)).toEqual([ids[2], ids[1]]);
    expect(mine.body.nextCursor).not.toBeNull();
  });

  it('allows ten a day per student, then 429 with Retry-After until the oldest is a day old', async () => {
    const start = s.clock.now();
    const sentToday = (await s.persistence.feedback.sentSince(s.users.dave.id, new Date(start.getTime() - 86_400_000)))
      .length;
    for (let i = sentToday; i < 10; i++) expect((await send('dave', { text: `第 ${i} 条` })).status).toBe(201);
    const refused = await send('dave', { text: '第十一条' });
    expect(expectError(refused, 429, 'FEEDBACK_LIMIT_REACHED')).toMatchObject({ limit: 10 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    s.clock.advance(86_400_000 + 1000);
    expect((await send('dave', { text: '第二天' })).status).toBe(201);
  });
});

/** The answer reaches the student's inbox through the outbox, the relay and the notification rules in the worker. */
describe('feedback replies in the inbox', () => {
  onQueues((queue, start) => {
    let s: WorkerStack;
    beforeAll(async () => {
      s = await start();
    }, 60_000);
    afterAll(() => s?.close());

    const inbox = async (who: Handle) =>
      (await call(s.app, { method: 'GET', url: '/v1/me/notifications?limit=50', headers: s.auth(who) })).body.items as {
        kind: string;
        listingId: string | null;
        data: Record<string, unknown>;
      }[];

    it(`[${queue}] tells the student once per reply, linking to the feedback`, async () => {
      const sent = await call(s.app, {
        method: 'POST',
        url: '/v1/feedback',
        headers: s.auth('bob'),
        payload: { text: `消息页能加个全部已读吗 ${queue}` },
      });
      expect(sent.status).toBe(201);
      const id = sent.body.id as string;
      const reply = await call(s.app, {
        method: 'POST',
        url: `/v1/admin/feedback/${id}/reply`,
        headers: s.auth('admin'),
        payload: { text: '已经有了：消息页右上角' },
      });
      expect(reply.status).toBe(200);
      const replies = async () => (await inbox('bob')).filter((n) => n.kind === 'feedback_reply');
      await eventually(async () => (await replies()).length === 1);
      await new Promise((r) => setTimeout(r, 300));
      const [n] = await replies();
      expect(await replies()).toHaveLength(1);
      expect(n).toMatchObject({
        listingId: null,
        data: {
          title: '意见反馈有回复',
          text: '已经有了：消息页右上角',
          feedbackId: id,
          page: `pages/feedback/index?id=${id}`,
        },
      });
      expect((await inbox('alice')).filter((x) => x.kind === 'feedback_reply')).toEqual([]);
    });
  });
});
