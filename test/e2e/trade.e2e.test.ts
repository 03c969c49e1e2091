import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { devices, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, devToken, ROOT, usePlatform } from './harness.js';

/**
 * One whole trade between two students on phones (the built H5 app on the compiled server, seeded demo
 * campus): bob wants alice's listing and offers, alice counters, bob accepts the counter, both confirm,
 * both rate, and each rating shows on the other's profile; then the admin app shows the trade on alice's
 * detail. Screenshots go to test-output/screenshots/h5/ (trade-*).
 */
const platform = usePlatform();
const SHOTS = join(ROOT, 'test-output', 'screenshots', 'h5');
mkdirSync(SHOTS, { recursive: true });
let shotNo = 0;

async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({ path: join(SHOTS, `trade-${String(shotNo).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function phone(user: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, 'pages/me/index');
  await page.getByText(`以 ${user} 登录`).click();
  await page.locator('.me-logout').first().waitFor({ timeout: 15_000 });
  return { context, page, errors };
}

let loads = 0;
/**
 * Opens a page of the app as a fresh document: another hash of the same document would not load it again (its
 * data would be stale), so each visit has its own query string, one load instead of a goto and a reload.
 */
const open = async (page: Page, path: string) => {
  loads += 1;
  await page.goto(`${platform.server.url}/h5/?visit=${loads}#/${path}`);
};

/** The Taro input inside a test id: the web component's own <input>. */
const inputOf = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] input`).first();

/** Taro's H5 showModal: its 确定 button. */
const confirmModal = (page: Page) => page.locator('.taro__modal').getByText('确定', { exact: true }).click();

interface Summary {
  id: string;
  title: string;
  kind: string;
  status: string;
  price: number | null;
}

describe('a trade between two students on the H5 app', () => {
  it('want, offer, counter, accept, confirm on both sides, rate on both sides; the admin sees it', async () => {
    const aliceToken = await devToken(platform.server, 'alice');
    const aliceId = (await api<{ id: string }>(platform.server, 'GET', '/v1/me', aliceToken)).body.id;
    const bobId = (await api<{ id: string }>(platform.server, 'GET', '/v1/me', await devToken(platform.server, 'bob')))
      .body.id;
    const mine = await api<{ items: Summary[] }>(platform.server, 'GET', `/v1/users/${aliceId}/listings?limit=50`);
    const listing = mine.body.items.find(
      (l) => l.kind !== 'wanted' && l.status === 'active' && (l.price ?? 0) >= 1000,
    )!;
    expect(listing).toBeDefined();
    // Whole yuan below the asking price: bob offers 70 %, alice counters at 85 %.
    const offerYuan = Math.floor((listing.price! * 0.7) / 100);
    const counterYuan = Math.floor((listing.price! * 0.85) / 100);

    const [a, b] = await Promise.all([phone('alice'), phone('bob')]);

    // --- bob wants it and offers ---
    await open(b.page, `pages/detail/index?id=${listing.id}`);
    await b.page.getByTestId('make-offer').waitFor({ timeout: 15_000 });
    await b.page.getByTestId('want').click();
    await expect.poll(() => b.page.getByTestId('want-label').textContent(), { timeout: 10_000 }).toBe('已想要 1');
    await b.page.getByTestId('make-offer').click();
    await inputOf(b.page, 'price-input').fill(String(offerYuan));
    await inputOf(b.page, 'note-input').fill('今晚图书馆面交可以吗');
    await b.page.getByTestId('price-submit').click();
    await expect
      .poll(() => b.page.getByTestId('offer-price').textContent(), { timeout: 10_000 })
      .toContain(`¥${offerYuan}.00`);
    await shot(b.page, 'buyer-offered');

    // --- alice counters from 我的出价 ---
    await open(a.page, 'pages/offers/index?role=seller');
    const received = a.page.getByTestId('offer').filter({ hasText: listing.title });
    await received.getByText('还价', { exact: true }).click();
    await inputOf(a.page, 'price-input').fill(String(counterYuan));
    await a.page.getByTestId('price-submit').click();
    await expect
      .poll(() => received.getByTestId('offer-status').textContent(), { timeout: 10_000 })
      .toBe('等待买家回复');

    // --- bob accepts the counter: the trade opens ---
    await open(b.page, 'pages/offers/index');
    await b.page.getByTestId('offer').filter({ hasText: listing.title }).getByText('接受还价').click();
    await confirmModal(b.page);
    await expect.poll(() => b.page.getByTestId('trade-status').textContent(), { timeout: 15_000 }).toBe('进行中');
    const tradeId = new URLSearchParams(new URL(b.page.url()).hash.split('?')[1]).get('id')!;
    expect(tradeId).toBeTruthy();

    // --- both confirm ---
    await b.page.getByTestId('trade-confirm').click();
    await confirmModal(b.page);
    await expect
      .poll(() => b.page.getByTestId('trade-progress').textContent(), { timeout: 10_000 })
      .toBe('你已确认，等待对方确认');
    await open(a.page, `pages/trade/index?id=${tradeId}`);
    await a.page.getByTestId('trade-confirm').click();
    await confirmModal(a.page);
    await expect.poll(() => a.page.getByTestId('trade-status').textContent(), { timeout: 10_000 }).toBe('已完成');

    // --- both rate: hidden from the other until both have ---
    await a.page.getByTestId('score-good').click();
    await inputOf(a.page, 'rating-input').fill('买家很守时，爽快');
    await a.page.getByTestId('rating-submit').click();
    await expect
      .poll(() => a.page.getByTestId('my-rating-state').textContent(), { timeout: 10_000 })
      .toBe('等待对方评价');
    await open(b.page, `pages/trade/index?id=${tradeId}`);
    await b.page.getByTestId('score-good').click();
    await inputOf(b.page, 'rating-input').fill('台灯和描述一样，卖家人很好');
    await b.page.getByTestId('rating-submit').click();
    await expect.poll(() => b.page.getByTestId('my-rating-state').textContent(), { timeout: 10_000 }).toMatch(/已公开/);
    await shot(b.page, 'buyer-rated');

    // --- each rating on the rated one's profile ---
    await open(b.page, `pages/profile/index?id=${aliceId}`);
    await b.page.getByTestId('profile-tab-ratings').click();
    await b.page.getByTestId('rating').filter({ hasText: '台灯和描述一样，卖家人很好' }).waitFor({ timeout: 10_000 });
    await shot(b.page, 'seller-profile');
    await open(a.page, `pages/profile/index?id=${bobId}`);
    await a.page.getByTestId('profile-tab-ratings').click();
    await a.page.getByTestId('rating').filter({ hasText: '买家很守时，爽快' }).waitFor({ timeout: 10_000 });

    // --- the admin sees the trade on alice's detail ---
    const desk = await platform.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const admin = await desk.newPage();
    await admin.goto(`${platform.server.url}/admin/`);
    await admin.getByRole('button', { name: '演示账号登录' }).click();
    await admin.locator('.ant-menu').getByText('用户', { exact: true }).click();
    await admin.getByPlaceholder('昵称或用户 ID').fill(aliceId);
    await admin.getByPlaceholder('昵称或用户 ID').press('Enter');
    const row = admin.locator(`tr[data-row-key="${aliceId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.locator('td').first().getByRole('button').click();
    const trades = admin.getByTestId('user-trades');
    await trades.locator(`tr[data-row-key="${tradeId}"]`).filter({ hasText: '已完成' }).waitFor({ timeout: 15_000 });
    expect(await trades.locator(`tr[data-row-key="${tradeId}"]`).textContent()).toContain(`¥${counterYuan}.00`);
    await trades.scrollIntoViewIfNeeded();
    await shot(admin, 'admin-user-trades');

    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await Promise.all([a.context.close(), b.context.close(), desk.close()]);
  }, 120_000);
});
