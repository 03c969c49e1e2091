import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { api, ROOT, type RunningServer } from './harness.js';

export const SHOTS = join(ROOT, 'test-output/screenshots/admin');

/** Two campuses: the seeded demo one, and a second whose admin must see none of the first's data. */
export const CAMPUSES_ENV = {
  XZ_CAMPUSES: JSON.stringify([
    { id: 'demo', name: '示例大学', auth: { kind: 'demo' } },
    { id: 'north', name: '北方大学', auth: { kind: 'demo' } },
  ]),
};

/** `cli create-admin` against the running server's database, the password on standard input. */
export function createAdmin(server: RunningServer, username: string, campus: string, password: string): void {
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'packages/api/dist/main/cli.js'),
      'create-admin',
      '--username',
      username,
      '--role',
      'campus_admin',
      '--campus',
      campus,
    ],
    {
      input: `${password}\n`,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...CAMPUSES_ENV,
        XZ_ENV: 'embedded',
        XZ_DATA_DIR: server.dataDir,
        XZ_DATABASE_URL: '',
        XZ_LOG_LEVEL: 'warn',
      },
    },
  );
  if (run.status !== 0) throw new Error(`create-admin ${username} failed (${run.status}): ${run.stderr}`);
}

export async function adminLogin(server: RunningServer, username: string, password: string): Promise<string> {
  const r = await api<{ accessToken: string }>(server, 'POST', '/v1/admin/auth/login', undefined, {
    username,
    password,
  });
  if (r.status !== 200) throw new Error(`admin login ${username} failed: ${r.status}`);
  return r.body.accessToken;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // Let charts and images settle.
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

export async function signIn(page: Page, server: RunningServer, username: string, password: string): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await page.getByTestId('account').getByText(username, { exact: true }).waitFor({ timeout: 20_000 });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
}

export async function open(page: Page, label: string): Promise<void> {
  await page.locator('.ant-menu').getByText(label, { exact: true }).click();
  await page.locator('.ant-layout-header h4', { hasText: label }).waitFor();
}

/** The antd modal titled `title`, once open. */
export async function modal(page: Page, title: string): Promise<Locator> {
  const m = page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
  await m.waitFor({ state: 'visible' });
  return m;
}

export async function statValue(page: Page, id: string): Promise<number> {
  const text = await page.getByTestId(`stat-${id}`).locator('.ant-statistic-content-value').textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

/** Polls a student's inbox until one notification mentions `text`. */
export async function inboxMentions(server: RunningServer, token: string, text: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const r = await api<{ items: unknown[] }>(server, 'GET', '/v1/me/notifications?limit=50', token);
        return JSON.stringify(r.body.items);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toContain(text);
}
