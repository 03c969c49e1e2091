import { Type, type Static, type TSchema } from 'typebox';
import { template, TRADE_TEMPLATES } from './templates.js';

/*
 * Every variable the platform reads, declared once: its type and limits, its default and what it means.
 * `loadConfig` reads and checks the environment through this schema, and the README's configuration
 * table is checked against it by a test (packages/api/test/config.test.ts).
 *
 * A variable has either a fixed `default`, or is optional with `unsetMeans`: what leaving it unset does
 * when that is computed from other variables or is "nothing" (the README's Default column shows it as is).
 * Besides TypeBox's own keywords, a variable may carry `errorMessage` (what a value failing its
 * `pattern` is told) and `stripTrailingSlashes` (URLs, so `https://x/` and `https://x` are one address).
 */

type VariableOptions = {
  readonly description: string;
  readonly default?: string;
  readonly unsetMeans?: string;
};

/** An http(s) address, kept without trailing slashes so paths can be appended to it. */
const httpUrl = (options: VariableOptions) =>
  Type.String({
    pattern: '^https?://[^\\s]+$',
    errorMessage: 'must be an http(s) URL',
    stripTrailingSlashes: true,
    ...options,
  });

const optionalText = (options: VariableOptions) => Type.Optional(Type.String(options));

export const SECRET_MIN_LENGTH = 32;

export const ConfigSchema = Type.Object({
  XZ_ENV: Type.Enum(['embedded', 'production'], {
    default: 'embedded',
    description:
      '`embedded` (SQLite, demo logins, serves the admin and H5 builds, auto-migrates and seeds) or `production`',
  }),
  XZ_HOST: Type.String({
    default: '127.0.0.1',
    description: 'Address the HTTP server listens on; use `0.0.0.0` behind a proxy or in a container',
  }),
  XZ_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'HTTP port' }),
  XZ_REQUEST_TIMEOUT_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 60,
    description:
      'A request (headers and body, photo uploads included) must arrive within this long; a slower or stalled one is answered 408 and its connection closed',
  }),
  XZ_DATA_DIR: Type.String({
    default: './data',
    description: 'Folder for the SQLite file and the generated secret key (embedded mode)',
  }),
  XZ_DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^(sqlite:.+|(mariadb|mysql)://.+)$',
      errorMessage: 'must start with "sqlite:", "mariadb://" or "mysql://"',
      unsetMeans: 'sqlite:<XZ_DATA_DIR>/xianzhi.sqlite',
      description: '`sqlite:<file>`, `sqlite::memory:`, `mariadb://user:pass@host:port/db` or `mysql://…`',
    }),
  ),
  XZ_DATABASE_REPLICAS: optionalText({
    unsetMeans: 'none: every read on `XZ_DATABASE_URL`',
    description:
      "Comma-separated read replicas of a MariaDB `XZ_DATABASE_URL` (`mariadb://user:pass@host:port[/db]`; user, password and database default to the primary's): the feed, search, listing details and recommendations read there, writes and a student's reads right after their own write go to the primary (see “Read replicas” under “Running in production”)",
  }),
  XZ_JWT_SECRET: Type.Optional(
    Type.String({
      minLength: SECRET_MIN_LENGTH,
      unsetMeans: 'generated into <XZ_DATA_DIR>/secret.key (embedded only)',
      description: `Signs access tokens and keys anonymous view counting; required in production, at least ${SECRET_MIN_LENGTH} characters`,
    }),
  ),
  XZ_DEFAULT_CAMPUS: Type.String({ default: 'demo', description: 'Campus id used when a request names none' }),
  XZ_LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
    description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
  }),
  XZ_PUBLIC_URL: Type.Optional(
    httpUrl({
      unsetMeans: 'http://<XZ_HOST>:<XZ_PORT> (127.0.0.1 for 0.0.0.0)',
      description: 'Address people use to reach the server; printed in the start banner',
    }),
  ),
  XZ_TRUST_PROXY: Type.String({
    pattern: '^[0-9A-Za-z.:/, ]+$',
    errorMessage: 'must be false, true or proxy addresses and CIDR ranges separated by commas (e.g. 127.0.0.1,::1)',
    default: 'false',
    description:
      'Whose `X-Forwarded-For` and `X-Forwarded-Proto` to believe: `false` (nobody), or the addresses and CIDR ranges of the proxies in front of the API, comma-separated (`127.0.0.1` for nginx on the same machine; `loopback` is 127.0.0.0/8 and ::1). A request from any other address keeps its own address, whatever it sends. `true` believes anyone: only when nothing but the proxy can reach the API',
  }),
  XZ_ADMIN_DIST: optionalText({
    unsetMeans: "the installation's packages/admin/dist",
    description: 'Admin web build served under `/admin/` in embedded mode',
  }),
  XZ_H5_DIST: optionalText({
    unsetMeans: "the installation's packages/miniprogram/dist-h5",
    description: 'H5 mini-program build served under `/h5/` in embedded mode',
  }),
  XZ_CAMPUSES: optionalText({
    unsetMeans: 'the demo campus with the demo login (embedded only)',
    description:
      "Campuses and their student-verification logins: inline JSON or a path to a JSON file listing `{ id, name, areas?, contact?, auth: { kind, … } }`, kind being `cas`, `form`, `demo` or `module`; `contact` (any of `qq`, `email`, `phone`, `hours`) is shown to students on the mini-program's about page (see “For universities” below)",
  }),
  XZ_EXPIRY_INTERVAL_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 24 * 60,
    default: 10,
    description:
      'How often the worker marks listings past their lifetime as expired and prunes old sessions (0 turns both off)',
  }),
  XZ_REDIS_URL: Type.Optional(
    Type.String({
      pattern: '^rediss?://[^\\s]+$',
      errorMessage: 'must start with "redis://" or "rediss://"',
      unsetMeans: 'none: in-process jobs (embedded only)',
      description:
        '`redis://[user:password@]host:port[/db]` (or `rediss://`): jobs go to BullMQ on this Redis and run in `./xz worker` processes; required in production',
    }),
  ),
  XZ_JOB_LOCK_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 30,
    description:
      'A worker renews the lock of each job it runs; when it dies (killed, frozen) another worker takes its jobs over after one to two times this long',
  }),
  XZ_QUEUE_PREFIX: Type.String({
    pattern: '^[A-Za-z0-9_.-]{1,40}$',
    errorMessage: 'may hold only letters, digits, "_", "." and "-" (at most 40)',
    default: 'xz',
    description: 'Prefix of every Redis key Xianzhi writes, so several deployments (or tests) can share one Redis',
  }),
  XZ_QQ_APP_ID: optionalText({
    unsetMeans: 'none: demo QQ login (embedded only)',
    description: 'QQ mini-program AppID for `qq.login` codes; required in production (with the secret)',
  }),
  XZ_QQ_APP_SECRET: optionalText({
    unsetMeans: 'none (embedded only)',
    description: 'QQ mini-program AppSecret; never logged, never sent to clients',
  }),
  XZ_QQ_API_BASE: httpUrl({
    default: 'https://api.q.qq.com',
    description: 'Base URL of the QQ open API (tests point it at a local fake)',
  }),
  XZ_QQ_TEMPLATE_COMMENT: template(
    'comment',
    'QQ subscription-message template id for 新留言 (a comment on your listing); keywords: listing title, who said what',
  ),
  XZ_QQ_TEMPLATE_REPLY: template(
    'reply',
    'Template id for 回复 (someone answered your comment); keywords: listing title, who said what',
  ),
  XZ_QQ_TEMPLATE_PRICE_DROP: template(
    'price_drop',
    'Template id for 降价 (a favorited listing got cheaper); keywords: listing title, old → new price',
  ),
  XZ_QQ_TEMPLATE_WANTED_MATCH: template(
    'wanted_match',
    'Template id for 求购匹配 (a new listing fits your wanted post); keywords: listing title, price and the wanted post',
  ),
  XZ_QQ_TEMPLATE_EXPIRING: template(
    'expiring',
    'Template id for 即将到期 (your listing ends within a day); keywords: listing title, when',
  ),
  XZ_QQ_TEMPLATE_REMOVED: template(
    'removed',
    'Template id for 下架通知 (an admin removed your listing); keywords: listing title, the reason',
  ),
  ...TRADE_TEMPLATES,
  XZ_OFFER_TTL_HOURS: Type.Integer({
    minimum: 1,
    maximum: 24 * 30,
    default: 48,
    description: 'How long an offer (出价), or the seller’s counter, waits for an answer before it expires',
  }),
  XZ_QQ_TEMPLATE_SAVED_SEARCH: template(
    'saved_search',
    'Template id for 订阅提醒 (a new listing matches a saved search); keywords: listing title, price and the saved search',
  ),
  XZ_SAVED_SEARCH_DAILY_ALERTS: Type.Integer({
    minimum: 0,
    maximum: 1000,
    default: 10,
    description:
      'Saved-search alerts (inbox, and QQ under consent) one student gets a day (China time) from all their saved searches together; 0 turns them off',
  }),
  XZ_NOTIFY_SEND_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 256,
    default: 16,
    description: 'QQ subscription messages each worker process sends at once',
  }),
  XZ_NOTIFY_LEASE_SECONDS: Type.Integer({
    minimum: 1,
    maximum: 3600,
    default: 60,
    description:
      'A worker holds the QQ messages it is sending this long, renewed before a wave of sends once half of it is gone; when it dies, messages it had not started go to another worker within about 1.5 times this long and those in flight become dead letters. At least twice a send’s timeout (8 s), so a slow but live send is not declared lost',
  }),
  XZ_ACCESS_TOKEN_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 24 * 60,
    default: 30,
    description: 'Lifetime of a student access token; clients renew it with their refresh token',
  }),
  XZ_REFRESH_TOKEN_DAYS: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'Lifetime of a refresh token; each use replaces it with a new one',
  }),
  XZ_PHOTOS_DIR: optionalText({
    unsetMeans: '<XZ_DATA_DIR>/photos',
    description:
      'Folder where uploaded photos (their WebP variants, without metadata) are stored and served from under `/media/`',
  }),
  XZ_S3_BUCKET: optionalText({
    unsetMeans: 'none: photos on local disk',
    description:
      'Keep photos in this S3-compatible bucket (Tencent COS, MinIO, AWS S3) instead of `XZ_PHOTOS_DIR`; needs the region and key pair below',
  }),
  XZ_S3_ENDPOINT: Type.Optional(
    httpUrl({
      unsetMeans: 'none: AWS S3',
      description: 'Object storage endpoint, e.g. `https://cos.ap-guangzhou.myqcloud.com` or `http://minio:9000`',
    }),
  ),
  XZ_S3_REGION: optionalText({
    unsetMeans: 'not set',
    description: 'Bucket region, e.g. `ap-guangzhou`; required with `XZ_S3_BUCKET`',
  }),
  XZ_S3_ACCESS_KEY_ID: optionalText({
    unsetMeans: 'not set',
    description: 'Access key id for the bucket; required with `XZ_S3_BUCKET`',
  }),
  XZ_S3_SECRET_ACCESS_KEY: optionalText({
    unsetMeans: 'not set',
    description: 'Secret key for the bucket; never logged',
  }),
  XZ_S3_FORCE_PATH_STYLE: Type.Boolean({
    default: false,
    description: 'Address objects as `endpoint/bucket/key` (MinIO needs `true`; COS and AWS take either)',
  }),
  XZ_S3_PUBLIC_URL: Type.Optional(
    httpUrl({
      unsetMeans: 'none: served through the API',
      description:
        'Public address of the bucket (its domain or a CDN); set, `/media/…` redirects there instead of streaming photos through the API',
    }),
  ),
  XZ_PHOTO_MAX_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 100 * 1024 * 1024,
    default: 10 * 1024 * 1024,
    description:
      'Largest photo upload accepted, in bytes (10 MB); a larger one is refused with the limit in the message',
  }),
  XZ_CONTENT_SAFETY: Type.Optional(
    Type.Enum(['qq', 'words'], {
      unsetMeans: '`qq` with a QQ app, else `words`',
      description:
        'Who screens titles, descriptions, comments, nicknames and photos: `qq` (QQ MsgSecCheck/ImgSecCheck) or `words` (a small built-in word list, text only)',
    }),
  ),
  XZ_SAFETY_WHEN_UNAVAILABLE: Type.Enum(['accept', 'refuse'], {
    default: 'accept',
    description:
      'While the checker cannot answer: `accept` publishes and queues the content for admin review, `refuse` asks the student to retry later (503)',
  }),
  XZ_REPORT_HIDE_THRESHOLD: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 3,
    description:
      'Reports from different verified students that hide a listing or comment (and flag a user) until an admin decides',
  }),
  XZ_RATE_LIMITS: optionalText({
    unsetMeans: 'the defaults under “Rate limits” below',
    description:
      'Overrides of the request limits, as a JSON object of route families (`publish`, `edit`, `comment`, `report`, `upload`, `favorite`, `feedback`, `trade`, `saved_search`, `search`, `suggest`, `default`), each with any of `perUser`, `perAddress` and `windowSeconds`, e.g. `{"comment":{"perUser":60}}`; counted in Redis when `XZ_REDIS_URL` is set (shared by every API process), otherwise in the process',
  }),
  XZ_DEMO_ADMIN_PASSWORD: Type.String({
    minLength: 10,
    default: 'xianzhi-admin-demo',
    description:
      'Password of the admin account `admin` seeded in embedded mode (ignored in production; create admins there with `cli create-admin`)',
  }),
  XZ_CORS_ORIGINS: optionalText({
    unsetMeans: "none: no cross-origin access (the builds are served from the API's own origin)",
    description:
      'Comma-separated origins (`https://admin.example.edu.cn,https://m.example.edu.cn`: scheme, host and port, no path) whose pages may call the API from the browser; any other origin gets no CORS headers',
  }),
  XZ_DOCS: Type.Optional(
    Type.Enum(['on', 'off'], {
      unsetMeans: '`on` in embedded mode, `off` in production',
      description: 'Serve the OpenAPI documentation at `/docs` (and its JSON at `/docs/json`)',
    }),
  ),
  XZ_METRICS_PORT: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      unsetMeans: 'none: no metrics',
      description:
        "Port of the API process's Prometheus endpoint (`/metrics`), apart from the HTTP port and not to be exposed through Nginx; with several API processes on one host give each its own",
    }),
  ),
  XZ_WORKER_METRICS_PORT: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      unsetMeans: 'none: no metrics or health endpoints for the worker',
      description:
        "Port of the worker process's `/metrics`, `/healthz` (liveness) and `/readyz` (database and Redis answer)",
    }),
  ),
  XZ_METRICS_HOST: Type.String({
    default: '127.0.0.1',
    description:
      'Address the metrics ports listen on; keep it on loopback or a private interface that only Prometheus reaches',
  }),
});

/** The variables once read: those with a default always hold a value, the others only when set. */
export type ConfigValues = Static<typeof ConfigSchema>;
export type ConfigVariable = Extract<keyof ConfigValues, string>;

/** One variable's schema, with the options this file adds to TypeBox's (see the top of the file). */
export type VariableSchema = TSchema & {
  readonly default?: unknown;
  readonly description: string;
  readonly unsetMeans?: string;
  readonly errorMessage?: string;
  readonly stripTrailingSlashes?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
};

export const CONFIG_VARIABLE_NAMES = Object.keys(ConfigSchema.properties) as ConfigVariable[];

export function variableSchema(name: ConfigVariable): VariableSchema {
  return ConfigSchema.properties[name] as unknown as VariableSchema;
}
