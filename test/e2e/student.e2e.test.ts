import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { devices, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, devToken, ROOT, usePlatform } from './harness.js';

/**
 * Two students on phones (the built H5 app on the compiled server, seeded demo campus): a seller
 * edits their profile, publishes a book with two photos and edits the photos; a buyer favorites and
 * comments; the seller replies and drops the price; the buyer reads both in 消息, sends feedback and
 * reads the admins' reply. Every page visited is photographed into test-output/screenshots/h5/.
 */
const platform = usePlatform();
const SHOTS = join(ROOT, 'test-output', 'screenshots', 'h5');
mkdirSync(SHOTS, { recursive: true });
let shotNo = 0;

async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  await page.screenshot({
    path: join(SHOTS, `student-${String(shotNo).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

/** A solid-colour PNG with a darker square in one corner: enough for the photo pipeline, told apart by colour. */
function png(rgb: [number, number, number], size = 320): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const dark = x < size / 3 && y < size / 3 ? 0.5 : 1;
      row[1 + x * 3] = Math.round(rgb[0] * dark);
      row[2 + x * 3] = Math.round(rgb[1] * dark);
      row[3 + x * 3] = Math.round(rgb[2] * dark);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const images = mkdtempSync(join(tmpdir(), 'xz-e2e-img-'));
const imageFile = (name: string, rgb: [number, number, number]) => {
  const path = join(images, name);
  writeFileSync(path, png(rgb));
  return path;
};

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await platform.browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

let loads = 0;
/**
 * Going to another hash of the same document does not load it again (the page's data would be stale), and a
 * goto followed by a reload raced under load (the reload could land before the goto's page had started, leaving
 * an empty page): each visit has its own query string, so it is one fresh load.
 */
const open = async (page: Page, path: string) => {
  await page.goto(`${platform.server.url}/h5/?visit=${++loads}#/${path}`);
};

/**
 * Saves the edit page and waits for the app to show the listing: the page was opened first (a fresh load), so
 * the app goes on to the listing's detail itself. A test's next page load must not race that navigation.
 */
async function saveEdit(page: Page, listingId: string): Promise<void> {
  await page.locator('.pf-submit button, .pf-submit .btn-primary').first().click();
  await page.waitForURL((url) => url.hash === `#/pages/detail/index?id=${listingId}`, { timeout: 15_000 });
}

async function signIn(page: Page, user: string): Promise<void> {
  await open(page, 'pages/me/index');
  await page.getByText(`以 ${user} 登录`).click();
  await page.locator('.me-logout').first().waitFor({ timeout: 15_000 });
}

/** The Taro input inside a field: the web component's own <input> (or <textarea>). */
const inputIn = (page: Page, css: string) => page.locator(`${css} input, ${css} textarea`).first();

/** The input of the publish form's field labelled `label`. */
const fieldInput = (page: Page, label: string) =>
  page
    .locator('.pf-field')
    .filter({ has: page.locator('.pf-label', { hasText: new RegExp(`^${label}\\*?$`) }) })
    .locator('input')
    .first();

/** Picks files through the H5 chooseImage file dialog that a tap on `trigger` opens. */
async function choosePhotos(page: Page, trigger: string, files: string[]): Promise<void> {
  await page.getByTestId(trigger).click();
  // On a phone Taro first asks where the photo comes from (拍摄 / 从相册选择).
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('从相册选择', { exact: true }).click();
  await (await chooser).setFiles(files);
}

/** The photo ids the detail's gallery shows, in order. */
async function galleryIds(page: Page): Promise<string[]> {
  const srcs = await page
    .locator('[data-testid="gallery"] img')
    .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
  return srcs.map((s) => /\/media\/photos\/([^/]+)\//.exec(s)?.[1] ?? s);
}

interface Detail {
  id: string;
  title: string;
  price: number;
  photos: { id: string }[];
  book: { isbn: string } | null;
  category: { id: string };
}

describe('a student’s forms on the H5 app', () => {
  it('profile, publish with photos, edit photos, comment and reply, price drop, 消息 and feedback', async () => {
    // An ISBN classmates sold before: typing it fills the category and the book's details.
    const books = await api<{ items: { id: string }[] }>(platform.server, 'GET', '/v1/listings?kind=book&limit=5');
    const known = await api<Detail>(platform.server, 'GET', `/v1/listings/${books.body.items[0]!.id}`);
    const isbn = known.body.book!.isbn;

    // --- The seller: nickname and avatar ---
    const seller = await phone();
    const s = seller.page;
    await signIn(s, 'alice');
    await shot(s, 'me');
    await s.getByTestId('edit-profile').click();
    await inputIn(s, '.pe-fields').fill('爱丽丝学姐');
    await choosePhotos(s, 'choose-avatar', [imageFile('avatar.png', [240, 160, 60])]);
    await expect.poll(() => s.locator('.pe-avatar-box img').getAttribute('src'), { timeout: 20_000 }).toMatch(/media/);
    await shot(s, 'me-edit-profile');
    await s.getByTestId('save-profile').click();
    await expect.poll(() => s.locator('.me-nickname').textContent(), { timeout: 15_000 }).toBe('爱丽丝学姐');
    const aliceToken = await devToken(platform.server, 'alice');
    const me = await api<{ nickname: string; avatarUrl: string | null }>(platform.server, 'GET', '/v1/me', aliceToken);
    expect(me.body.nickname).toBe('爱丽丝学姐');
    expect(me.body.avatarUrl).toMatch(/^\/media\/photos\//);
    await expect.poll(() => s.locator('.me-avatar img').getAttribute('src')).toBe(me.body.avatarUrl);
    await shot(s, 'me-saved');

    // --- Publish a book with two photos ---
    await open(s, 'pages/publish/index');
    await s.locator('.chip', { hasText: '闲置书籍' }).click();
    await fieldInput(s, 'ISBN').fill(isbn);
    await expect.poll(() => s.locator('.pf-hint').textContent(), { timeout: 15_000 }).toContain('填好书籍信息');
    await fieldInput(s, '标题').fill('考研数学复习全书（端到端）');
    await fieldInput(s, '价格').fill('30');
    await s.locator('.chip', { hasText: '几乎全新' }).click();
    await choosePhotos(s, 'add-photo', [imageFile('red.png', [220, 40, 40]), imageFile('blue.png', [40, 80, 220])]);
    await expect.poll(() => s.getByTestId('photo').count(), { timeout: 30_000 }).toBe(2);
    await shot(s, 'publish');
    await s.locator('.pf-submit button, .pf-submit .btn-primary').first().click();
    await s.locator('.detail-title').waitFor({ timeout: 20_000 });
    const listingId = new URLSearchParams(new URL(s.url()).hash.split('?')[1] ?? '').get('id')!;
    expect(listingId).toBeTruthy();
    const published = await api<Detail>(platform.server, 'GET', `/v1/listings/${listingId}`, aliceToken);
    expect(published.body.category.id).toBe(known.body.category.id);
    const [red, blue] = published.body.photos.map((p) => p.id);
    expect([red, blue].every(Boolean)).toBe(true);
    await expect.poll(() => galleryIds(s), { timeout: 15_000 }).toEqual([red, blue]);
    await shot(s, 'detail-published');

    // --- Edit: blue first, then drop red; the detail shows exactly that ---
    await open(s, `pages/edit/index?id=${listingId}`);
    await expect.poll(() => s.getByTestId('photo').count(), { timeout: 15_000 }).toBe(2);
    await s.getByTestId('photo').nth(1).getByTestId('photo-earlier').click();
    await shot(s, 'edit-reordered');
    await saveEdit(s, listingId);
    await expect
      .poll(async () =>
        (await api<Detail>(platform.server, 'GET', `/v1/listings/${listingId}`)).body.photos.map((p) => p.id),
      )
      .toEqual([blue, red]);
    await open(s, `pages/detail/index?id=${listingId}`);
    await expect.poll(() => galleryIds(s), { timeout: 15_000 }).toEqual([blue, red]);
    await shot(s, 'detail-reordered');

    await open(s, `pages/edit/index?id=${listingId}`);
    await expect.poll(() => s.getByTestId('photo').count(), { timeout: 15_000 }).toBe(2);
    await shot(s, 'edit-before-drop');
    await s.getByTestId('photo').nth(1).getByTestId('photo-remove').click();
    await expect.poll(() => s.getByTestId('photo').count()).toBe(1);
    await shot(s, 'edit-dropped');
    await saveEdit(s, listingId);
    await expect
      .poll(async () =>
        (await api<Detail>(platform.server, 'GET', `/v1/listings/${listingId}`)).body.photos.map((p) => p.id),
      )
      .toEqual([blue]);
    await open(s, `pages/detail/index?id=${listingId}`);
    await expect.poll(() => galleryIds(s), { timeout: 15_000 }).toEqual([blue]);
    await shot(s, 'detail-one-photo');

    // --- The buyer favorites and comments ---
    const buyer = await phone();
    const b = buyer.page;
    await signIn(b, 'bob');
    await open(b, `pages/detail/index?id=${listingId}`);
    await b.locator('.detail-title').waitFor({ timeout: 15_000 });
    await expect.poll(() => b.getByTestId('seller-card').textContent(), { timeout: 15_000 }).toContain('爱丽丝学姐');
    await b.getByTestId('favorite').click();
    await b.getByText('已收藏', { exact: true }).waitFor({ timeout: 10_000 });
    await inputIn(b, '.composer-row').fill('还在吗？可以图书馆面交吗');
    await b.locator('.composer-send').click();
    await b.getByText('还在吗？可以图书馆面交吗').waitFor({ timeout: 15_000 });
    await shot(b, 'detail-buyer-commented');

    // --- The seller replies and drops the price ---
    await open(s, `pages/detail/index?id=${listingId}`);
    const comment = s.getByTestId('comment').filter({ hasText: '还在吗？可以图书馆面交吗' });
    await comment.getByTestId('comment-reply').first().click();
    await inputIn(s, '.composer-row').fill('在的，明天中午图书馆见');
    await s.locator('.composer-send').click();
    await s.getByTestId('reply').filter({ hasText: '在的，明天中午图书馆见' }).waitFor({ timeout: 15_000 });
    await shot(s, 'detail-seller-replied');
    await open(s, `pages/edit/index?id=${listingId}`);
    const price = fieldInput(s, '价格');
    await expect.poll(() => price.inputValue(), { timeout: 15_000 }).toBe('30');
    await price.fill('25');
    await saveEdit(s, listingId);
    await expect
      .poll(async () => (await api<Detail>(platform.server, 'GET', `/v1/listings/${listingId}`)).body.price)
      .toBe(2500);

    // --- The buyer reads both in 消息 ---
    await expect
      .poll(
        async () => {
          await open(b, 'pages/notifications/index');
          await b
            .getByTestId('notice')
            .first()
            .waitFor({ timeout: 10_000 })
            .catch(() => undefined);
          return (await b.getByTestId('notice').allTextContents()).join('\n');
        },
        { timeout: 60_000, interval: 1_500 },
      )
      .toContain('回复了你：在的，明天中午图书馆见');
    await expect
      .poll(
        async () => {
          await open(b, 'pages/notifications/index');
          return (await b.getByTestId('notice').allTextContents()).join('\n');
        },
        { timeout: 60_000, interval: 1_500 },
      )
      .toContain('¥30.00 → ¥25.00');
    await shot(b, 'notifications');
    await open(b, `pages/detail/index?id=${listingId}`);
    await b.locator('.detail-title').waitFor({ timeout: 15_000 });
    await shot(b, 'detail-price-dropped');

    // --- Feedback and the admins' reply ---
    await open(b, 'pages/feedback/index');
    const feedbackText = `发布页的分类选择不好找（端到端 ${Date.now()}）`;
    await inputIn(b, '[data-testid="feedback-text"]').fill(feedbackText);
    await b.getByTestId('feedback-submit').click();
    await b.getByTestId('feedback-item').filter({ hasText: feedbackText }).waitFor({ timeout: 15_000 });
    await shot(b, 'feedback-sent');

    const admin = await api<{ accessToken: string }>(platform.server, 'POST', '/v1/dev/admin-login', undefined, {});
    expect(admin.status).toBe(200);
    const open_ = await api<{ items: { id: string; text: string }[] }>(
      platform.server,
      'GET',
      '/v1/admin/feedback?state=open&limit=50',
      admin.body.accessToken,
    );
    const mine = open_.body.items.find((f) => f.text === feedbackText)!;
    expect(mine).toBeDefined();
    const reply = '谢谢反馈，分类选择下个版本会改进';
    const replied = await api(platform.server, 'POST', `/v1/admin/feedback/${mine.id}/reply`, admin.body.accessToken, {
      text: reply,
    });
    expect(replied.status).toBe(200);

    await open(b, 'pages/feedback/index');
    await expect
      .poll(() => b.getByTestId('feedback-item').filter({ hasText: feedbackText }).textContent(), { timeout: 15_000 })
      .toContain(reply);
    await shot(b, 'feedback-replied');
    await expect
      .poll(
        async () => {
          await open(b, 'pages/notifications/index');
          return (await b.getByTestId('notice').allTextContents()).join('\n');
        },
        { timeout: 60_000, interval: 1_500 },
      )
      .toContain(reply);
    await shot(b, 'notifications-feedback');

    expect(seller.errors).toEqual([]);
    expect(buyer.errors).toEqual([]);
    await seller.context.close();
    await buyer.context.close();
  }, 300_000);
});
