import { DEMO_ADMIN_PASSWORD } from '../stack.js';
import { admins, campusAdmins, everyone, students, type Row } from './matrix.js';

/** Students and admins: profiles, sessions, bans, campus verification, and the platform routes (client config, campuses, health). */
export const peopleRows: Row[] = [
  // Seller pages are public; the rows before them may have banned dave, but each fixture unbans him.
  { route: 'GET /v1/users/:id', request: (f) => ({ url: `/v1/users/${f.targetUserId}` }), expect: everyone(200) },
  {
    route: 'GET /v1/users/:id/listings',
    request: (f) => ({ url: `/v1/users/${f.targetUserId}/listings` }),
    expect: everyone(200),
  },
  { route: 'GET /v1/me', request: () => ({ url: '/v1/me' }), expect: students(200) },
  { route: 'PATCH /v1/me', request: () => ({ url: '/v1/me', payload: { nickname: '新昵称' } }), expect: students(200) },
  { route: 'GET /v1/me/listings', request: () => ({ url: '/v1/me/listings' }), expect: students(200) },
  { route: 'GET /v1/me/favorites', request: () => ({ url: '/v1/me/favorites' }), expect: students(200) },
  {
    route: 'POST /v1/dev/login',
    request: () => ({ url: '/v1/dev/login', payload: { user: 'dave' } }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/auth/qq-login',
    request: () => ({ url: '/v1/auth/qq-login', payload: { code: 'demo:dave' } }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/auth/refresh',
    request: (f) => ({ url: '/v1/auth/refresh', payload: { refreshToken: f.refreshToken } }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/auth/logout',
    request: (f) => ({ url: '/v1/auth/logout', payload: { refreshToken: f.refreshToken } }),
    expect: everyone(204),
  },
  {
    route: 'POST /v1/admin/auth/login',
    request: () => ({ url: '/v1/admin/auth/login', payload: { username: 'admin', password: DEMO_ADMIN_PASSWORD } }),
    expect: everyone(200),
  },
  { route: 'GET /v1/admin/me', request: () => ({ url: '/v1/admin/me' }), expect: admins(200) },
  {
    route: 'POST /v1/admin/users/:id/ban',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}/ban`, payload: { reason: '违规' } }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/users/:id/unban',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}/unban`, payload: { reason: '申诉' } }),
    expect: campusAdmins(200),
  },
  // The back office's students and listings: without a campusId an admin reads their own campus (all for a super
  // admin); naming another campus, or opening one of its students or listings, is refused to campus admins.
  { route: 'GET /v1/admin/users', request: () => ({ url: '/v1/admin/users' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/users#demo',
    request: () => ({ url: '/v1/admin/users?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/admin/users/:id',
    request: (f) => ({ url: `/v1/admin/users/${f.targetUserId}` }),
    expect: campusAdmins(200),
  },
  { route: 'GET /v1/campuses/:id/login', request: () => ({ url: '/v1/campuses/demo/login' }), expect: everyone(200) },
  // A fresh number each time, so no row is refused for a number an earlier role verified with.
  {
    route: 'POST /v1/me/campus-verification',
    request: () => ({
      url: '/v1/me/campus-verification',
      payload: {
        method: 'password',
        username: `20${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        password: 'demo',
      },
    }),
    expect: students(200),
  },
  // dave holds no student-number binding: 404 is the rule answering once access is granted.
  {
    route: 'POST /v1/admin/verifications/:userId/release',
    request: (f) => ({ url: `/v1/admin/verifications/${f.targetUserId}/release`, payload: { reason: '换号' } }),
    expect: campusAdmins(404),
  },
  { route: 'GET /v1/client-config', request: () => ({ url: '/v1/client-config' }), expect: everyone(200) },
  { route: 'GET /v1/campuses', request: () => ({ url: '/v1/campuses' }), expect: everyone(200) },
  { route: 'POST /v1/dev/admin-login', request: () => ({ url: '/v1/dev/admin-login' }), expect: everyone(200) },
  { route: 'GET /healthz', request: () => ({ url: '/healthz' }), expect: { ...everyone(200), banned: 200 } },
  { route: 'GET /readyz', request: () => ({ url: '/readyz' }), expect: { ...everyone(200), banned: 200 } },
];
