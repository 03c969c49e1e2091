import type { FastifyInstance } from 'fastify';
import type { Wire } from './draft.js';
import { ERROR_STATUS } from '../../../src/http/errors.js';

export interface Finding {
  readonly wire: Wire;
  readonly problem: string;
  readonly status: number | null;
  readonly body: string;
  /** The answer's X-Request-Id, to find what the server logged for it (a HEAD answer has no body to say). */
  readonly requestId?: string;
  /** What the server logged for it (the error and its stack), filled in after its batch. */
  log?: string;
}

export interface Tally {
  readonly byStatus: Map<number, number>;
  /** Routes (document keys) that answered 2xx at least once: the deep paths were reached. */
  readonly reachedOk: Set<string>;
  readonly perRoute: Map<string, number>;
  readonly findings: Finding[];
  /** Milliseconds spent per route and per kind of mutation, to keep the run within its time. */
  readonly timeByRoute: Map<string, number>;
  readonly timeByMutation: Map<string, number>;
  sent: number;
}

export function newTally(): Tally {
  return {
    byStatus: new Map(),
    reachedOk: new Set(),
    perRoute: new Map(),
    findings: [],
    timeByRoute: new Map(),
    timeByMutation: new Map(),
    sent: 0,
  };
}

const TIMEOUT_MS = 10_000;

/**
 * Sends the planned requests, `concurrency` at a time, in order. Each answer must be below 500 and, when it
 * refuses, carry the error envelope with a code of the error table whose status is the one answered.
 */
export async function send(app: FastifyInstance, wires: readonly Wire[], tally: Tally, concurrency: number) {
  let next = 0;
  const worker = async () => {
    while (next < wires.length) {
      const wire = wires[next++]!;
      await sendOne(app, wire, tally);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function sendOne(app: FastifyInstance, wire: Wire, tally: Tally): Promise<void> {
  tally.sent++;
  tally.perRoute.set(wire.op, (tally.perRoute.get(wire.op) ?? 0) + 1);
  let timer: NodeJS.Timeout | undefined;
  const started = performance.now();
  try {
    const res = await Promise.race([
      app.inject({
        method: wire.method as 'GET',
        url: wire.url,
        headers: wire.headers,
        remoteAddress: wire.remoteAddress,
        ...(wire.payload === undefined ? {} : { payload: wire.payload }),
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    tally.byStatus.set(res.statusCode, (tally.byStatus.get(res.statusCode) ?? 0) + 1);
    if (res.statusCode >= 200 && res.statusCode < 300) tally.reachedOk.add(wire.op);
    const problem = judge(res.statusCode, res.body, wire);
    const requestId = res.headers['x-request-id'];
    if (problem)
      tally.findings.push({
        wire,
        problem,
        status: res.statusCode,
        body: res.body.slice(0, 600),
        ...(typeof requestId === 'string' ? { requestId } : {}),
      });
  } catch (error) {
    tally.findings.push({ wire, problem: `inject failed: ${String(error)}`, status: null, body: '' });
  } finally {
    clearTimeout(timer);
    const ms = performance.now() - started;
    tally.timeByRoute.set(wire.op, (tally.timeByRoute.get(wire.op) ?? 0) + ms);
    for (const m of wire.mutations) {
      const kind = m.replace(/^(body|query|path)\.[^=]*=/, '$1.*=').replace(/ \d+ /, ' n ');
      tally.timeByMutation.set(kind, (tally.timeByMutation.get(kind) ?? 0) + ms);
    }
  }
}

function judge(status: number, body: string, wire: Wire): string | null {
  if (status >= 500) return `answered ${status}`;
  // A HEAD answer has no body to carry the error.
  if (status < 400 || wire.method === 'HEAD') return null;
  let code: unknown;
  try {
    code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return `answered ${status} without a JSON error body`;
  }
  if (typeof code !== 'string') return `answered ${status} without an error code`;
  const expected = (ERROR_STATUS as Record<string, number>)[code];
  if (expected !== status) return `answered ${status} with code ${code}, which the error table maps to ${expected}`;
  return null;
}

/** The request id a 5xx answer carries, to find what the server logged for it. */
export function requestIdOf(f: Finding): string | undefined {
  return f.requestId ?? /"requestId":"([^"]+)"/.exec(f.body)?.[1];
}

/** What a failure message shows: enough to replay one request by hand, and the seed to replay the run. */
export function describeFinding(f: Finding, seed: number): string {
  const w = f.wire;
  const payload =
    w.payload === undefined
      ? ''
      : typeof w.payload === 'string'
        ? `${JSON.stringify(w.payload.slice(0, 300))} (${w.payload.length} characters)`
        : `<${w.payload.length} bytes: ${JSON.stringify(w.payload.subarray(0, 200).toString('latin1'))}>`;
  return [
    `#${w.index} ${f.problem} (XZ_FUZZ_SEED=${seed}; route ${w.op}; as ${w.caller}; mutations: ${w.mutations.join(', ') || 'none'})`,
    `  ${w.method} ${w.url.slice(0, 300)}${w.url.length > 300 ? ` (${w.url.length} characters)` : ''}`,
    `  headers: ${JSON.stringify(w.headers).slice(0, 300)}`,
    payload && `  body: ${payload}`,
    `  answer: ${f.body.slice(0, 300)}`,
    f.log && `  logged: ${f.log.slice(0, 600)}`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function summary(label: string, tally: Tally, routes: number, ms: number): string {
  const statuses = [...tally.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  return (
    `fuzz ${label}: ${tally.sent} requests over ${tally.perRoute.size}/${routes} routes in ${(ms / 1000).toFixed(1)} s; ` +
    `by status: ${statuses}; routes with a 2xx: ${tally.reachedOk.size}; findings: ${tally.findings.length}`
  );
}

/** The costliest routes and mutations, when a run takes longer than it should. */
export function costliest(tally: Tally, top = 8): string {
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort(([, a], [, b]) => b - a)
      .slice(0, top)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join('; ');
  return `slowest routes: ${fmt(tally.timeByRoute)}\nslowest mutations: ${fmt(tally.timeByMutation)}`;
}
