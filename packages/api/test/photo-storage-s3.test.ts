import sharp from 'sharp';
import { FakeS3Server } from '@xianzhi/adapters/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ConfigError } from '../src/config.js';
import { call } from './support/http.js';
import { multipartFile, phoneJpeg } from './support/photos.js';
import { startStack, type Stack } from './support/stack.js';

describe('photos in S3-compatible object storage (fake S3 on loopback)', () => {
  let stack: Stack;
  let s3: FakeS3Server;
  let env: Record<string, string>;
  beforeAll(async () => {
    s3 = await new FakeS3Server().start();
    env = {
      XZ_S3_BUCKET: s3.bucket,
      XZ_S3_ENDPOINT: s3.endpoint,
      XZ_S3_REGION: s3.region,
      XZ_S3_FORCE_PATH_STYLE: 'true',
      XZ_S3_ACCESS_KEY_ID: s3.accessKeyId,
      XZ_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    };
    stack = await startStack('sqlite', { env });
  });
  afterAll(async () => {
    await stack?.close();
    await s3?.stop();
  });

  const upload = async (app = stack.app, bytes?: Uint8Array) => {
    const body = multipartFile(bytes ?? (await phoneJpeg(1200, 900, { r: 10, g: 120, b: 200 })), 'IMG_1.jpg');
    return call(app, {
      method: 'POST',
      url: '/v1/photos',
      headers: { ...stack.auth('alice'), ...body.headers },
      payload: body.payload,
    });
  };

  it('an upload lands in the bucket as three WebP objects and /media streams them from there', async () => {
    const res = await upload();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const photo = (await stack.persistence.photos.byId(res.body.id))!;
    for (const key of Object.values(photo.variants)) expect(s3.objects.get(key)?.contentType).toBe('image/webp');
    const media = await stack.app.inject({ method: 'GET', url: res.body.urls.medium });
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toBe('image/webp');
    expect((await sharp(media.rawPayload).metadata()).width).toBe(750);
  });

  it('with a public bucket URL, /media redirects there instead', async () => {
    const app = await stack.anotherApp({ env: { ...env, XZ_S3_PUBLIC_URL: 'https://img.example.cn/' } });
    const res = await upload(app, await phoneJpeg(300, 300, { r: 1, g: 1, b: 1 }));
    expect(res.status).toBe(201);
    const photo = (await stack.persistence.photos.byId(res.body.id))!;
    const media = await app.inject({ method: 'GET', url: res.body.urls.thumb });
    expect(media.statusCode).toBe(302);
    expect(media.headers.location).toBe(`https://img.example.cn/${photo.variants.thumb}`);
  });

  it('a wrong secret fails the upload with a plain 500, and neither the answer nor the logs carry the secret', async () => {
    const app = await stack.anotherApp({ env: { ...env, XZ_S3_SECRET_ACCESS_KEY: 'WRONG-secret-MUST-NOT-APPEAR' } });
    const res = await upload(app, await phoneJpeg(320, 200, { r: 5, g: 6, b: 7 }));
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(res.body)).not.toContain('WRONG-secret');
    expect(JSON.stringify(stack.logs)).not.toContain('WRONG-secret');
    expect(JSON.stringify(stack.logs)).toContain('HeadObject failed: AccessDenied');
  });

  it('configuration: the bucket needs its region and key pair, and S3 settings without a bucket are refused', () => {
    const problems = (vars: Record<string, string>) => {
      try {
        loadConfig({ XZ_JWT_SECRET: 'x'.repeat(40), ...vars });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ XZ_S3_BUCKET: 'b' }).join()).toMatch(
      /XZ_S3_REGION, XZ_S3_ACCESS_KEY_ID, XZ_S3_SECRET_ACCESS_KEY/,
    );
    expect(problems({ XZ_S3_ENDPOINT: 'http://minio:9000' }).join()).toMatch(/without XZ_S3_BUCKET/);
    expect(problems({ ...env, XZ_S3_ENDPOINT: 'minio:9000' }).join()).toMatch(/XZ_S3_ENDPOINT must be an http/);
    const ok = loadConfig({ XZ_JWT_SECRET: 'x'.repeat(40), ...env });
    expect(ok.photos.s3).toMatchObject({ bucket: s3.bucket, forcePathStyle: true, publicUrl: null });
  });
});
