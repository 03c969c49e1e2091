// The H5 home page's first contentful paint on a slow phone: Chromium (Debian's, through playwright-core)
// with the CPU slowed 4× and DevTools' "Fast 3G" network (562.5 ms latency, 1.6 Mbps down, 750 kbps up),
// cache disabled, iPhone-13-sized. Also when the first listing card appears. A measurement, not a test.
//
//   pnpm exec tsc -b packages/api && pnpm --filter @xianzhi/miniprogram build:h5 && pnpm --filter @xianzhi/admin build
//   node --import tsx bench/h5/fcp.ts [runs=5] [--url http://127.0.0.1:8080]
//
// Without --url it starts the compiled server on a fresh embedded database, as the browser suite does.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { devices } from 'playwright-core';
import { launchBrowser, ROOT, startServer, type RunningServer } from '../../test/e2e/harness.ts';

const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;

const args = process.argv.slice(2);
const urlAt = args.indexOf('--url');
const givenUrl = urlAt >= 0 ? args[urlAt + 1] : undefined;
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 5);

async function main(): Promise<void> {
  const server: RunningServer | null = givenUrl ? null : await startServer();
  const base = givenUrl ?? server!.url;
  const browser = await launchBrowser();
  const results: { fcp: number; firstCard: number; bytes: number }[] = [];
  try {
    // One warm-up visit lets the server build its caches (catalog, feed) so the runs measure the page.
    await fetch(`${base}/v1/recommendations?campusId=demo&limit=20`).catch(() => undefined);
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ ...devices['iPhone 13'], locale: 'zh-CN' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
      const start = Date.now();
      await page.goto(`${base}/h5/`, { waitUntil: 'commit' });
      // A server with several campuses first asks a visitor to pick one: that list is the first screen then.
      await page
        .getByTestId('listing-card')
        .or(page.getByTestId('campus-option'))
        .first()
        .waitFor({ timeout: 120_000 });
      const firstCard = Date.now() - start;
      // Runs in the page; by the time a listing card shows, the first contentful paint has happened.
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
      results.push({ fcp: Math.round(fcp), firstCard, bytes });
      console.log(
        `run ${i + 1}: FCP ${Math.round(fcp)} ms, first listing card (or campus list) ${firstCard} ms, ${(bytes / 1024).toFixed(0)} KB`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await server?.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = {
    at: new Date().toISOString(),
    profile: { cpuSlowdown: CPU_SLOWDOWN, network: 'Fast 3G', ...FAST_3G, device: 'iPhone 13', cache: 'disabled' },
    runs: results,
    medianFcpMs: median(results.map((r) => r.fcp)),
    medianFirstCardMs: median(results.map((r) => r.firstCard)),
    machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Number(l.toFixed(2))) },
  };
  console.log(JSON.stringify(summary, null, 2));
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'h5-fcp.json'), JSON.stringify(summary, null, 2));
}

await main();
