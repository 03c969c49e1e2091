import { photoStorageContract } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3PhotoStorage, type S3PhotoStorageOptions } from './s3-photo-storage.js';
import { FakeS3Server } from './testing/fake-s3-server.js';

let server: FakeS3Server;
beforeAll(async () => {
  server = await new FakeS3Server().start();
});
afterAll(async () => {
  await server.stop();
});

function options(overrides: Partial<S3PhotoStorageOptions> = {}): S3PhotoStorageOptions {
  return {
    endpoint: server.endpoint,
    region: server.region,
    bucket: server.bucket,
    forcePathStyle: true,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    timeoutMs: 1500,
    ...overrides,
  };
}

photoStorageContract('S3 (fake S3 server on loopback, SigV4 checked)', async () => {
  server.objects.clear();
  return new S3PhotoStorage(options());
});

describe('S3PhotoStorage against the fake S3 server', () => {
  it('signs every request (host, date and payload hash included) and stores the content type and cache header', async () => {
    const storage = new S3PhotoStorage(options({ prefix: 'campus-a' }));
    await storage.put(new Uint8Array([1, 2]), 'aa/aa01-thumb.webp', 'image/webp');
    const stored = server.objects.get('campus-a/aa/aa01-thumb.webp');
    expect(stored?.contentType).toBe('image/webp');
    expect(stored?.cacheControl).toContain('immutable');
    const put = server.requests.findLast((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/${server.bucket}/campus-a/aa/aa01-thumb.webp`);
    expect(put.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-content-sha256']));
    await storage.dispose();
  });

  it('a wrong secret or an unknown key id is refused by the store, and the error names neither', async () => {
    const wrong = new S3PhotoStorage(options({ secretAccessKey: 'not-the-secret-SHOULD-NOT-LEAK' }));
    const failure = await wrong.put(new Uint8Array([1]), 'bb/bb-thumb.webp', 'image/webp').catch((e: Error) => e);
    expect(String(failure)).toMatch(/SignatureDoesNotMatch/);
    await expect(wrong.exists('bb/bb-thumb.webp')).rejects.toThrow(/HTTP 403/);
    const got = await wrong.get('bb/bb-thumb.webp').then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(got).toMatch(/SignatureDoesNotMatch/);
    expect(got).not.toContain('SHOULD-NOT-LEAK');
    expect(server.objects.has('bb/bb-thumb.webp')).toBe(false);
    const stranger = new S3PhotoStorage(options({ accessKeyId: 'SOMEONEELSE' }));
    await expect(stranger.get('bb/bb-thumb.webp')).rejects.toThrow(/InvalidAccessKeyId/);
    await Promise.all([wrong.dispose(), stranger.dispose()]);
  });

  it('gives a public URL only when the bucket has one, and refuses keys that could escape', async () => {
    const publicBucket = new S3PhotoStorage(options({ publicUrl: 'https://img.example.cn/', prefix: 'p' }));
    expect(publicBucket.urlOf('ab/ab-thumb.webp')).toBe('https://img.example.cn/p/ab/ab-thumb.webp');
    expect(new S3PhotoStorage(options()).urlOf('ab/ab-thumb.webp')).toBeNull();
    await expect(publicBucket.put(new Uint8Array([1]), '../x.webp', 'image/webp')).rejects.toThrow(/unsafe/);
    expect(await publicBucket.get('../../etc/passwd')).toBeNull();
  });

  it('an outage is an error (retried once), and a store that hangs times out', async () => {
    const storage = new S3PhotoStorage(options({ timeoutMs: 300 }));
    await storage.put(new Uint8Array([7]), 'cc/cc-thumb.webp', 'image/webp');
    server.misbehave('error500');
    expect(await storage.exists('cc/cc-thumb.webp')).toBe(true); // one 500, then the retry succeeds
    server.misbehave('error500', 'error500');
    await expect(storage.get('cc/cc-thumb.webp')).rejects.toThrow(/InternalError|HTTP 500/);
    server.misbehave('hang', 'hang');
    const started = Date.now();
    await expect(storage.get('cc/cc-thumb.webp')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    await storage.dispose();
  });
});
