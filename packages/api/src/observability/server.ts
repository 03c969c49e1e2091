import Fastify, { type FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';
import { checkReadiness, type ReadinessCheck } from './readiness.js';

export interface OperationsServerOptions {
  readonly host: string;
  /** 0 takes a free port (tests). */
  readonly port: number;
  readonly metrics: Metrics;
  /** Also answer /healthz and /readyz here (the worker, which has no other HTTP port). */
  readonly health?: { readonly live: () => boolean; readonly checks: readonly ReadinessCheck[] };
}

export interface OperationsServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The Prometheus endpoint, on its own port: not part of the public app, so Nginx never exposes it and its
 * requests are not counted among the app's. Bound to loopback unless XZ_METRICS_HOST says otherwise.
 */
export async function startOperationsServer(options: OperationsServerOptions): Promise<OperationsServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  const { registry } = options.metrics;
  app.get('/metrics', async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).send(text);
  });
  const health = options.health;
  if (health) {
    app.get('/healthz', async (_request, reply) =>
      health.live() ? { ok: true } : reply.code(503).send({ ok: false }),
    );
    app.get('/readyz', async (_request, reply) => {
      const { ready, checks } = await checkReadiness(health.checks);
      return reply.code(ready ? 200 : 503).send({ ok: ready, checks });
    });
  }
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, close: () => app.close() };
}
