import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Photo, CleanupUnattachedPhotos } from '@xianzhi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Background } from '../src/composition/background-tokens.js';
import { Photos } from '../src/composition/photo-tokens.js';
import { resolve, resolveAll } from '../src/composition/token.js';
import { call, categoryIds, itemBody, publishAs } from './support/http.js';
import { multipartFile, phoneJpeg } from './support/photos.js';
import { startStack, type Handle, type Stack } from './support/stack.js';

const PACKAGE = join(import.meta.dirname, '..');

describe('unattached photo cleanup (SQLite, local disk)', () => {
  let s: Stack;
  let cleanup: CleanupUnattachedPhotos;
  let taskNames: string[];
  let cats: Record<string, string>;
  beforeAll(async () => {
    s = await startStack('sqlite');
    cats = await categoryIds(s.app);
    await s.anotherApp({
      customize: (c) => {
        cleanup = resolve(c, Photos.Cleanup);
        taskNames = resolveAll(c, Background.PeriodicTask).map((t) => t.name);
      },
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  let shade = 0;
  const upload = async (who: Handle, bytes?: Buffer): Promise<Photo> => {
    const body = multipartFile(bytes ?? (await phoneJpeg(300, 200, { r: 10 + 30 * shade++, g: 20, b: 30 })), 'IMG.jpg');
    const res = await call(s.app, {
      method: 'POST',
      url: '/v1/photos',
      headers: { ...s.auth(who), ...body.headers },
      payload: body.payload,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return (await s.persistence.photos.byId(res.body.id))!;
  };
  /** Two days old, as if uploaded then and left. */
  const age = (ids: string[]) =>
    s.persistence.raw(`update photo set created_at = ? where id in (${ids.map(() => '?').join(', ')})`, [
      new Date(Date.now() - 2 * 86_400_000),
      ...ids,
    ]);
  const onDisk = (p: Photo) => Object.values(p.variants).map((key) => existsSync(join(s.config.photos.dir, key)));
  const media = async (p: Photo) =>
    (await s.app.inject({ method: 'GET', url: `/media/photos/${p.id}/thumb` })).statusCode;

  it('runs hourly in the worker; deletes day-old unattached photos and their files, keeping files shared by a kept photo and the photos of withdrawn and removed listings', async () => {
    expect(taskNames).toContain('photo-cleanup');
    const alone = await upload('alice');
    const shared = await phoneJpeg(320, 240, { r: 99, g: 99, b: 1 });
    const abandonedCopy = await upload('alice', shared);
    const keptCopy = await upload('bob', shared);
    const ofWithdrawn = await upload('alice');
    const ofRemoved = await upload('alice');
    const fresh = await upload('alice');

    const withdrawn = await publishAs(s, 'alice', itemBody(cats, { title: '下架了 书桌', photos: [ofWithdrawn.id] }));
    expect(
      (await call(s.app, { method: 'POST', url: `/v1/listings/${withdrawn.id}/withdraw`, headers: s.auth('alice') }))
        .status,
    ).toBe(200);
    const removed = await publishAs(s, 'alice', itemBody(cats, { title: '被删了 台灯', photos: [ofRemoved.id] }));
    expect(
      (
        await call(s.app, {
          method: 'POST',
          url: `/v1/admin/listings/${removed.id}/remove`,
          headers: s.auth('admin'),
          payload: { reason: '重复发布' },
        })
      ).status,
    ).toBe(200);
    await publishAs(s, 'bob', itemBody(cats, { title: '同一张图 台灯', photos: [keptCopy.id] }));
    await age([alone.id, abandonedCopy.id, keptCopy.id, ofWithdrawn.id, ofRemoved.id]);

    expect(await cleanup.execute()).toEqual({ photos: 2, files: 3 });
    expect(onDisk(alone)).toEqual([false, false, false]);
    expect(await media(alone)).toBe(404);
    expect(await s.persistence.photos.byId(abandonedCopy.id)).toBeNull();
    for (const kept of [keptCopy, ofWithdrawn, ofRemoved, fresh]) {
      expect(onDisk(kept)).toEqual([true, true, true]);
      expect(await media(kept)).toBe(200);
    }
    expect(await cleanup.execute()).toEqual({ photos: 0, files: 0 });
  });

  it('./xz cli cleanup-photos does the same from the command line', async () => {
    const left = await upload('bob');
    await age([left.id]);
    const run = spawnSync(
      process.execPath,
      ['--conditions=@xianzhi/source', '--import', 'tsx', 'src/main/cli.ts', 'cleanup-photos'],
      {
        cwd: PACKAGE,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          XZ_DATA_DIR: s.db.dir,
          XZ_DATABASE_URL: s.db.url,
          XZ_PHOTOS_DIR: s.config.photos.dir,
          XZ_LOG_LEVEL: 'warn',
          XZ_ENV: '',
        },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Deleted 1 unattached photo(s) and 3 stored file(s).');
    expect(await s.persistence.photos.byId(left.id)).toBeNull();
    expect(onDisk(left)).toEqual([false, false, false]);
  }, 120_000);
});
