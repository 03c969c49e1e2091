import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.js';

/**
 * The Content-Security-Policy of every answer, pages and JSON alike, as directives. The H5 and admin builds
 * run under it (the browser suites fail on any violation):
 * - scripts only from our own origin: no inline script (the H5 build's one inline script, Taro's rem sizing,
 *   is emitted as a file), no eval;
 * - styles from our origin and inline: antd (CSS-in-JS) and Taro's components write `<style>` elements and
 *   `style` attributes at run time, whose contents change with every theme token and component, so no fixed
 *   hash can cover them, and a nonce would have to be minted per response into a page that Nginx serves as a
 *   static file. Inline styles cannot run code; the script rules above are what stops injected script;
 * - images from our origin (and the photo bucket's public address when photos are served from there),
 *   `data:` (antd and swagger-ui icons) and `blob:` (a photo previewed before upload); requests to our
 *   origin, and to `blob:` (Taro's H5 upload reads the picked photo back from its blob URL);
 * - no plugins, no framing by other sites, forms post only to us.
 */
export function contentSecurityPolicy(config: Pick<AppConfig, 'photos'>): Record<string, string[]> {
  const photoOrigin = config.photos.s3?.publicUrl ? new URL(config.photos.s3.publicUrl).origin : null;
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(photoOrigin ? [photoOrigin] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-ancestors': ["'self'"],
    'form-action': ["'self'"],
  };
}

/** The policy as one header value, as helmet writes it: for a proxy that serves the builds itself (deploy/nginx). */
export function contentSecurityPolicyHeader(config: Pick<AppConfig, 'photos'>): string {
  return Object.entries(contentSecurityPolicy(config))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join(';');
}

/**
 * Security headers on every answer (helmet's defaults with our CSP), and CORS for the configured origins
 * only. HSTS is left to the TLS terminator (Nginx): this server speaks plain HTTP behind it, or on loopback
 * in embedded mode, where the header means nothing.
 */
export async function secureHeaders(app: FastifyInstance, config: AppConfig): Promise<void> {
  const { corsOrigins } = config.operations;
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    strictTransportSecurity: false,
    // Pages of an allowed origin show our photos with <img>: same-origin would block them.
    crossOriginResourcePolicy: { policy: corsOrigins.length > 0 ? 'cross-origin' : 'same-origin' },
  });
  if (corsOrigins.length === 0) return;
  const allowed = new Set(corsOrigins);
  await app.register(cors, {
    // Answering `false` leaves out every CORS header (a preflight from elsewhere is a plain 404).
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin.toLowerCase()) ? origin : false),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    // Bearer tokens, never cookies: nothing ambient to send along.
    credentials: false,
    maxAge: 600,
  });
}
