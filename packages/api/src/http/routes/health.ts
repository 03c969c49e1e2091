import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health } from '../schemas/me.js';

/** Liveness with a real database round trip, for load balancers and the start script. */
export function healthRoutes({ ping }: { ping: () => Promise<boolean> }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: { tags: ['ops'], summary: 'Process and database health', response: { 200: Health, 503: Health } },
      },
      async (request, reply) => {
        if (await ping()) return { ok: true, db: 'up' as const };
        request.log.error('health check: database unreachable');
        return reply.code(503).send({ ok: false, db: 'down' as const });
      },
    );
  };
}
