import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mariadbServerUrl } from '../../packages/api/test/support/databases.js';
import {
  CAMPUS,
  ROOT,
  caller,
  categoryId,
  dropDatabase,
  expectStatus,
  listingBody,
  publish,
  run,
  signInStudent,
  startSite,
  type ApiProcess,
  type Call,
  type Site,
} from './production.js';

const BACKUP = join(ROOT, 'deploy/backup/xianzhi-backup.sh');
const RESTORE = join(ROOT, 'deploy/backup/xianzhi-restore.sh');

/**
 * The backup drill of the runbook, on a database of its own: students publish, comment and favorite through the
 * API; deploy/backup/xianzhi-backup.sh dumps the database; the database is dropped; xianzhi-restore.sh brings it
 * back; the API, started again, answers the same.
 */
describe('backup and restore drill', () => {
  let site: Site;
  let api: ApiProcess;
  let backups: string;
  const tokens: Record<string, string> = {};
  const listings: string[] = [];

  /** What students see, read through the API: the feed, one listing with its comments, a student's favorites. */
  const snapshot = async (call: Call) => {
    const feed = expectStatus(await call(`/v1/listings?campusId=${CAMPUS}&limit=50`), 200, 'feed').json();
    return {
      feed: feed.items.map((i: { id: string; title: string; price: number }) => [i.id, i.title, i.price]),
      detail: expectStatus(await call(`/v1/listings/${listings[0]}`, { token: tokens['bob'] }), 200, 'detail').json(),
      comments: expectStatus(await call(`/v1/listings/${listings[0]}/comments`), 200, 'comments').json(),
      favorites: expectStatus(await call('/v1/me/favorites', { token: tokens['bob'] }), 200, 'favorites')
        .json()
        .items.map((i: { id: string }) => i.id),
      me: expectStatus(await call('/v1/me', { token: tokens['alice'] }), 200, 'me').json(),
    };
  };

  beforeAll(async () => {
    site = await startSite({ publicUrl: 'https://xianzhi.example.edu.cn' });
    backups = mkdtempSync(join(tmpdir(), 'xz-backups-'));
    const migrated = await site.cli(['migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    api = await site.startApi();
  }, 120_000);
  afterAll(async () => {
    await site?.close();
    if (backups) rmSync(backups, { recursive: true, force: true });
  });

  it('reads back after a restore exactly what was written before the backup', async () => {
    const call = caller(api.url);
    tokens['alice'] = await signInStudent(call, site, 'alice');
    tokens['bob'] = await signInStudent(call, site, 'bob');
    const category = await categoryId(call);
    for (const [title, price] of [
      ['备份演练 山地自行车', 45_000],
      ['备份演练 台灯 护眼', 3_500],
      ['备份演练 高等数学 同济第七版', 1_200],
    ] as const)
      listings.push(await publish(call, tokens['alice'], listingBody(category, { title, price })));
    const comment = expectStatus(
      await call(`/v1/listings/${listings[0]}/comments`, {
        method: 'POST',
        token: tokens['bob'],
        json: { body: '还在吗？周末可以看车吗' },
      }),
      201,
      'comment',
    ).json<{ id: string }>();
    expectStatus(
      await call(`/v1/listings/${listings[0]}/comments`, {
        method: 'POST',
        token: tokens['alice'],
        json: { body: '在的，周六下午东区宿舍楼下', replyToCommentId: comment.id },
      }),
      201,
      'reply',
    );
    for (const id of [listings[0], listings[2]])
      expectStatus(await call(`/v1/listings/${id}/favorite`, { method: 'PUT', token: tokens['bob'] }), 200, 'favorite');
    // Bob has looked at the listing today: later looks count no further view.
    await call(`/v1/listings/${listings[0]}`, { token: tokens['bob'] });

    const before = await snapshot(call);
    expect(before.feed).toHaveLength(3);
    expect(before.comments.items).toHaveLength(1);
    expect(before.comments.items[0].replies).toHaveLength(1);
    expect(before.favorites).toEqual([listings[2], listings[0]]);
    expect(before.detail).toMatchObject({ id: listings[0], favoriteCount: 1 });
    expect(await api.stop()).toBe(0);

    // The backup, as the timer runs it: the database from the environment file.
    const backup = await run('bash', [BACKUP, '--env-file', site.envFile, '--dir', backups, '--keep-days', '7']);
    expect(backup.code, backup.stderr).toBe(0);
    const dump = backup.stdout.trim();
    expect(dump).toMatch(new RegExp(`/xianzhi-${site.databaseName}-\\d{8}T\\d{6}Z\\.sql\\.gz$`));
    expect(existsSync(`${dump}.sha256`)).toBe(true);
    const sql = gunzipSync(readFileSync(dump)).toString('utf8');
    expect(sql).toContain('CREATE TABLE `listing`');
    expect(sql).toContain('备份演练 山地自行车');

    // Lost: the database is dropped.
    await dropDatabase(site.databaseName);
    expect(await databaseExists(site.databaseName)).toBe(false);

    const restore = await run('bash', [RESTORE, '--env-file', site.envFile, dump]);
    expect(restore.code, restore.stderr).toBe(0);
    // A second restore would overwrite what is there now: refused without --replace.
    const again = await run('bash', [RESTORE, '--env-file', site.envFile, dump]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only with --replace');

    // The runbook's next steps: migrate (nothing to do for a dump of this release), start the services.
    const migrated = await site.cli(['migrate']);
    expect(migrated.stdout).toContain('Database schema is up to date.');
    api = await site.startApi();
    const after = await snapshot(caller(api.url));
    expect(after).toEqual(before);
  }, 90_000);
});

async function databaseExists(name: string): Promise<boolean> {
  const connection = await mysql.createConnection(`${mariadbServerUrl()}/mysql`);
  try {
    const [rows] = await connection.query('SHOW DATABASES LIKE ?', [name]);
    return (rows as unknown[]).length > 0;
  } finally {
    await connection.end();
  }
}
