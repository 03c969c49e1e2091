import type { ListingRepository } from '@xianzhi/core';
import { describe, expect, it } from 'vitest';
import { Ports } from '../../src/composition/tokens.js';
import { resolve } from '../../src/composition/token.js';
import { call, expectError } from '../support/http.js';
import type { Stack } from '../support/stack.js';

export function platformScenarios(get: () => Stack): void {
  describe('catalog and categories', () => {
    it('the catalog carries the campus, its areas, the tree and labelled dimensions', async () => {
      const res = await call(get().app, { method: 'GET', url: '/v1/catalog' });
      expect(res.status).toBe(200);
      const c = res.body;
      expect(c.campus).toEqual({
        id: 'demo',
        name: '示例大学',
        areas: ['东区宿舍', '西区宿舍', '图书馆', '第一教学楼', '二食堂', '南门', '体育馆'].map((name) => ({
          id: expect.any(String),
          name,
        })),
      });
      expect(c.categories.map((r: { name: string }) => r.name)).toEqual([
        '旧书',
        '电子产品',
        '生活用品',
        '文体用品',
        '交通出行',
        '服饰鞋包',
        '其他',
      ]);
      expect(c.categories[0].children[0]).toEqual({ id: expect.any(String), code: 'books-textbook', name: '教材' });
      expect(c.conditions).toEqual([
        { value: 'new', label: '全新' },
        { value: 'like_new', label: '几乎全新' },
        { value: 'lightly_used', label: '轻微使用痕迹' },
        { value: 'heavily_used', label: '明显使用痕迹' },
      ]);
      expect(c.tradeMethods).toEqual([
        { value: 'face_to_face', label: '当面交易' },
        { value: 'delivery', label: '送货上门' },
        { value: 'express', label: '快递' },
      ]);
      expect(c.kinds).toEqual([
        { value: 'item', label: '闲置物品' },
        { value: 'book', label: '闲置书籍' },
        { value: 'wanted', label: '求购' },
      ]);
    });

    it('admins manage categories; a disabled one leaves the menus but not the admin view', async () => {
      const s = get();
      const admin = s.auth('admin');
      const root = await call(s.app, {
        method: 'POST',
        url: '/v1/admin/categories',
        headers: admin,
        payload: { code: 'pets', name: '宠物用品' },
      });
      expect(root.status).toBe(201);
      expect(root.body).toMatchObject({
        campusId: 'demo',
        parentId: null,
        code: 'pets',
        name: '宠物用品',
        enabled: true,
      });
      const child = await call(s.app, {
        method: 'POST',
        url: '/v1/admin/categories',
        headers: admin,
        payload: { code: 'pets-cage', name: '笼子', parentId: root.body.id },
      });
      expect(child.status).toBe(201);

      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/categories',
          headers: admin,
          payload: { code: 'pets', name: '重复' },
        }),
        409,
        'CATEGORY_CODE_TAKEN',
      );
      expectError(
        await call(s.app, {
          method: 'POST',
          url: '/v1/admin/categories',
          headers: s.auth('alice'),
          payload: { code: 'x', name: '学生' },
        }),
        403,
        'ADMIN_ONLY',
      );
      expect(
        expectError(
          await call(s.app, {
            method: 'POST',
            url: '/v1/admin/categories',
            headers: admin,
            payload: { code: 'Bad Code', name: '坏' },
          }),
          400,
          'VALIDATION_FAILED',
        ),
      ).toEqual([expect.objectContaining({ field: 'code' })]);
      expectError(
        await call(s.app, {
          method: 'PATCH',
          url: '/v1/admin/categories/nope',
          headers: admin,
          payload: { enabled: false },
        }),
        404,
        'CATEGORY_NOT_FOUND',
      );

      const disabled = await call(s.app, {
        method: 'PATCH',
        url: `/v1/admin/categories/${child.body.id}`,
        headers: admin,
        payload: { enabled: false, name: '宠物笼' },
      });
      expect(disabled.body).toMatchObject({ enabled: false, name: '宠物笼' });
      const menu = await call(s.app, { method: 'GET', url: '/v1/categories' });
      const pets = menu.body.items.find((r: { code: string }) => r.code === 'pets');
      expect(pets.children).toEqual([]);
      const full = await call(s.app, { method: 'GET', url: '/v1/categories?includeDisabled=true', headers: admin });
      expect(full.body.items.find((r: { code: string }) => r.code === 'pets').children).toEqual([
        expect.objectContaining({ code: 'pets-cage', name: '宠物笼', enabled: false }),
      ]);
      expectError(
        await call(s.app, { method: 'GET', url: '/v1/categories?includeDisabled=true', headers: s.auth('bob') }),
        403,
        'ADMIN_ONLY',
      );
    });
  });

  describe('operations and failure', () => {
    it('/healthz says the process is up; /readyz that the database answers a real round trip', async () => {
      expect(await call(get().app, { method: 'GET', url: '/healthz' })).toMatchObject({
        status: 200,
        body: { ok: true },
      });
      const ready = await call(get().app, { method: 'GET', url: '/readyz' });
      expect(ready).toMatchObject({ status: 200, body: { ok: true, checks: { database: 'up' } } });
    });

    it('an unknown route is 404 ROUTE_NOT_FOUND in the error envelope', async () => {
      const res = await call(get().app, { method: 'GET', url: '/v1/no-such-thing?x=1' });
      expectError(res, 404, 'ROUTE_NOT_FOUND');
      expectError(await call(get().app, { method: 'DELETE', url: '/v1/listings' }), 404, 'ROUTE_NOT_FOUND');
    });

    it('malformed JSON is 400, not 500', async () => {
      const s = get();
      const res = await call(s.app, {
        method: 'POST',
        url: '/v1/listings',
        headers: { ...s.auth('alice'), 'content-type': 'application/json' },
        payload: '{"kind": "item",',
      });
      expectError(res, 400, 'BAD_REQUEST');
    });

    it('a bug becomes 500 INTERNAL without internals; the log has the error and the request id', async () => {
      const s = get();
      const broken = await s.anotherApp({
        customize: (container) => {
          const real = resolve(container, Ports.Listings);
          const failing: ListingRepository = Object.assign(Object.create(real) as ListingRepository, {
            feed: async () => {
              throw new Error('boom: connection to db-secret-host:3306 lost');
            },
          });
          container.rebind(Ports.Listings).toConstantValue(failing);
        },
      });
      const res = await call(broken, { method: 'GET', url: '/v1/listings' });
      const details = expectError(res, 500, 'INTERNAL');
      expect(details).toEqual({ requestId: res.headers['x-request-id'] });
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('boom');
      expect(text).not.toContain('db-secret-host');
      expect(text).not.toMatch(/at .*\.ts/);
      const logged = s.logs.find((l) => l['reqId'] === details.requestId && l['level'] === 50);
      expect(logged).toBeDefined();
      expect(JSON.stringify(logged)).toContain('boom');
    });

    it('the OpenAPI document lists every route with its schemas', async () => {
      const s = get();
      const res = await call(s.app, { method: 'GET', url: '/docs/json' });
      expect(res.status).toBe(200);
      const paths = res.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
      const visible = s.app.routeTable.filter((r) => !r.hidden);
      expect(visible.length).toBeGreaterThanOrEqual(23);
      for (const route of visible) {
        const path = route.url.replace(/:(\w+)/g, '{$1}');
        expect(paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
      }
      for (const [method, path] of [
        ['get', '/v1/catalog'],
        ['get', '/v1/categories'],
        ['get', '/v1/listings'],
        ['post', '/v1/listings'],
        ['get', '/v1/listings/{id}'],
        ['patch', '/v1/listings/{id}'],
        ['post', '/v1/listings/{id}/status'],
        ['post', '/v1/listings/{id}/renew'],
        ['post', '/v1/listings/{id}/withdraw'],
        ['post', '/v1/admin/listings/{id}/remove'],
        ['put', '/v1/listings/{id}/favorite'],
        ['delete', '/v1/listings/{id}/favorite'],
        ['get', '/v1/listings/{id}/comments'],
        ['post', '/v1/listings/{id}/comments'],
        ['delete', '/v1/comments/{id}'],
        ['get', '/v1/me'],
        ['patch', '/v1/me'],
        ['get', '/v1/me/listings'],
        ['get', '/v1/me/favorites'],
        ['post', '/v1/admin/categories'],
        ['patch', '/v1/admin/categories/{id}'],
        ['post', '/v1/dev/login'],
        ['get', '/healthz'],
        ['get', '/readyz'],
      ] as const) {
        const op = paths[path]?.[method];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(
          Object.keys(op!.responses).some((code) => code.startsWith('2')),
          `${method} ${path} success schema`,
        ).toBe(true);
      }
      const docs = await s.app.inject({ method: 'GET', url: '/docs' });
      expect([200, 302]).toContain(docs.statusCode);
    });
  });
}
