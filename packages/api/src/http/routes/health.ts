import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkReadiness, type ReadinessChecks } from '../../observability/readiness.js';
import { Health, Readiness } from '../schemas/me.js';

/**
 * Liveness and readiness, for load balancers, orchestrators and the start script. `/healthz` says the process
 * is up and answering, nothing more: restarting it would not bring a database back. `/readyz` says whether it
 * can do its work: the database answers, and Redis when one is configured, each within a short timeout.
 * Read replicas are reported (`replicas: up|down`) without failing it: their reads go to the primary.
 */
export function healthRoutes(readiness: ReadinessChecks): FastifyPluginAsyncTypebox {
  const { checks } = readiness;
  return async (app) => {
    app.addHook('onClose', async () => readiness.close());
    app.get(
      '/healthz',
      { schema: { tags: ['ops'], summary: 'Liveness: the process is up', response: { 200: Health } } },
      async () => ({ ok: true }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['ops'],
          summary:
            'Readiness: the database (and Redis, when configured) answer; read replicas are reported, never required',
          response: { 200: Readiness, 503: Readiness },
        },
      },
      async (request, reply) => {
        const { ready, checks: result } = await checkReadiness(checks);
        if (ready) return { ok: true, checks: result };
        request.log.warn({ checks: result }, 'not ready: a dependency does not answer');
        return reply.code(503).send({ ok: false, checks: result });
      },
    );
  };
}
