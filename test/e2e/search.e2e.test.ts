import { devices } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, usePlatform } from './harness.js';

/** Search as a student does it on a phone: the H5 build on the compiled server, seeded demo campus. */
const platform = usePlatform();

interface Hit {
  listing: { id: string; title: string; category: { name: string; parentName: string | null } };
}

describe('H5 search', () => {
  it('finds a bicycle by the initials "zxc" from the home search bar and opens it; offers recent and hot searches', async () => {
    const expected = await api<{ items: Hit[] }>(platform.server, 'GET', '/v1/search?q=zxc&limit=5');
    expect(expected.status).toBe(200);
    const first = expected.body.items[0]!;
    // The seeded campus has bicycles; zxc (自行车's initials) must find one first.
    expect(first.listing.category.name).toBe('自行车');

    const context = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${platform.server.url}/h5/`);
    await page.getByTestId('home-search').click();
    const input = page.getByTestId('search-input').locator('input').or(page.locator('input.search-input')).first();
    await input.waitFor({ timeout: 15_000 });
    await input.fill('zxc');
    await page.locator('.search-go').click();

    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor({ timeout: 15_000 });
    expect((await hit.locator('.hit-title').textContent())!.trim()).toBe(first.listing.title);
    await hit.click();
    await page.locator('.detail-title').waitFor({ timeout: 15_000 });
    expect((await page.locator('.detail-title').textContent())!.trim()).toBe(first.listing.title);

    // The search is remembered on the phone and offered when the page opens again.
    // A fresh load: the search page still in the router's stack would show its results instead.
    await page.goto(`${platform.server.url}/h5/#/pages/search/index`);
    await page.reload();
    await expect.poll(() => page.getByTestId('recent-searches').textContent(), { timeout: 15_000 }).toContain('zxc');
    // The demo seed's week of searches: 校园热搜 chips, and a tap searches for one.
    const hot = await api<{ terms: string[] }>(platform.server, 'GET', '/v1/search/hot');
    expect(hot.body.terms).toContain('台灯');
    await expect.poll(() => page.getByTestId('hot-searches').textContent(), { timeout: 15_000 }).toContain('台灯');
    await page.getByTestId('hot-searches').getByText('台灯', { exact: true }).click();
    await page.getByTestId('search-hit').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('search-hit').first().locator('.hl').allTextContents()).toContain('台灯');
    expect(errors).toEqual([]);
    await context.close();
  });
});
