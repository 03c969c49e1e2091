import { admins, campusAdmins, everyone, students, type Row } from './matrix.js';

/** Banners, notices and feedback: the campus's voice to students and back. */
export const bulletinRows: Row[] = [
  // Announcements: live lists for everyone; admins manage their own campus's (the demo admin deletes last).
  { route: 'GET /v1/banners', request: () => ({ url: '/v1/banners?campusId=demo' }), expect: everyone(200) },
  { route: 'GET /v1/admin/banners', request: () => ({ url: '/v1/admin/banners' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/banners#demo',
    request: () => ({ url: '/v1/admin/banners?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/banners',
    request: (f) => ({
      url: '/v1/admin/banners',
      payload: { campusId: 'demo', title: '矩阵轮播', photoId: f.announcement.adminPhotoId, target: { kind: 'none' } },
    }),
    expect: campusAdmins(201),
  },
  {
    route: 'PATCH /v1/admin/banners/:id',
    request: (f) => ({ url: `/v1/admin/banners/${f.announcement.bannerId}`, payload: { position: 5 } }),
    expect: campusAdmins(200),
  },
  {
    route: 'DELETE /v1/admin/banners/:id',
    request: (f) => ({ url: `/v1/admin/banners/${f.announcement.bannerId}` }),
    expect: campusAdmins(204),
  },
  { route: 'GET /v1/notices', request: () => ({ url: '/v1/notices?campusId=demo' }), expect: everyone(200) },
  {
    route: 'GET /v1/notices/:id',
    request: (f) => ({ url: `/v1/notices/${f.announcement.noticeId}` }),
    expect: everyone(200),
  },
  { route: 'GET /v1/admin/notices', request: () => ({ url: '/v1/admin/notices' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/notices#demo',
    request: () => ({ url: '/v1/admin/notices?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/notices',
    request: () => ({ url: '/v1/admin/notices', payload: { campusId: 'demo', title: '矩阵通知', body: '正文' } }),
    expect: campusAdmins(201),
  },
  {
    route: 'PATCH /v1/admin/notices/:id',
    request: (f) => ({ url: `/v1/admin/notices/${f.announcement.noticeId}`, payload: { pinned: true } }),
    expect: campusAdmins(200),
  },
  {
    route: 'DELETE /v1/admin/notices/:id',
    request: (f) => ({ url: `/v1/admin/notices/${f.announcement.noticeId}` }),
    expect: campusAdmins(204),
  },
  // 意见反馈: any signed-in student who is not banned writes and reads their own; admins of the campus answer.
  {
    route: 'POST /v1/feedback',
    request: () => ({ url: '/v1/feedback', payload: { text: '首页能加个夜间模式吗？' } }),
    expect: students(201),
  },
  { route: 'GET /v1/me/feedback', request: () => ({ url: '/v1/me/feedback' }), expect: students(200) },
  { route: 'GET /v1/admin/feedback', request: () => ({ url: '/v1/admin/feedback' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/feedback#demo',
    request: () => ({ url: '/v1/admin/feedback?campusId=demo&state=open' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/feedback/:id/reply',
    request: (f) => ({ url: `/v1/admin/feedback/${f.feedbackId}/reply`, payload: { text: '收到，谢谢反馈' } }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/feedback/:id/close',
    request: (f) => ({ url: `/v1/admin/feedback/${f.feedbackId}/close`, payload: {} }),
    expect: campusAdmins(200),
  },
];
