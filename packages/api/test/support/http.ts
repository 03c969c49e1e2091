import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { ListingDetail } from '../../src/contract.js';
import type { Stack } from './stack.js';

export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, unknown>;
}

export async function call<T = any>(app: FastifyInstance, options: InjectOptions): Promise<Reply<T>> {
  const res = await app.inject(options);
  const text = res.body;
  return { status: res.statusCode, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Asserts the error envelope and returns its details. */
export function expectError(reply: Reply, status: number, code: string): any {
  expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status, code });
  expect(typeof reply.body.error.message).toBe('string');
  expect(reply.body.error).toHaveProperty('details');
  return reply.body.error.details;
}

/** A valid ISBN-13 (checksum computed, not copied). */
export function isbn13(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

export async function categoryIds(app: FastifyInstance, campusId = 'demo'): Promise<Record<string, string>> {
  const res = await call(app, { method: 'GET', url: `/v1/catalog?campusId=${campusId}` });
  expect(res.status).toBe(200);
  const ids: Record<string, string> = {};
  for (const root of res.body.categories) {
    ids[root.code] = root.id;
    for (const child of root.children) ids[child.code] = child.id;
  }
  return ids;
}

export function itemBody(categories: Record<string, string>, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'item',
    title: '九成新 iPhone 13 128G 午夜色',
    description: '自用一年，电池健康 88%，无磕碰，送手机壳',
    price: 250_000,
    originalPrice: 599_900,
    categoryId: categories['digital-phone'],
    condition: 'like_new',
    areaId: 'east-dorm',
    tradeMethods: ['face_to_face', 'delivery'],
    photos: [],
    ...overrides,
  };
}

export async function publishAs(
  stack: Stack,
  handle: Parameters<Stack['auth']>[0],
  body: Record<string, unknown>,
): Promise<ListingDetail> {
  const res = await call<ListingDetail>(stack.app, {
    method: 'POST',
    url: '/v1/listings',
    headers: stack.auth(handle),
    payload: body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
