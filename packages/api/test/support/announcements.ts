import { AdminAccount, Campus } from '@xianzhi/core';
import { call } from './http.js';
import { multipartFile, phoneJpeg } from './photos.js';
import { TEST_HASHER, type Stack } from './stack.js';

/** A second campus with its own admin (the demo admin must be refused there, and they on the demo campus). */
export async function northCampus(s: Stack): Promise<{ auth: { authorization: string } }> {
  await s.persistence.campuses.save(Campus.create({ id: 'north', name: '北方大学', areas: [] }));
  const admin = AdminAccount.create({
    id: '01NORTHADMIN00000000000000',
    username: 'north-admin',
    passwordHash: await TEST_HASHER.hash('north-admin-pw'),
    role: 'campus_admin',
    campusId: 'north',
    now: new Date(),
  });
  await s.persistence.admins.save(admin);
  return { auth: { authorization: `Bearer ${(await s.tokens.issueAdmin(admin.id)).token}` } };
}

/** A super admin (every campus), signed in. */
export async function rootAdmin(s: Stack): Promise<{ auth: { authorization: string } }> {
  const admin = AdminAccount.create({
    id: '01SUPERADMIN00000000000000',
    username: 'root',
    passwordHash: await TEST_HASHER.hash('root-password-1'),
    role: 'super_admin',
    campusId: null,
    now: new Date(),
  });
  await s.persistence.admins.save(admin);
  return { auth: { authorization: `Bearer ${(await s.tokens.issueAdmin(admin.id)).token}` } };
}

/** Uploads a small JPEG as whoever the headers name; answers the photo id. */
export async function uploadPhoto(s: Stack, auth: Record<string, string>, colour = { r: 10, g: 120, b: 200 }) {
  const file = multipartFile(await phoneJpeg(320, 160, colour), 'banner.jpg');
  const res = await call(s.app, {
    method: 'POST',
    url: '/v1/photos',
    headers: { ...auth, ...file.headers },
    payload: file.payload,
  });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** The field names a VALIDATION_FAILED answer names. */
export const fieldsOf = (details: { field: string }[]) => [...new Set(details.map((d) => d.field))].sort();

/** A live banner and notice on the demo campus, and a photo of the demo admin not yet used. */
export async function makeAnnouncements(s: Stack) {
  const admin = s.auth('admin');
  const bannerPhoto = await uploadPhoto(s, admin, { r: 90, g: 90, b: 90 });
  const adminPhotoId = await uploadPhoto(s, admin, { r: 30, g: 60, b: 90 });
  const banner = await call(s.app, {
    method: 'POST',
    url: '/v1/admin/banners',
    headers: admin,
    payload: { campusId: 'demo', title: '矩阵', photoId: bannerPhoto, target: { kind: 'none' } },
  });
  const notice = await call(s.app, {
    method: 'POST',
    url: '/v1/admin/notices',
    headers: admin,
    payload: { campusId: 'demo', title: '矩阵', body: '正文' },
  });
  return { bannerId: banner.body.id as string, noticeId: notice.body.id as string, adminPhotoId };
}
