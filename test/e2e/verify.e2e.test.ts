import { devices } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { usePlatform } from './harness.js';

/** 验证学生身份 in the built H5 app against the compiled server and its demo campus login. */
const platform = usePlatform();

describe('student verification on H5', () => {
  it('an unverified student sees the campus error for a wrong password, then verifies with the demo login', async () => {
    const context = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${platform.server.url}/h5/#/pages/me/index`);
    await page.getByText('以 carol 登录').click();
    await page.getByText('验证学生身份').waitFor();
    await page.getByText(/演示学校/).waitFor();

    await page.locator('input[placeholder="学号"]').fill('2023123456');
    await page.locator('input[placeholder="教务系统密码"]').fill('not-the-password');
    await page.getByText('验证', { exact: true }).click();
    await expect
      .poll(async () => (await page.locator('.verify-form .banner-error').textContent()) ?? '', { timeout: 15_000 })
      .toContain('学号或密码不正确');

    await page.locator('input[placeholder="教务系统密码"]').fill('demo');
    await page.getByText('验证', { exact: true }).click();
    await page.getByText('已认证学生').waitFor({ timeout: 15_000 });
    expect(await page.locator('.verify-form').count()).toBe(0);
    expect(platform.server.logs.join('')).not.toContain('not-the-password');
    await context.close();
  });
});
