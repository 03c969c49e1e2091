import { itemBody } from '../http.js';
import { multipartFile } from '../photos.js';
import { admins, campusAdmins, everyone, ownerOnly, students, verifiedStudents, type Row } from './matrix.js';

/** Catalog, listings (feed, detail, lifecycle, admin removal and restore), favorites, comments, photos and media. */
export const listingsRows: Row[] = [
  { route: 'GET /v1/catalog', request: () => ({ url: '/v1/catalog' }), expect: everyone(200) },
  { route: 'GET /v1/categories', request: () => ({ url: '/v1/categories' }), expect: everyone(200) },
  { route: 'GET /v1/listings', request: () => ({ url: '/v1/listings' }), expect: everyone(200) },
  { route: 'GET /v1/listings/:id', request: (f) => ({ url: `/v1/listings/${f.listingId}` }), expect: everyone(200) },
  {
    route: 'GET /v1/listings/:id/similar',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/similar` }),
    expect: everyone(200),
  },
  { route: 'GET /v1/recommendations', request: () => ({ url: '/v1/recommendations' }), expect: everyone(200) },
  {
    route: 'POST /v1/listings',
    request: (f) => ({ url: '/v1/listings', payload: itemBody(f.categories) }),
    expect: verifiedStudents(201),
  },
  {
    route: 'PATCH /v1/listings/:id',
    request: (f) => ({ url: `/v1/listings/${f.listingId}`, payload: { version: 1, title: '改过的标题 台灯' } }),
    expect: ownerOnly(200),
  },
  {
    route: 'POST /v1/listings/:id/status',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/status`, payload: { status: 'reserved' } }),
    expect: ownerOnly(200),
  },
  // The owner may renew, but not on the day of publishing: 429 is the rule answering, not access.
  {
    route: 'POST /v1/listings/:id/renew',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/renew` }),
    expect: ownerOnly(429),
  },
  {
    route: 'POST /v1/listings/:id/withdraw',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/withdraw` }),
    expect: ownerOnly(200),
  },
  // The fixture's listing is on sale: relisting it is the rule answering (409), once access is granted.
  {
    route: 'POST /v1/listings/:id/relist',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/relist` }),
    expect: ownerOnly(409),
  },
  {
    route: 'POST /v1/admin/listings/:id/remove',
    request: (f) => ({ url: `/v1/admin/listings/${f.listingId}/remove`, payload: { reason: '违规' } }),
    expect: campusAdmins(200),
  },
  {
    route: 'PUT /v1/listings/:id/favorite',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/favorite` }),
    expect: students(200),
  },
  {
    route: 'DELETE /v1/listings/:id/favorite',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/favorite` }),
    expect: students(200),
  },
  {
    route: 'GET /v1/listings/:id/comments',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/comments` }),
    expect: everyone(200),
  },
  {
    route: 'POST /v1/listings/:id/comments',
    request: (f) => ({ url: `/v1/listings/${f.listingId}/comments`, payload: { body: '还在吗？' } }),
    expect: verifiedStudents(201),
  },
  // The comment is dave's, on alice's listing: alice moderates her listing, admins of its campus too.
  {
    route: 'DELETE /v1/comments/:id',
    request: (f) => ({ url: `/v1/comments/${f.commentId}` }),
    expect: { ...ownerOnly(204), admin: 204, otherCampusAdmin: 403 },
  },
  {
    route: 'POST /v1/admin/categories',
    request: () => ({
      url: '/v1/admin/categories',
      payload: { campusId: 'demo', code: `c-${Math.random().toString(36).slice(2, 10)}`, name: '新分类' },
    }),
    expect: campusAdmins(201),
  },
  // Without a campusId a campus admin adds to their own campus: the north admin may, into north.
  {
    route: 'POST /v1/admin/categories#own',
    request: () => ({
      url: '/v1/admin/categories',
      payload: { code: `o-${Math.random().toString(36).slice(2, 10)}`, name: '本校分类' },
    }),
    expect: admins(201),
  },
  {
    route: 'PATCH /v1/admin/categories/:id',
    request: (f) => ({ url: `/v1/admin/categories/${f.categoryId}`, payload: { name: '改名' } }),
    expect: campusAdmins(200),
  },
  { route: 'GET /v1/admin/listings', request: () => ({ url: '/v1/admin/listings' }), expect: admins(200) },
  {
    route: 'GET /v1/admin/listings#demo',
    request: () => ({ url: '/v1/admin/listings?campusId=demo&status=removed' }),
    expect: campusAdmins(200),
  },
  {
    route: 'GET /v1/admin/listings/:id',
    request: (f) => ({ url: `/v1/admin/listings/${f.listingId}` }),
    expect: campusAdmins(200),
  },
  // The fixture's listing is live, not removed: the demo admin gets past every check but the last (409).
  {
    route: 'POST /v1/admin/listings/:id/restore',
    request: (f) => ({ url: `/v1/admin/listings/${f.listingId}/restore`, payload: { reason: '误删' } }),
    expect: campusAdmins(409),
  },
  // Before campus verification below: that row verifies the unverified student.
  {
    route: 'POST /v1/photos',
    request: (f) => ({ url: '/v1/photos', ...multipartFile(f.photo.jpeg, 'IMG_0001.jpg') }),
    expect: { ...verifiedStudents(201), otherCampusAdmin: 201, admin: 201 },
  },
  // Outside /v1: no caller identification at all.
  {
    route: 'GET /media/photos/:id/:variant',
    request: (f) => ({ url: `/media/photos/${f.photo.id}/thumb` }),
    expect: { ...everyone(200), banned: 200 },
  },
];
