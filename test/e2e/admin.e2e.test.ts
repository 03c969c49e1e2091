import { devices, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminLogin,
  CAMPUSES_ENV,
  createAdmin,
  inboxMentions,
  modal,
  open,
  shot,
  signIn,
  signOut,
  statValue,
} from './admin-helpers.js';
import { api, devToken, usePlatform } from './harness.js';

/**
 * The back office as a campus IT team uses it: admins made with `cli create-admin` sign in through the form in
 * a desktop-sized Chromium, on the compiled server with the seeded demo campus and a second, empty campus.
 * Screenshots of every page go to test-output/screenshots/admin/.
 */
const platform = usePlatform(CAMPUSES_ENV);
const WANG = { username: 'wang', password: 'wang-e2e-password-1' };
const LI = { username: 'li.north', password: 'li-e2e-password-1' };

interface Row {
  id: string;
  title: string;
  status: string;
  seller: { id: string };
}

const s: { page: Page; errors: string[]; wang: string; li: string; done: string[] } = {
  errors: [],
  done: [],
} as never;

beforeAll(async () => {
  createAdmin(platform.server, WANG.username, 'demo', WANG.password);
  createAdmin(platform.server, LI.username, 'north', LI.password);
  const context = await platform.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  s.page = await context.newPage();
  s.page.on('pageerror', (e) => s.errors.push(e.message));
}, 120_000);

afterAll(async () => {
  await s.page?.context().close();
});

const me = async (token: string) => (await api<{ id: string }>(platform.server, 'GET', '/v1/me', token)).body.id;

describe('admin app', () => {
  it('signs in an admin made with cli create-admin through the form, showing role and campus', async () => {
    const { page } = s;
    await page.goto(`${platform.server.url}/admin/`);
    await page.getByLabel('用户名').waitFor();
    // Embedded: the server offers the demo account, so its button is there.
    await page.getByRole('button', { name: '演示账号登录' }).waitFor();
    await page.getByLabel('用户名').fill(WANG.username);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.getByTestId('signin-error').waitFor();
    await shot(page, '00-sign-in');
    await signIn(page, platform.server, WANG.username, WANG.password);
    const account = page.getByTestId('account');
    await account.getByText('校区管理员').waitFor();
    await expect.poll(() => account.getByTestId('own-campus').textContent()).toBe('示例大学');
    s.wang = await adminLogin(platform.server, WANG.username, WANG.password);
  }, 90_000);

  it('概览 shows the numbers the API counts for the seeded campus', async () => {
    const { page } = s;
    await open(page, '概览');
    await page.getByTestId('stat-listings-total').waitFor({ timeout: 20_000 });
    const stats = await api<{
      listings: { total: number; byStatus: Record<string, number> };
      users: { total: number; verified: number };
      daily: { newListings: number; views: number; comments: number; activeUsers: number }[];
    }>(platform.server, 'GET', '/v1/admin/stats?campusId=demo', s.wang);
    const sum = (k: 'newListings' | 'views' | 'comments') => stats.body.daily.reduce((n, d) => n + d[k], 0);
    expect(stats.body.listings.total).toBeGreaterThan(100);
    expect(await statValue(page, 'listings-total')).toBe(stats.body.listings.total);
    expect(await statValue(page, 'listings-live')).toBe(
      (stats.body.listings.byStatus['active'] ?? 0) + (stats.body.listings.byStatus['reserved'] ?? 0),
    );
    expect(await statValue(page, 'users-total')).toBe(stats.body.users.total);
    expect(await statValue(page, 'users-verified')).toBe(stats.body.users.verified);
    expect(await statValue(page, 'new-listings-30d')).toBe(sum('newListings'));
    expect(await statValue(page, 'views-30d')).toBe(sum('views'));
    expect(await statValue(page, 'comments-30d')).toBe(sum('comments'));
    expect(await page.locator('[role=img] svg').count()).toBeGreaterThanOrEqual(4);
    await shot(page, '01-dashboard');
  }, 60_000);

  it('商品: removing a listing puts the reason in its owner inbox', async () => {
    const { page } = s;
    const alice = await devToken(platform.server, 'alice');
    const aliceId = await me(alice);
    const rows = await api<{ items: Row[] }>(
      platform.server,
      'GET',
      '/v1/admin/listings?campusId=demo&limit=50',
      s.wang,
    );
    const target = rows.body.items.find((r) => r.seller.id === aliceId && r.status === 'active')!;
    expect(target).toBeDefined();
    await open(page, '商品');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
    await page.getByPlaceholder('搜索标题').fill(target.title);
    await page.getByPlaceholder('搜索标题').press('Enter');
    const row = page.locator(`tr[data-row-key="${target.id}"]`);
    await row.getByRole('button', { name: /^下\s*架$/ }).click();
    const dialog = await modal(page, '下架商品');
    const reason = '疑似虚假信息（管理端端到端测试）';
    await dialog.locator('textarea').fill(reason);
    await dialog.getByRole('button', { name: '确认下架' }).click();
    await row.getByText('已移除').waitFor({ timeout: 20_000 });
    await inboxMentions(platform.server, alice, reason);
    await row.getByRole('button', { name: target.title }).click();
    await page.getByTestId('listing-detail').getByText(reason).first().waitFor();
    await shot(page, '02-listing-drawer');
    await page.keyboard.press('Escape');
    await shot(page, '02-listings');
    s.done.push('listing.remove');
  }, 90_000);

  it('用户: banning a student makes their next request 403', async () => {
    const { page } = s;
    const bob = await devToken(platform.server, 'bob');
    const bobId = await me(bob);
    await open(page, '用户');
    await page.getByPlaceholder('昵称或用户 ID').fill(bobId);
    await page.getByPlaceholder('昵称或用户 ID').press('Enter');
    const row = page.locator(`tr[data-row-key="${bobId}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.locator('td').first().getByRole('button').click();
    const detail = page.getByTestId('user-detail');
    await detail.waitFor();
    await detail.getByRole('button', { name: /^封\s*禁$/ }).click();
    const dialog = await modal(page, '封禁用户');
    await dialog.locator('textarea').fill('多次发布虚假信息（端到端测试）');
    await dialog.getByRole('button', { name: '确认封禁' }).click();
    await detail.getByRole('button', { name: '解除封禁' }).waitFor({ timeout: 20_000 });
    const next = await api<{ error: { code: string } }>(platform.server, 'GET', '/v1/me', bob);
    expect(next.status).toBe(403);
    expect(next.body.error.code).toBe('USER_BANNED');
    await shot(page, '03-user-drawer');
    await page.keyboard.press('Escape');
    await page.getByPlaceholder('昵称或用户 ID').fill('');
    await page.getByPlaceholder('昵称或用户 ID').press('Enter');
    await shot(page, '03-users');
    s.done.push('user.ban');
  }, 90_000);

  it('轮播图 and 公告 made here show on the H5 home page', async () => {
    const { page } = s;
    // A real image for the upload: a seeded listing's photo, as the browser would pick a file.
    const withPhoto = await api<{ items: { coverPhotoUrl: string | null }[] }>(
      platform.server,
      'GET',
      '/v1/listings?limit=20',
    );
    const cover = withPhoto.body.items.find((l) => l.coverPhotoUrl)!.coverPhotoUrl!;
    const image = Buffer.from(
      await (await fetch(`${platform.server.url}${cover.replace(/\/\w+$/, '/large')}`)).arrayBuffer(),
    );

    await open(page, '公告');
    await page.getByRole('button', { name: /发布公告/ }).click();
    const noticeForm = page.locator('.ant-drawer').filter({ hasText: '发布公告' });
    await noticeForm.getByLabel('标题').fill('期末闲置书籍集中回收');
    await noticeForm.getByLabel('正文').fill('12 月 20 日在图书馆门口集中回收教材。');
    await noticeForm.getByRole('switch', { name: '置顶' }).click();
    await shot(page, '05-notice-form');
    await noticeForm.getByRole('button', { name: /^保\s*存$/ }).click();
    await page
      .locator('.ant-table-row', { hasText: '期末闲置书籍集中回收' })
      .getByText('展示中')
      .waitFor({ timeout: 20_000 });
    await shot(page, '05-notices');

    await open(page, '轮播图');
    await page.getByRole('button', { name: /新建轮播图/ }).click();
    const bannerForm = page.locator('.ant-drawer').filter({ hasText: '新建轮播图' });
    await bannerForm.getByLabel('标题').fill('二手书节');
    await bannerForm
      .locator('input[type=file]')
      .setInputFiles({ name: 'banner.webp', mimeType: 'image/webp', buffer: image });
    await bannerForm.getByTestId('uploaded-image').waitFor({ timeout: 20_000 });
    await shot(page, '04-banner-form');
    await bannerForm.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.locator('.ant-table-row', { hasText: '二手书节' }).getByText('展示中').waitFor({ timeout: 20_000 });
    await shot(page, '04-banners');
    s.done.push('banner.create', 'notice.create');

    const banners = await api<{ items: { title: string }[] }>(platform.server, 'GET', '/v1/banners?campusId=demo');
    expect(banners.body.items.map((b) => b.title)).toContain('二手书节');
    const notices = await api<{ items: { title: string }[] }>(platform.server, 'GET', '/v1/notices?campusId=demo');
    expect(notices.body.items.map((n) => n.title)).toContain('期末闲置书籍集中回收');
    const phone = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
    const h5 = await phone.newPage();
    await h5.goto(`${platform.server.url}/h5/`);
    // Two campuses: a visitor picks one first.
    await h5.getByTestId('campus-choice').getByText('示例大学').first().click();
    await h5.locator('.home-banner-title', { hasText: '二手书节' }).first().waitFor({ timeout: 20_000 });
    await h5.locator('.home-notice-title', { hasText: '期末闲置书籍集中回收' }).first().waitFor();
    await shot(h5, '04-h5-home');
    await phone.close();
  }, 120_000);

  it('意见反馈: a reply made here reaches the student inbox', async () => {
    const { page } = s;
    const dave = await devToken(platform.server, 'dave');
    const sent = await api(platform.server, 'POST', '/v1/feedback', dave, { text: '希望可以按宿舍楼筛选商品' });
    expect(sent.status).toBe(201);
    await open(page, '意见反馈');
    const card = page.locator('[data-testid^=feedback-]', { hasText: '希望可以按宿舍楼筛选商品' });
    await card.waitFor({ timeout: 20_000 });
    const reply = '已记录，下个版本加上宿舍楼筛选';
    await card.getByLabel('回复内容').fill(reply);
    await shot(page, '06-feedback');
    await card.getByRole('button', { name: /^回\s*复$/ }).click();
    await card.waitFor({ state: 'detached', timeout: 20_000 });
    await inboxMentions(platform.server, dave, reply);
    s.done.push('feedback.reply');
  }, 90_000);

  it('shows the remaining pages', async () => {
    const { page } = s;
    for (const [label, name] of [
      ['分类', '07-categories'],
      ['举报与审核', '08-moderation'],
      ['死信', '09-dead-letters'],
      ['同义词', '10-synonyms'],
    ] as const) {
      await open(page, label);
      await page.locator('.ant-table').first().waitFor({ timeout: 20_000 });
      await shot(page, name);
    }
  }, 60_000);

  it('a campus admin of another campus sees none of it, in the API or the app', async () => {
    const { page } = s;
    s.li = await adminLogin(platform.server, LI.username, LI.password);
    for (const path of [
      '/v1/admin/listings?campusId=demo',
      '/v1/admin/users?campusId=demo',
      '/v1/admin/banners?campusId=demo',
      '/v1/admin/notices?campusId=demo',
      '/v1/admin/feedback?campusId=demo',
      '/v1/admin/stats?campusId=demo',
    ])
      expect((await api(platform.server, 'GET', path, s.li)).status, path).toBe(403);
    await signOut(page);
    await signIn(page, platform.server, LI.username, LI.password);
    await expect.poll(() => page.getByTestId('own-campus').textContent()).toBe('北方大学');
    await open(page, '商品');
    await page.getByText('没有符合条件的商品').waitFor({ timeout: 20_000 });
    await open(page, '用户');
    await page.getByText('没有符合条件的用户').waitFor({ timeout: 20_000 });
    await open(page, '轮播图');
    await page.getByText('还没有轮播图').waitFor({ timeout: 20_000 });
    await open(page, '公告');
    await page.getByText('还没有公告').waitFor({ timeout: 20_000 });
    await open(page, '意见反馈');
    await page.getByText('没有待处理的反馈').waitFor({ timeout: 20_000 });
    await open(page, '操作日志');
    await page.locator('.ant-table').waitFor();
    await expect.poll(() => page.locator('.ant-table .ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
    for (const action of s.done) expect(await page.locator(`[data-action="${action}"]`).count(), action).toBe(0);
    await shot(page, '10-other-campus-audit-log');
  }, 120_000);

  it('操作日志 has every one of these actions, filterable by actor', async () => {
    const { page } = s;
    await signOut(page);
    await signIn(page, platform.server, WANG.username, WANG.password);
    await open(page, '操作日志');
    const wangId = (await api<{ id: string }>(platform.server, 'GET', '/v1/admin/me', s.wang)).body.id;
    await page.getByPlaceholder('管理员或用户 ID').fill(wangId);
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    for (const action of [...s.done, 'admin.login'])
      await page.locator(`[data-action="${action}"]`).first().waitFor({ timeout: 20_000 });
    await shot(page, '11-audit-log');
    expect(s.errors).toEqual([]);
  }, 90_000);
});
