/**
 * A small HTTP load generator (keep-alive, fixed concurrency), run in its own process so it does not share
 * an event loop with the server it measures.
 *
 *   node bench/scale/load.ts <url> <concurrency> <warmup-seconds> <seconds>   → one JSON line on stdout
 */
import http from 'node:http';

const [url, concurrencyArg, warmupArg, secondsArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url!);

function request(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, agent },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
  });
}

async function run(seconds: number): Promise<{ ok: number; failed: number; latencies: number[] }> {
  const end = Date.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const t = performance.now();
        const status = await request().catch(() => 0);
        latencies.push(performance.now() - t);
        if (status === 200) ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, latencies };
}

await run(Number(warmupArg));
const started = performance.now();
const { ok, failed, latencies } = await run(Number(secondsArg));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    rps: ok / elapsed,
    ok,
    failed,
    seconds: elapsed,
    p50: latencies[Math.floor(latencies.length * 0.5)] ?? 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  })}\n`,
);
agent.destroy();
