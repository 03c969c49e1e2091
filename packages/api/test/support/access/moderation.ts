import { admins, campusAdmins, everyone, verifiedStudents, type Row } from './matrix.js';

/** Reports, the moderation queue, the audit log and statistics. */
export const moderationRows: Row[] = [
  // Without a campusId an admin sees their own campus; naming another is refused to campus admins.
  { route: 'GET /v1/admin/stats', request: () => ({ url: '/v1/admin/stats' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/stats#demo',
    request: () => ({ url: '/v1/admin/stats?campusId=demo' }),
    expect: campusAdmins(200),
  },
  { route: 'GET /v1/admin/audit-log', request: () => ({ url: '/v1/admin/audit-log' }), expect: admins(200) },
  { route: 'GET /v1/reports/reasons', request: () => ({ url: '/v1/reports/reasons' }), expect: everyone(200) },
  // Verified students other than the owner report; the owner's own listing is refused (403 CANNOT_REPORT_OWN).
  {
    route: 'POST /v1/reports',
    request: (f) => ({ url: '/v1/reports', payload: { targetType: 'listing', targetId: f.listingId, reason: 'fake' } }),
    expect: { ...verifiedStudents(201), verified: 403 },
  },
  {
    route: 'GET /v1/admin/moderation/cases',
    request: () => ({ url: '/v1/admin/moderation/cases' }),
    expect: admins(200),
  },
  {
    route: 'POST /v1/admin/moderation/cases/:id/resolve',
    request: (f) => ({ url: `/v1/admin/moderation/cases/${f.caseId}/resolve`, payload: { decision: 'restore' } }),
    expect: campusAdmins(200),
  },
];
