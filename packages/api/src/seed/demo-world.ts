import { demoQqOpenId } from '@xianzhi/adapters';
import type { Role, TradeArea } from '@xianzhi/core';

export const DEMO_CAMPUS = {
  id: 'demo',
  name: '示例大学',
  areas: [
    { id: 'east-dorm', name: '东区宿舍' },
    { id: 'west-dorm', name: '西区宿舍' },
    { id: 'library', name: '图书馆' },
    { id: 'teaching-1', name: '第一教学楼' },
    { id: 'canteen-2', name: '二食堂' },
    { id: 'south-gate', name: '南门' },
    { id: 'gym', name: '体育馆' },
  ] satisfies TradeArea[],
  listingLifetimeDays: 60,
} as const;

export interface DemoUser {
  readonly handle: string;
  readonly nickname: string;
  readonly verified: boolean;
  readonly role: Role;
  /** Sells in the seeded feed. */
  readonly seller: boolean;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { handle: 'alice', nickname: '爱丽丝·计算机系', verified: true, role: 'student', seller: true },
  { handle: 'bob', nickname: '阿博学长', verified: true, role: 'student', seller: true },
  { handle: 'carol', nickname: '小卡（新生）', verified: false, role: 'student', seller: false },
  { handle: 'dave', nickname: '大卫同学', verified: true, role: 'student', seller: true },
];

/**
 * A QQ-openid-shaped identifier derived from the handle, so demo users are found again after a
 * restart or a re-seed without any stored mapping; the demo QQ login (`demo:alice`) derives the same.
 */
export function demoOpenId(handle: string): string {
  return demoQqOpenId(handle);
}

/** The admin account embedded mode seeds (password: XZ_DEMO_ADMIN_PASSWORD), a campus admin of the demo campus. */
export const DEMO_ADMIN_USERNAME = 'admin';
