import { students, verifiedStudents, type Row } from './matrix.js';

/** 我的订阅: verified students save; anyone signed in lists and deletes their own; nobody else's. */
export const savedSearchRows: Row[] = [
  { route: 'GET /v1/me/saved-searches', request: () => ({ url: '/v1/me/saved-searches' }), expect: students(200) },
  {
    route: 'POST /v1/me/saved-searches',
    request: () => ({ url: '/v1/me/saved-searches', payload: { q: '矩阵 自行车', maxPrice: 50_000 } }),
    expect: verifiedStudents(201),
  },
  {
    // alice's saved search: hers to delete; to everyone else it does not exist.
    route: 'DELETE /v1/me/saved-searches/:id',
    request: (f) => ({ url: `/v1/me/saved-searches/${f.savedSearchId}` }),
    expect: { ...students(404), verified: 204 },
  },
];
