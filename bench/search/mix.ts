/**
 * Search under load with the judged queries as the mix (issue 14: "a mix of the judged queries ≥ 20× LIKE"): our
 * `GET /v1/search` against a `LIKE '%q%'` route (the anchors' bare Fastify stack, `../shared/bench/anchors`
 * `ceiling.mjs`, or its Flask stack), both already running. Each connection walks the judged queries in order, so
 * every query is asked by many students within seconds, as hot queries are; rounds alternate ours / LIKE.
 *
 *   node --import tsx bench/search/mix.ts --ours http://127.0.0.1:18090 --like http://127.0.0.1:18082 \
 *     [--seconds 15] [--connections 50] [--rounds 2]
 *
 * Our server must raise its search limits (all traffic comes from one address): see bench/README.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    ours: { type: 'string' },
    like: { type: 'string' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
  },
});
if (!values.ours || !values.like) throw new Error('give --ours URL and --like URL (both servers running)');
const here = dirname(fileURLToPath(import.meta.url));
const judged = JSON.parse(readFileSync(join(here, 'judged-queries.json'), 'utf8')) as { q: string }[];
const queries = judged.map((j) => encodeURIComponent(j.q));

interface Figure {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

async function load(base: string, path: (q: string) => string): Promise<Figure> {
  const result = await autocannon({
    url: base,
    connections: Number(values.connections),
    duration: Number(values.seconds),
    requests: queries.map((q) => ({ method: 'GET', path: path(q) })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const ours = (q: string) => `/v1/search?q=${q}&limit=20`;
const like = (q: string) => `/search?q=${q}&limit=20`;
const print = (label: string, f: Figure) =>
  process.stdout.write(
    `  ${label.padEnd(8)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  non-2xx ${f.non2xx}  errors ${f.errors}\n`,
  );

process.stdout.write(
  `search mix: ${queries.length} judged queries, ${values.connections} connections, ${values.rounds} rounds of ${values.seconds} s per stack\n`,
);
const ratios: number[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  // ABBA: the machine's speed drifts over minutes.
  const order = round % 2 === 1 ? (['ours', 'like'] as const) : (['like', 'ours'] as const);
  const got: Record<string, Figure> = {};
  for (const stack of order)
    got[stack] = await load(stack === 'ours' ? values.ours : values.like, stack === 'ours' ? ours : like);
  process.stdout.write(`round ${round}\n`);
  print('ours', got['ours']!);
  print('LIKE', got['like']!);
  ratios.push(got['ours']!.rps / got['like']!.rps);
}
process.stdout.write(`ours / LIKE per round: ${ratios.map((r) => `${r.toFixed(0)}×`).join(', ')}\n`);
