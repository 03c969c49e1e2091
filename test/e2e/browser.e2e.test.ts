import { devices, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, cspViolations, devToken, adminToken, usePlatform } from './harness.js';

/**
 * The platform as people use it: the compiled server on a fresh embedded database, the built H5
 * app in a phone-sized Chromium, and the built admin app on a desktop-sized one.
 */
const platform = usePlatform();

interface Summary {
  id: string;
  title: string;
  kind: string;
  seller: { id: string };
}

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function loginOnPhone(page: Page, user: string): Promise<void> {
  await page.goto(`${platform.server.url}/h5/#/pages/me/index`);
  await page.getByText(`以 ${user} 登录`).click();
  await page.getByText('退出登录').or(page.locator('.me-logout')).first().waitFor();
}

describe('H5 mini-program', () => {
  it('shows the seeded campus feed in Chinese, and opens a listing with the contact hidden from visitors', async () => {
    const { context, page, errors } = await phone();
    await page.goto(`${platform.server.url}/h5/`);
    await expect.poll(() => page.getByTestId('listing-card').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
    expect(await page.locator('.home-campus').textContent()).toBe('示例大学 · 闲置');
    const firstTitle = (await page.locator('.card-title').first().textContent())!.trim();
    // The home page opens on 推荐: for a visitor, what the campus looks at, fresh first.
    const feed = await api<{ items: Summary[] }>(platform.server, 'GET', '/v1/recommendations?limit=20');
    expect(feed.body.items.map((i) => i.title)).toContain(firstTitle);

    await page.getByTestId('listing-card').first().click();
    await page.locator('.detail-title').waitFor({ timeout: 15_000 });
    expect((await page.locator('.detail-title').textContent())!.trim()).toBe(firstTitle);
    expect(await page.locator('.contact-hint').textContent()).toBe('验证学生身份后可联系卖家');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters the feed to books with the 书籍 tab', async () => {
    const { context, page } = await phone();
    await page.goto(`${platform.server.url}/h5/`);
    await page.getByTestId('listing-card').first().waitFor({ timeout: 20_000 });
    await page.locator('.kind-tab', { hasText: '书籍' }).click();
    const books = await api<{ items: Summary[] }>(platform.server, 'GET', '/v1/listings?kind=book&limit=50');
    const bookTitles = new Set(books.body.items.map((b) => b.title));
    await expect
      .poll(
        async () => {
          const titles = await page.locator('.card-title').allTextContents();
          return titles.length > 0 && titles.every((t) => bookTitles.has(t.trim()));
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await context.close();
  });

  it('lets a verified student sign in, see the seller contact and favorite a listing', async () => {
    const { context, page, errors } = await phone();
    await loginOnPhone(page, 'bob');
    const bob = await devToken(platform.server, 'bob');
    const me = await api<{ id: string }>(platform.server, 'GET', '/v1/me', bob);
    const feed = await api<{ items: Summary[] }>(platform.server, 'GET', '/v1/listings?kind=item&limit=20');
    const target = feed.body.items.find((i) => i.seller.id !== me.body.id)!;

    await page.goto(`${platform.server.url}/h5/#/pages/detail/index?id=${target.id}`);
    await page.locator('.detail-title').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.contact-btn').count()).toBe(1);
    expect(await page.locator('.contact-hint').count()).toBe(0);

    await page.getByText('收藏', { exact: true }).click();
    await page.getByText('已收藏', { exact: true }).waitFor({ timeout: 10_000 });
    const favorites = await api<{ items: Summary[] }>(platform.server, 'GET', '/v1/me/favorites', bob);
    expect(favorites.body.items.map((i) => i.id)).toContain(target.id);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps an unverified student from publishing, with a message that says why', async () => {
    const { context, page } = await phone();
    await loginOnPhone(page, 'carol');
    await page.goto(`${platform.server.url}/h5/#/pages/publish/index`);
    await expect
      .poll(async () => (await page.locator('.page').first().textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/验证/);
    await context.close();
  });
});

describe('admin app', () => {
  it('signs in with the demo button, lists listings and takes one down with a reason the owner can read', async () => {
    const context = await platform.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${platform.server.url}/admin/`);
    // Embedded mode: the server offers the demo account (no password in the bundle).
    await page.getByRole('button', { name: '演示账号登录' }).click();
    await page.getByTestId('account').waitFor({ timeout: 20_000 });
    await page.locator('.ant-menu').getByText('商品', { exact: true }).click();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);

    // Every status is listed: take down the first listing on sale.
    const row = rows.filter({ hasText: '在售' }).first();
    const id = (await row.getAttribute('data-row-key'))!;
    // A listing on sale is public: visitors can open it until it is taken down.
    expect((await api(platform.server, 'GET', `/v1/listings/${id}`)).status).toBe(200);

    // antd spaces out two-character Chinese button labels ("下 架").
    await row.getByRole('button', { name: /^下\s*架$/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '下架商品' });
    await dialog.waitFor({ state: 'visible' });
    const reason = '疑似虚假信息（端到端测试）';
    const textarea = dialog.locator('textarea');
    await textarea.fill(reason);
    await expect.poll(() => textarea.inputValue()).toBe(reason);
    await dialog.getByRole('button', { name: /确认下架/ }).click();
    const removedRow = page.locator(`tr[data-row-key="${id}"]`);
    const outcome = await Promise.race([
      removedRow
        .getByText('已移除', { exact: true })
        .waitFor({ timeout: 20_000 })
        .then(() => 'removed'),
      page
        .getByTestId('reason-error')
        .waitFor({ timeout: 20_000 })
        .then(async () => `refused: ${await page.getByTestId('reason-error').textContent()}`),
    ]);
    expect(outcome).toBe('removed');
    const admin = await adminToken(platform.server);
    const detail = await api<{ status: string; removalReason: string | null }>(
      platform.server,
      'GET',
      `/v1/listings/${id}`,
      admin,
    );
    expect(detail.body).toMatchObject({ status: 'removed', removalReason: reason });
    const asVisitor = await api(platform.server, 'GET', `/v1/listings/${id}`);
    expect(asVisitor.status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Content-Security-Policy', () => {
  it('refuses a script injected into a page, and the suites see the violation', async () => {
    const { context, page } = await phone();
    await page.goto(`${platform.server.url}/h5/`);
    await page.getByTestId('listing-card').first().waitFor({ timeout: 20_000 });
    // Page code as text: this suite is compiled without the DOM types.
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.head.append(script);
    }`);
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.evaluate('window.injected')).toBeUndefined();
    // Seen, so taken off the list the suite checks after each test.
    expect(cspViolations.splice(0).join('\n')).toMatch(/script-src-elem refused inline/);
    await context.close();
  });

  it('the API documentation works under it (embedded mode serves /docs)', async () => {
    const context = await platform.browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${platform.server.url}/docs`);
    await expect
      .poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 20_000 })
      .toContain('Xianzhi');
    await page.locator('.opblock').first().waitFor();
    await context.close();
  });
});
