import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { devices, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminToken, api, ROOT, usePlatform, type RunningServer } from './harness.js';

/**
 * The student mini-program's shell in a phone-sized Chromium: the H5 build on the compiled server,
 * configured with two campuses so a visitor has to pick one. Every page visited is photographed into
 * test-output/screenshots/h5/ (see the README).
 */
const CAMPUSES = [
  { id: 'demo', name: '示例大学', auth: { kind: 'demo' } },
  { id: 'north', name: '北方大学', auth: { kind: 'demo' } },
];
const platform = usePlatform({ XZ_CAMPUSES: JSON.stringify(CAMPUSES) });

const SHOTS = join(ROOT, 'test-output', 'screenshots', 'h5');
mkdirSync(SHOTS, { recursive: true });

interface Summary {
  id: string;
  title: string;
  seller: { id: string; nickname: string };
}

async function shot(page: Page, name: string): Promise<void> {
  // Let images and the carousel settle: a screenshot is for people to look at.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A visitor's phone that has picked 示例大学, on 首页 with the feed showing. */
async function visitor(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${platform.server.url}/h5/`);
  await page.getByTestId('campus-option').filter({ hasText: '示例大学' }).click({ timeout: 20_000 });
  await page.getByTestId('listing-card').first().waitFor({ timeout: 20_000 });
  return { context, page, errors };
}

/** The listing cards of the page on screen (Taro keeps tab pages and the pages below in the DOM, hidden). */
const cardTitles = async (page: Page) =>
  (await page.locator('.card-title').filter({ visible: true }).allTextContents()).map((t) => t.trim());

const tab = (page: Page, label: string) => page.locator('.weui-tabbar__item', { hasText: label }).first();

/** A PNG the photo pipeline accepts, drawn with the adapters' sharp. */
async function bannerImage(): Promise<Buffer> {
  type Sharp = (opts: object) => { png(): { toBuffer(): Promise<Buffer> } };
  const sharp = createRequire(join(ROOT, 'packages/adapters/package.json'))('sharp') as Sharp;
  return sharp({ create: { width: 750, height: 300, channels: 3, background: '#ff8a3d' } })
    .png()
    .toBuffer();
}

async function uploadPhoto(server: RunningServer, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(await bannerImage())], { type: 'image/png' }), 'banner.png');
  const r = await fetch(`${server.url}/v1/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await r.json()) as { id: string };
  expect(r.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

describe('H5 mini-program: a visitor on a server with two campuses', () => {
  it('picks the campus once, browses 分类 by trade method and searches by pinyin', async () => {
    const context = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const config = await api<{ defaultCampusId: string | null }>(platform.server, 'GET', '/v1/client-config');
    expect(config.body.defaultCampusId).toBeNull();

    await page.goto(`${platform.server.url}/h5/`);
    const options = page.getByTestId('campus-option');
    await options.first().waitFor({ timeout: 20_000 });
    expect((await options.allTextContents()).map((t) => t.trim())).toEqual(['示例大学', '北方大学']);
    await shot(page, '01-campus-choice');
    await options.filter({ hasText: '示例大学' }).click();
    await page.getByTestId('listing-card').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.home-campus').textContent()).toBe('示例大学 · 闲置');
    await shot(page, '02-home');

    // Remembered on the phone: a fresh load goes straight to the campus's feed.
    await page.reload();
    await page.getByTestId('listing-card').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('campus-choice').count()).toBe(0);

    // 分类: the trade-method filter narrows the feed to what the API says offers 快递.
    const express = await api<{ items: Summary[] }>(
      platform.server,
      'GET',
      '/v1/listings?campusId=demo&tradeMethod=express&limit=50',
    );
    expect(express.body.items.length).toBeGreaterThan(0);
    const expressTitles = new Set(express.body.items.map((i) => i.title));
    await tab(page, '分类').click();
    await page.getByTestId('cat-parents').waitFor({ timeout: 15_000 });
    await page.getByTestId('filter-toggle').click();
    await page.getByTestId('filter-trade').getByText('快递', { exact: true }).click();
    await page.getByTestId('chip-tradeMethod').waitFor();
    await expect
      .poll(
        async () => {
          const titles = await cardTitles(page);
          return titles.length > 0 && titles.every((t) => expressTitles.has(t));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await shot(page, '03-category-express');

    // One level down the tree, the chip row shows both filters; × takes the trade method away again.
    await page.getByTestId('cat-parent').first().click();
    await page.getByTestId('chip-category').waitFor();
    await shot(page, '04-category-tree');
    await page.getByTestId('chip-tradeMethod').click();
    await expect.poll(() => page.getByTestId('chip-tradeMethod').count()).toBe(0);

    // Search by pinyin from 首页's search bar.
    const expected = await api<{ items: { listing: Summary }[] }>(
      platform.server,
      'GET',
      '/v1/search?campusId=demo&q=zixingche&limit=5',
    );
    expect(expected.body.items.length).toBeGreaterThan(0);
    await tab(page, '首页').click();
    await page.getByTestId('home-search').click();
    const input = page.getByTestId('search-input').locator('input').or(page.locator('input.search-input')).first();
    await input.waitFor({ timeout: 15_000 });
    await input.fill('zixingche');
    await page.locator('.search-go').click();
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor({ timeout: 15_000 });
    expect((await hit.locator('.hit-title').textContent())!.trim()).toBe(expected.body.items[0]!.listing.title);
    await shot(page, '05-search-pinyin');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a banner and a notice put in through the API on 首页, and the notice in full', async () => {
    const admin = await adminToken(platform.server);
    const body = '12 月 20 日中午，图书馆门前摆摊。\n记得带上你的闲置！';
    const notice = await api<{ id: string }>(platform.server, 'POST', '/v1/admin/notices', admin, {
      campusId: 'demo',
      title: '期末跳蚤市场开张啦',
      body,
      pinned: true,
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    const photoId = await uploadPhoto(platform.server, admin);
    const banner = await api<{ id: string }>(platform.server, 'POST', '/v1/admin/banners', admin, {
      campusId: 'demo',
      title: '期末跳蚤市场',
      photoId,
      target: { kind: 'notice', noticeId: notice.body.id },
    });
    expect(banner.status, JSON.stringify(banner.body)).toBe(201);

    const { context, page, errors } = await visitor();
    await page.getByTestId('home-banner').first().waitFor({ timeout: 15_000 });
    expect((await page.getByTestId('home-banner').first().textContent())!.trim()).toBe('期末跳蚤市场');
    const noticeRow = page.getByTestId('home-notice').filter({ hasText: '期末跳蚤市场开张啦' });
    await noticeRow.waitFor();
    await shot(page, '06-home-banner-notice');

    await noticeRow.click();
    await page.getByTestId('notice-body').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('notice-title').textContent()).toContain('期末跳蚤市场开张啦');
    expect(await page.getByTestId('notice-body').textContent()).toBe(body);
    await shot(page, '07-notice');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens a seller's profile from a listing, with their live listings", async () => {
    const { context, page, errors } = await visitor();
    await page.getByTestId('listing-card').first().click();
    await page.locator('.detail-title').waitFor({ timeout: 15_000 });
    await shot(page, '08-detail');
    const title = (await page.locator('.detail-title').textContent())!.trim();
    const feed = await api<{ items: Summary[] }>(platform.server, 'GET', '/v1/recommendations?campusId=demo&limit=50');
    const seller = feed.body.items.find((i) => i.title === title)!.seller;

    // The seller's avatar and name (beside them sits the contact button, which is not the way to the profile).
    await page.locator('.detail-seller-info').filter({ visible: true }).first().click();
    await page.getByTestId('profile-card').waitFor({ timeout: 15_000 });
    const profile = await api<{ nickname: string; liveListingCount: number }>(
      platform.server,
      'GET',
      `/v1/users/${seller.id}`,
    );
    expect(await page.getByTestId('profile-nickname').textContent()).toBe(profile.body.nickname);
    expect(await page.getByTestId('profile-card').textContent()).toContain(`在售 ${profile.body.liveListingCount} 件`);
    const theirs = await api<{ items: Summary[] }>(platform.server, 'GET', `/v1/users/${seller.id}/listings?limit=50`);
    const theirTitles = new Set(theirs.body.items.map((i) => i.title));
    await expect
      .poll(
        async () => {
          const titles = await cardTitles(page);
          return titles.length > 0 && titles.every((t) => theirTitles.has(t));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(await page.getByTestId('share-button').filter({ visible: true }).count()).toBe(1);
    await shot(page, '09-profile');
    expect(errors).toEqual([]);
    await context.close();
  });
});
