import { existsSync, readdirSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, categoryIds, expectError, itemBody, publishAs } from './support/http.js';
import { multipartFile } from './support/photos.js';
import { startStack, type Handle, type Stack } from './support/stack.js';

// Issue 16: whatever a client sends, the answer is a 4xx with a stable code, never a 500.

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe.each(['sqlite', 'mariadb'] as const)('hostile input on %s', (kind) => {
  let s: Stack;
  let cats: Record<string, string>;
  let listingId: string;
  beforeAll(async () => {
    s = await startStack(kind);
    cats = await categoryIds(s.app);
    listingId = (await publishAs(s, 'alice', itemBody(cats))).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  const as = (handle: Handle | null, method: InjectOptions['method'], url: string, payload?: unknown) =>
    call(s.app, {
      method,
      url,
      headers: handle ? s.auth(handle) : {},
      ...(payload ? { payload } : {}),
    });

  describe('control characters are refused at the edge, naming the field', () => {
    const bad = ['a\u0000b', '\u0001', 'x\u001fy', 'del\u007f', 'tab\there', 'line\nbreak'];
    const q = encodeURIComponent;
    const cases: { name: string; field: string; send: (v: string) => ReturnType<typeof as> }[] = [
      {
        name: 'catalog campusId (query)',
        field: 'campusId',
        send: (v) => as(null, 'GET', `/v1/catalog?campusId=${q(v)}`),
      },
      {
        name: 'feed campusId (query)',
        field: 'campusId',
        send: (v) => as(null, 'GET', `/v1/listings?campusId=${q(v)}`),
      },
      { name: 'search q (query)', field: 'q', send: (v) => as(null, 'GET', `/v1/search?q=${q(v)}`) },
      { name: 'listing id (path)', field: 'id', send: (v) => as(null, 'GET', `/v1/listings/${q(v)}`) },
      {
        name: 'comments listing id (path)',
        field: 'id',
        send: (v) => as(null, 'GET', `/v1/listings/${q(v)}/comments`),
      },
      {
        name: 'favorite listing id (path)',
        field: 'id',
        send: (v) => as('bob', 'PUT', `/v1/listings/${q(v)}/favorite`),
      },
      {
        name: 'audit log action (admin query)',
        field: 'action',
        send: (v) => as('admin', 'GET', `/v1/admin/audit-log?action=${q(v)}`),
      },
      {
        name: 'listing title (body)',
        field: 'title',
        send: (v) => as('alice', 'POST', '/v1/listings', itemBody(cats, { title: v })),
      },
      {
        name: 'listing category id (body)',
        field: 'categoryId',
        send: (v) => as('alice', 'POST', '/v1/listings', itemBody(cats, { categoryId: v })),
      },
      {
        name: 'comment reply id (body)',
        field: 'replyToCommentId',
        send: (v) => as('bob', 'POST', `/v1/listings/${listingId}/comments`, { body: 'hi', replyToCommentId: v }),
      },
      { name: 'nickname (body)', field: 'nickname', send: (v) => as('bob', 'PATCH', '/v1/me', { nickname: v }) },
      {
        name: 'report target (body)',
        field: 'targetId',
        send: (v) => as('bob', 'POST', '/v1/reports', { targetType: 'listing', targetId: v, reason: 'spam' }),
      },
    ];
    for (const c of cases) {
      it(`${c.name} → 400 VALIDATION_FAILED naming ${c.field}`, async () => {
        for (const v of bad) {
          const res = await c.send(v);
          expect(res.status, `${JSON.stringify(v)}: ${JSON.stringify(res.body)}`).toBe(400);
          const details = expectError(res, 400, 'VALIDATION_FAILED');
          expect(details.map((d: { field: string }) => d.field)).toContain(c.field);
        }
      });
    }

    it('free text keeps tabs and line breaks but refuses every other control character', async () => {
      const ok = await as('alice', 'POST', '/v1/listings', itemBody(cats, { description: '第一行\n第二行\r\n\t缩进' }));
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const comment = await as('bob', 'POST', `/v1/listings/${listingId}/comments`, { body: '还在吗？\n周末可以' });
      expect(comment.status, JSON.stringify(comment.body)).toBe(201);
      for (const v of ['a\u0000b', 'x\u0007', 'y\u007f']) {
        const details = expectError(
          await as('alice', 'POST', '/v1/listings', itemBody(cats, { description: v })),
          400,
          'VALIDATION_FAILED',
        );
        expect(details).toEqual([{ field: 'description', message: '不能包含控制字符' }]);
        expectError(
          await as('bob', 'POST', `/v1/listings/${listingId}/comments`, { body: v }),
          400,
          'VALIDATION_FAILED',
        );
      }
    });
  });

  describe('tampered cursors answer 400 INVALID_CURSOR on every route that reads one', () => {
    const tampered = {
      'non-finite (first)': b64('[1e309,"x"]'),
      'non-finite, 1': b64('[1e309]'),
      'non-finite, 3': b64('[1e309,1,"x"]'),
      'non-finite, 4': b64('[1,-1e309,1,"x"]'),
      'non-finite score': b64('[1,1e309,"x"]'),
      'time out of range': b64('[1e300,"x"]'),
      'wrong shape': b64('{"a":1}'),
      'wrong types': b64('["x","y"]'),
      'not base64': '!!!***',
      'not json': b64('not json'),
      huge: b64(`[1,"${'x'.repeat(2000)}"]`),
      empty: '',
    };
    const routes: { name: string; handle: Handle | null; url: string }[] = [
      { name: 'feed', handle: null, url: '/v1/listings' },
      { name: 'my listings', handle: 'alice', url: '/v1/me/listings' },
      { name: 'favorites', handle: 'alice', url: '/v1/me/favorites' },
      { name: 'notifications', handle: 'alice', url: '/v1/me/notifications' },
      { name: 'search', handle: null, url: '/v1/search?q=iphone' },
      { name: 'recommendations', handle: 'alice', url: '/v1/recommendations' },
      { name: 'similar', handle: null, url: '/v1/listings/LISTING/similar' },
      { name: 'admin dead letters', handle: 'admin', url: '/v1/admin/dead-letters' },
      { name: 'admin moderation cases', handle: 'admin', url: '/v1/admin/moderation/cases' },
      { name: 'admin audit log', handle: 'admin', url: '/v1/admin/audit-log' },
    ];
    for (const r of routes) {
      it(r.name, async () => {
        for (const [label, cursor] of Object.entries(tampered)) {
          const url = r.url.replace('LISTING', listingId);
          const res = await as(r.handle, 'GET', `${url}${url.includes('?') ? '&' : '?'}cursor=${cursor}`);
          expect({ label, status: res.status, code: res.body?.error?.code }).toEqual({
            label,
            status: 400,
            code: 'INVALID_CURSOR',
          });
        }
      });
    }
  });

  describe('malformed uploads answer 4xx and leave no file behind', () => {
    const photoFiles = () => {
      const dir = s.config.photos.dir;
      return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];
    };
    const post = (payload: Buffer | string, contentType: string) =>
      call(s.app, {
        method: 'POST',
        url: '/v1/photos',
        headers: { ...s.auth('alice'), 'content-type': contentType },
        payload,
      });

    it('a truncated PNG → 400 PHOTO_UNREADABLE', async () => {
      const before = photoFiles();
      const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 1, g: 2, b: 3 } } })
        .png()
        .toBuffer();
      const body = multipartFile(png.subarray(0, Math.floor(png.length / 2)), 'cut.png', 'image/png');
      expectError(await post(body.payload, body.headers['content-type']), 400, 'PHOTO_UNREADABLE');
      expect(photoFiles()).toEqual(before);
    });

    it('multipart without its closing boundary → 400 MULTIPART_MALFORMED', async () => {
      const before = photoFiles();
      const body = multipartFile(Buffer.from('not really a photo'), 'a.jpg');
      const cut = body.payload.subarray(0, body.payload.length - 20);
      expectError(await post(cut, body.headers['content-type']), 400, 'MULTIPART_MALFORMED');
      expect(photoFiles()).toEqual(before);
    });

    it('multipart with no boundary → 400 MULTIPART_MALFORMED', async () => {
      const before = photoFiles();
      const body = multipartFile(Buffer.from('x'), 'a.jpg');
      expectError(await post(body.payload, 'multipart/form-data'), 400, 'MULTIPART_MALFORMED');
      expect(photoFiles()).toEqual(before);
    });
  });
});
