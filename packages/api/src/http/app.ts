import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Actor, Clock } from '@xianzhi/core';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import type { Authenticator } from './auth.js';
import { identifyCallers, rememberWrites } from './caller.js';
import { createErrorHandler, frameworkErrorHandler, notFoundHandler } from './errors.js';
import { limitRequests, type RequestLimits } from './rate-limit.js';
import { secureHeaders } from './security.js';
import { serveFrontEnd } from './static.js';
import { validatorCompiler } from './validation.js';

/** Everything the HTTP layer needs, already built: routes hold their use cases from here on. */
export interface AppParts {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly authenticator: Authenticator;
  readonly clock: Clock;
  /** Per-family request limits on the /v1 routes (./rate-limit.ts). */
  readonly requestLimits: RequestLimits;
  /** Mounted under /v1, behind authentication. */
  readonly api: readonly FastifyPluginAsyncTypebox[];
  /** Mounted at the root, no authentication (health checks). */
  readonly operations: readonly FastifyPluginAsyncTypebox[];
  /** Records a signed-in caller's successful change, so their next reads show it (read replicas; ../cache/consistent-reads.ts). */
  readonly reads: { remember(actor: Actor): Promise<void> };
  /** Counts and times every request when metrics are on (`XZ_METRICS_PORT`). */
  readonly metrics?: { instrument(app: FastifyInstance): void } | null;
}

export interface RouteInfo {
  readonly method: string;
  readonly url: string;
  readonly hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, as declared; lets tests hold the OpenAPI document to account. */
    readonly routeTable: RouteInfo[];
  }
}

/** What an X-Request-Id may hold to be used as ours (nginx's $request_id is 32 hex digits; the nginx config in deploy/ checks the same). */
const REQUEST_ID = /^[A-Za-z0-9._:@=+/-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

export async function buildApp(parts: AppParts): Promise<FastifyInstance> {
  const { config } = parts;
  // Typed as Fastify's own logger so the instance is FastifyInstance's default, not one generic over pino's Logger.
  const loggerInstance: FastifyBaseLogger = parts.logger;
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const app = Fastify({
    loggerInstance,
    // The id nginx (or any caller) sent in X-Request-Id, so one id follows a request through both logs; a new one
    // when none came or it does not look like an id. Every log line of the request carries it as `reqId`.
    requestIdHeader: false,
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
    trustProxy: typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy],
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
    // Fastify turns Node's request timeout off: a body shorter than its Content-Length then held its
    // connection forever. Node answers 408 and closes once headers and body take longer than this; it only
    // looks every `connectionsCheckingInterval` (30 s by default), so a short timeout is looked at sooner.
    requestTimeout,
    http: {
      requestTimeout,
      headersTimeout: requestTimeout,
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, requestTimeout / 4)),
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, hidden: route.schema?.hide === true });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.addHook('onClose', () => parts.requestLimits.limiter.close());
  await secureHeaders(app, config);
  parts.metrics?.instrument(app);

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(createErrorHandler(parts.clock));
  app.setNotFoundHandler(notFoundHandler);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Xianzhi (闲置) API',
        version: '1',
        description:
          'Campus second-hand marketplace. Money is integer fen; times are ISO 8601. ' +
          'Errors are `{ "error": { "code", "message", "details" } }` with a stable `code`.',
      },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  // The document is always built (tests hold it to account); its pages are served when configured (embedded: on).
  if (config.operations.docs) await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });

  await app.register(
    async (v1) => {
      identifyCallers(v1, parts.authenticator);
      rememberWrites(v1, parts.reads);
      limitRequests(v1, parts.requestLimits);
      for (const routes of parts.api) await v1.register(routes);
    },
    { prefix: '/v1' },
  );
  for (const routes of parts.operations) await app.register(routes);

  if (config.env === 'embedded') {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/h5/'));
    await serveFrontEnd(app, {
      mount: 'h5',
      root: config.h5Dist,
      title: 'H5 小程序',
      buildCommand: './xz pnpm --filter @xianzhi/miniprogram build:h5',
    });
    await serveFrontEnd(app, {
      mount: 'admin',
      root: config.adminDist,
      title: '管理后台',
      buildCommand: './xz pnpm --filter @xianzhi/admin build',
    });
  }
  return app;
}
