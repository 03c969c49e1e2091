import { admins, campusAdmins, everyone, type Row } from './matrix.js';

/** Search, suggestions, hot searches and their blocked terms. */
export const searchRows: Row[] = [
  { route: 'GET /v1/search', request: () => ({ url: '/v1/search?q=%E5%8F%B0%E7%81%AF' }), expect: everyone(200) },
  { route: 'GET /v1/search/hot', request: () => ({ url: '/v1/search/hot' }), expect: everyone(200) },
  // Without a campusId an admin reads their own campus's list; naming another campus is refused.
  {
    route: 'GET /v1/admin/search/blocked-terms',
    request: () => ({ url: '/v1/admin/search/blocked-terms' }),
    expect: admins(200),
  },
  {
    route: 'GET /v1/admin/search/blocked-terms#demo',
    request: () => ({ url: '/v1/admin/search/blocked-terms?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/search/blocked-terms',
    request: () => ({
      url: '/v1/admin/search/blocked-terms',
      payload: { campusId: 'demo', term: `词${Math.random().toString(36).slice(2, 8)}` },
    }),
    expect: campusAdmins(201),
  },
  {
    route: 'DELETE /v1/admin/search/blocked-terms/:id',
    request: (f) => ({ url: `/v1/admin/search/blocked-terms/${f.blockedTermId}` }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/admin/search/synonyms',
    request: () => ({ url: '/v1/admin/search/synonyms' }),
    expect: admins(200),
  },
  {
    route: 'GET /v1/admin/search/synonyms#demo',
    request: () => ({ url: '/v1/admin/search/synonyms?campusId=demo' }),
    expect: campusAdmins(200),
  },
  {
    route: 'POST /v1/admin/search/synonyms',
    request: () => {
      const word = Math.random().toString(36).slice(2, 8);
      return { url: '/v1/admin/search/synonyms', payload: { campusId: 'demo', terms: [`甲${word}`, `乙${word}`] } };
    },
    expect: campusAdmins(201),
  },
  // Edited by every admin who may, then deleted by the demo admin, the last role.
  {
    route: 'PATCH /v1/admin/search/synonyms/:id',
    request: (f) => {
      const word = Math.random().toString(36).slice(2, 8);
      return { url: `/v1/admin/search/synonyms/${f.synonymGroupId}`, payload: { terms: [`丙${word}`, `丁${word}`] } };
    },
    expect: campusAdmins(200),
  },
  {
    route: 'DELETE /v1/admin/search/synonyms/:id',
    request: (f) => ({ url: `/v1/admin/search/synonyms/${f.synonymGroupId}` }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/search/suggest',
    request: () => ({ url: '/v1/search/suggest?q=%E5%8F%B0' }),
    expect: everyone(200),
  },
];
