import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCampusSettings, type CampusSettings } from '@xianzhi/adapters';
import { QQ_NOTIFICATION_KINDS, type NotificationKind, type QqNotificationKind } from '@xianzhi/core';

export type Environment = 'embedded' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  readonly env: Environment;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string;
  readonly jwtSecret: string;
  readonly defaultCampusId: string;
  readonly logLevel: LogLevel;
  readonly publicUrl: string;
  readonly trustProxy: boolean;
  readonly adminDist: string;
  readonly h5Dist: string;
  readonly expiryIntervalMinutes: number;
  /** Redis for the job queue (BullMQ) and shared caches; null in embedded mode runs jobs in the server process. */
  readonly redis: { readonly url: string; readonly prefix: string } | null;
  /** BullMQ: how long a job stays locked to a worker that stopped renewing it (killed) before another takes it. */
  readonly jobLockSeconds: number;
  /** The QQ mini-program app; null in embedded mode without one (demo codes are accepted then). */
  readonly qq: { readonly appId: string; readonly appSecret: string; readonly apiBase: string } | null;
  readonly accessTokenMinutes: number;
  readonly refreshTokenDays: number;
  /** Embedded mode seeds an admin account `admin` with this password; null in production. */
  readonly demoAdminPassword: string | null;
  /** Each campus's login (and, when named, its catalog entry); the embedded default is the demo campus with the demo login. */
  readonly campuses: readonly CampusSettings[];
  /** Where relative plugin paths in XZ_CAMPUSES are resolved from. */
  readonly campusesBaseDir: string;
  /** Uploaded photos: where the local-disk storage keeps them, and the largest upload accepted. */
  readonly photos: { readonly dir: string; readonly maxBytes: number; readonly s3: S3Settings | null };
  /** Content safety (which checker, what to do while it is down) and how many reports hide a target. */
  readonly moderation: {
    readonly safety: 'qq' | 'words';
    readonly whenUnavailable: 'accept' | 'refuse';
    readonly reportHideThreshold: number;
  };
  /** QQ subscription-message template id per notification kind (a kind without one: inbox only), and how many sends run at once per worker. */
  readonly notifications: {
    readonly templates: Partial<Record<NotificationKind, string>>;
    readonly sendConcurrency: number;
  };
}

/** S3-compatible object storage for photos (Tencent COS, MinIO, AWS); null keeps them on local disk. */
export interface S3Settings {
  readonly endpoint: string | null;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly forcePathStyle: boolean;
  readonly publicUrl: string | null;
}

/**
 * Every variable the platform reads, with its default as the README states it. The README's
 * configuration table is checked against this list by a test, so the two cannot drift apart.
 */
export const CONFIG_VARIABLES = [
  {
    name: 'XZ_ENV',
    default: 'embedded',
    meaning:
      '`embedded` (SQLite, demo logins, serves the admin and H5 builds, auto-migrates and seeds) or `production`',
  },
  {
    name: 'XZ_HOST',
    default: '127.0.0.1',
    meaning: 'Address the HTTP server listens on; use `0.0.0.0` behind a proxy or in a container',
  },
  { name: 'XZ_PORT', default: '8080', meaning: 'HTTP port' },
  {
    name: 'XZ_DATA_DIR',
    default: './data',
    meaning: 'Folder for the SQLite file and the generated secret key (embedded mode)',
  },
  {
    name: 'XZ_DATABASE_URL',
    default: 'sqlite:<XZ_DATA_DIR>/xianzhi.sqlite',
    meaning: '`sqlite:<file>`, `sqlite::memory:`, `mariadb://user:pass@host:port/db` or `mysql://…`',
  },
  {
    name: 'XZ_JWT_SECRET',
    default: 'generated into <XZ_DATA_DIR>/secret.key (embedded only)',
    meaning: 'Signs access tokens and keys anonymous view counting; required in production, at least 32 characters',
  },
  { name: 'XZ_DEFAULT_CAMPUS', default: 'demo', meaning: 'Campus id used when a request names none' },
  { name: 'XZ_LOG_LEVEL', default: 'info', meaning: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`' },
  {
    name: 'XZ_PUBLIC_URL',
    default: 'http://<XZ_HOST>:<XZ_PORT>',
    meaning: 'Address people use to reach the server; printed in the start banner',
  },
  {
    name: 'XZ_TRUST_PROXY',
    default: 'false',
    meaning: 'Trust `X-Forwarded-*` headers (set `true` behind Nginx so client addresses are right)',
  },
  {
    name: 'XZ_ADMIN_DIST',
    default: 'packages/admin/dist',
    meaning: 'Admin web build served under `/admin/` in embedded mode',
  },
  {
    name: 'XZ_H5_DIST',
    default: 'packages/miniprogram/dist-h5',
    meaning: 'H5 mini-program build served under `/h5/` in embedded mode',
  },
  {
    name: 'XZ_CAMPUSES',
    default: 'the demo campus with the demo login (embedded only)',
    meaning:
      'Campuses and their student-verification logins: inline JSON or a path to a JSON file listing `{ id, name, areas?, auth: { kind, … } }`, kind being `cas`, `form`, `demo` or `module` (see “For universities” below)',
  },
  {
    name: 'XZ_EXPIRY_INTERVAL_MINUTES',
    default: '10',
    meaning:
      'How often the worker marks listings past their lifetime as expired and prunes old sessions (0 turns both off)',
  },
  {
    name: 'XZ_REDIS_URL',
    default: 'none: in-process jobs (embedded only)',
    meaning:
      '`redis://[user:password@]host:port[/db]` (or `rediss://`): jobs go to BullMQ on this Redis and run in `./xz worker` processes; required in production',
  },
  {
    name: 'XZ_JOB_LOCK_SECONDS',
    default: '30',
    meaning:
      'A worker renews the lock of each job it runs; when it dies (killed, frozen) another worker takes its jobs over after one to two times this long',
  },
  {
    name: 'XZ_QUEUE_PREFIX',
    default: 'xz',
    meaning: 'Prefix of every Redis key Xianzhi writes, so several deployments (or tests) can share one Redis',
  },
  {
    name: 'XZ_QQ_APP_ID',
    default: 'none: demo QQ login (embedded only)',
    meaning: 'QQ mini-program AppID for `qq.login` codes; required in production (with the secret)',
  },
  {
    name: 'XZ_QQ_APP_SECRET',
    default: 'none (embedded only)',
    meaning: 'QQ mini-program AppSecret; never logged, never sent to clients',
  },
  {
    name: 'XZ_QQ_API_BASE',
    default: 'https://api.q.qq.com',
    meaning: 'Base URL of the QQ open API (tests point it at a local fake)',
  },
  {
    name: 'XZ_QQ_TEMPLATE_COMMENT',
    default: 'none: inbox only (`demo-comment` in embedded mode)',
    meaning:
      'QQ subscription-message template id for 新留言 (a comment on your listing); keywords: listing title, who said what',
  },
  {
    name: 'XZ_QQ_TEMPLATE_REPLY',
    default: 'none: inbox only (`demo-reply` in embedded mode)',
    meaning: 'Template id for 回复 (someone answered your comment); keywords: listing title, who said what',
  },
  {
    name: 'XZ_QQ_TEMPLATE_PRICE_DROP',
    default: 'none: inbox only (`demo-price_drop` in embedded mode)',
    meaning: 'Template id for 降价 (a favorited listing got cheaper); keywords: listing title, old → new price',
  },
  {
    name: 'XZ_QQ_TEMPLATE_WANTED_MATCH',
    default: 'none: inbox only (`demo-wanted_match` in embedded mode)',
    meaning:
      'Template id for 求购匹配 (a new listing fits your wanted post); keywords: listing title, price and the wanted post',
  },
  {
    name: 'XZ_QQ_TEMPLATE_EXPIRING',
    default: 'none: inbox only (`demo-expiring` in embedded mode)',
    meaning: 'Template id for 即将到期 (your listing ends within a day); keywords: listing title, when',
  },
  {
    name: 'XZ_QQ_TEMPLATE_REMOVED',
    default: 'none: inbox only (`demo-removed` in embedded mode)',
    meaning: 'Template id for 下架通知 (an admin removed your listing); keywords: listing title, the reason',
  },
  {
    name: 'XZ_NOTIFY_SEND_CONCURRENCY',
    default: '16',
    meaning: 'QQ subscription messages each worker process sends at once',
  },
  {
    name: 'XZ_ACCESS_TOKEN_MINUTES',
    default: '30',
    meaning: 'Lifetime of a student access token; clients renew it with their refresh token',
  },
  {
    name: 'XZ_REFRESH_TOKEN_DAYS',
    default: '30',
    meaning: 'Lifetime of a refresh token; each use replaces it with a new one',
  },
  {
    name: 'XZ_PHOTOS_DIR',
    default: '<XZ_DATA_DIR>/photos',
    meaning:
      'Folder where uploaded photos (their WebP variants, without metadata) are stored and served from under `/media/`',
  },
  {
    name: 'XZ_S3_BUCKET',
    default: 'none: photos on local disk',
    meaning:
      'Keep photos in this S3-compatible bucket (Tencent COS, MinIO, AWS S3) instead of `XZ_PHOTOS_DIR`; needs the region and key pair below',
  },
  {
    name: 'XZ_S3_ENDPOINT',
    default: 'none: AWS S3',
    meaning: 'Object storage endpoint, e.g. `https://cos.ap-guangzhou.myqcloud.com` or `http://minio:9000`',
  },
  {
    name: 'XZ_S3_REGION',
    default: 'not set',
    meaning: 'Bucket region, e.g. `ap-guangzhou`; required with `XZ_S3_BUCKET`',
  },
  {
    name: 'XZ_S3_ACCESS_KEY_ID',
    default: 'not set',
    meaning: 'Access key id for the bucket; required with `XZ_S3_BUCKET`',
  },
  { name: 'XZ_S3_SECRET_ACCESS_KEY', default: 'not set', meaning: 'Secret key for the bucket; never logged' },
  {
    name: 'XZ_S3_FORCE_PATH_STYLE',
    default: 'false',
    meaning: 'Address objects as `endpoint/bucket/key` (MinIO needs `true`; COS and AWS take either)',
  },
  {
    name: 'XZ_S3_PUBLIC_URL',
    default: 'none: served through the API',
    meaning:
      'Public address of the bucket (its domain or a CDN); set, `/media/…` redirects there instead of streaming photos through the API',
  },
  {
    name: 'XZ_PHOTO_MAX_BYTES',
    default: '10485760',
    meaning: 'Largest photo upload accepted, in bytes (10 MB); a larger one is refused with the limit in the message',
  },
  {
    name: 'XZ_CONTENT_SAFETY',
    default: '`qq` with a QQ app, else `words`',
    meaning:
      'Who screens titles, descriptions, comments, nicknames and photos: `qq` (QQ MsgSecCheck/ImgSecCheck) or `words` (a small built-in word list, text only)',
  },
  {
    name: 'XZ_SAFETY_WHEN_UNAVAILABLE',
    default: 'accept',
    meaning:
      'While the checker cannot answer: `accept` publishes and queues the content for admin review, `refuse` asks the student to retry later (503)',
  },
  {
    name: 'XZ_REPORT_HIDE_THRESHOLD',
    default: '3',
    meaning:
      'Reports from different verified students that hide a listing or comment (and flag a user) until an admin decides',
  },
  {
    name: 'XZ_DEMO_ADMIN_PASSWORD',
    default: 'xianzhi-admin-demo',
    meaning:
      'Password of the admin account `admin` seeded in embedded mode (ignored in production; create admins there with `cli create-admin`)',
  },
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number]['name'];

const TEMPLATE_VARIABLES = {
  comment: 'XZ_QQ_TEMPLATE_COMMENT',
  reply: 'XZ_QQ_TEMPLATE_REPLY',
  price_drop: 'XZ_QQ_TEMPLATE_PRICE_DROP',
  wanted_match: 'XZ_QQ_TEMPLATE_WANTED_MATCH',
  expiring: 'XZ_QQ_TEMPLATE_EXPIRING',
  removed: 'XZ_QQ_TEMPLATE_REMOVED',
} as const satisfies Record<QqNotificationKind, ConfigVariable>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const SECRET_MIN_LENGTH = 32;
export const SECRET_FILE = 'secret.key';

/** packages/ relative to this file; the same depth from src/ and from dist/. */
const PACKAGES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface LoadConfigOptions {
  readonly cwd?: string;
}

/**
 * Reads `XZ_*` variables, fills embedded defaults and reports every problem at once. In embedded
 * mode without XZ_JWT_SECRET it creates (once) a random secret in the data folder, so tokens stay
 * valid across restarts without anyone having to choose one.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const read = (name: ConfigVariable): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const problems: string[] = [];

  const envName = read('XZ_ENV') ?? 'embedded';
  if (envName !== 'embedded' && envName !== 'production')
    problems.push(`XZ_ENV must be "embedded" or "production", got "${envName}"`);
  const mode: Environment = envName === 'production' ? 'production' : 'embedded';

  const host = read('XZ_HOST') ?? '127.0.0.1';
  const port = integer(read('XZ_PORT') ?? '8080', 'XZ_PORT', 0, 65535, problems);
  const dataDir = absolute(read('XZ_DATA_DIR') ?? './data', cwd);

  const databaseUrl = read('XZ_DATABASE_URL') ?? `sqlite:${join(dataDir, 'xianzhi.sqlite')}`;
  if (!/^(sqlite:.+|(mariadb|mysql):\/\/.+)$/.test(databaseUrl)) {
    problems.push('XZ_DATABASE_URL must start with "sqlite:", "mariadb://" or "mysql://"');
  }

  const logLevel = (read('XZ_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`XZ_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const defaultCampusId = read('XZ_DEFAULT_CAMPUS') ?? 'demo';
  const trustProxy = boolean(read('XZ_TRUST_PROXY') ?? 'false', 'XZ_TRUST_PROXY', problems);
  const expiryIntervalMinutes = integer(
    read('XZ_EXPIRY_INTERVAL_MINUTES') ?? '10',
    'XZ_EXPIRY_INTERVAL_MINUTES',
    0,
    24 * 60,
    problems,
  );

  const redisUrl = read('XZ_REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl))
    problems.push('XZ_REDIS_URL must start with "redis://" or "rediss://"');
  if (redisUrl === undefined && mode === 'production') {
    problems.push(
      'XZ_REDIS_URL is required when XZ_ENV=production (jobs run in worker processes through Redis; in-process jobs are embedded-only)',
    );
  }
  const queuePrefix = read('XZ_QUEUE_PREFIX') ?? 'xz';
  const jobLockSeconds = integer(read('XZ_JOB_LOCK_SECONDS') ?? '30', 'XZ_JOB_LOCK_SECONDS', 1, 3600, problems);
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(queuePrefix))
    problems.push('XZ_QUEUE_PREFIX may hold only letters, digits, "_", "." and "-" (at most 40)');

  const publicUrl = (read('XZ_PUBLIC_URL') ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^\s]+$/.test(publicUrl)) problems.push('XZ_PUBLIC_URL must be an http(s) URL');

  let jwtSecret = read('XZ_JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < SECRET_MIN_LENGTH) {
    problems.push(`XZ_JWT_SECRET must be at least ${SECRET_MIN_LENGTH} characters`);
  }
  if (jwtSecret === undefined && mode === 'production') {
    problems.push(`XZ_JWT_SECRET is required when XZ_ENV=production (at least ${SECRET_MIN_LENGTH} characters)`);
  }
  const { campuses, campusesBaseDir } = readCampuses(read('XZ_CAMPUSES'), mode, defaultCampusId, cwd, problems);
  const qqAppId = read('XZ_QQ_APP_ID');
  const qqAppSecret = read('XZ_QQ_APP_SECRET');
  const qqApiBase = (read('XZ_QQ_API_BASE') ?? 'https://api.q.qq.com').replace(/\/+$/, '');
  if ((qqAppId === undefined) !== (qqAppSecret === undefined))
    problems.push('XZ_QQ_APP_ID and XZ_QQ_APP_SECRET go together: set both or neither');
  else if (qqAppId === undefined && mode === 'production')
    problems.push(
      'XZ_QQ_APP_ID and XZ_QQ_APP_SECRET are required when XZ_ENV=production (the demo QQ login is embedded-only)',
    );
  if (!/^https?:\/\/[^\s]+$/.test(qqApiBase)) problems.push('XZ_QQ_API_BASE must be an http(s) URL');
  const accessTokenMinutes = integer(
    read('XZ_ACCESS_TOKEN_MINUTES') ?? '30',
    'XZ_ACCESS_TOKEN_MINUTES',
    1,
    24 * 60,
    problems,
  );
  const refreshTokenDays = integer(read('XZ_REFRESH_TOKEN_DAYS') ?? '30', 'XZ_REFRESH_TOKEN_DAYS', 1, 365, problems);
  const demoAdminPassword = read('XZ_DEMO_ADMIN_PASSWORD') ?? 'xianzhi-admin-demo';
  if (demoAdminPassword.length < 10) problems.push('XZ_DEMO_ADMIN_PASSWORD must be at least 10 characters');
  const photoMaxBytes = integer(
    read('XZ_PHOTO_MAX_BYTES') ?? '10485760',
    'XZ_PHOTO_MAX_BYTES',
    1024,
    100 * 1024 * 1024,
    problems,
  );
  const photosDir = absolute(read('XZ_PHOTOS_DIR') ?? join(dataDir, 'photos'), cwd);
  const s3 = readS3(read, problems);
  const safety = read('XZ_CONTENT_SAFETY') ?? (qqAppId !== undefined ? 'qq' : 'words');
  if (safety !== 'qq' && safety !== 'words')
    problems.push(`XZ_CONTENT_SAFETY must be "qq" or "words", got "${safety}"`);
  else if (safety === 'qq' && qqAppId === undefined)
    problems.push('XZ_CONTENT_SAFETY=qq needs XZ_QQ_APP_ID and XZ_QQ_APP_SECRET');
  const whenUnavailable = read('XZ_SAFETY_WHEN_UNAVAILABLE') ?? 'accept';
  if (whenUnavailable !== 'accept' && whenUnavailable !== 'refuse')
    problems.push(`XZ_SAFETY_WHEN_UNAVAILABLE must be "accept" or "refuse", got "${whenUnavailable}"`);
  const reportHideThreshold = integer(
    read('XZ_REPORT_HIDE_THRESHOLD') ?? '3',
    'XZ_REPORT_HIDE_THRESHOLD',
    1,
    100,
    problems,
  );
  const templates: Partial<Record<NotificationKind, string>> = {};
  // Inbox-only kinds (hidden, restored) have no template: never sent to QQ.
  for (const kind of QQ_NOTIFICATION_KINDS) {
    const variable = TEMPLATE_VARIABLES[kind];
    const id = read(variable);
    if (id !== undefined && !/^[\w-]{1,128}$/.test(id))
      problems.push(`${variable} must be a template id (letters, digits, - and _)`);
    // Embedded mode without a QQ app sends through the demo sender, which only logs: give every kind a demo template.
    const value = id ?? (mode === 'embedded' && qqAppId === undefined ? `demo-${kind}` : undefined);
    if (value !== undefined) templates[kind] = value;
  }
  const sendConcurrency = integer(
    read('XZ_NOTIFY_SEND_CONCURRENCY') ?? '16',
    'XZ_NOTIFY_SEND_CONCURRENCY',
    1,
    256,
    problems,
  );

  if (problems.length > 0) throw new ConfigError(problems);
  jwtSecret ??= embeddedSecret(dataDir);

  return {
    env: mode,
    host,
    port,
    dataDir,
    databaseUrl,
    jwtSecret,
    defaultCampusId,
    logLevel,
    publicUrl,
    trustProxy,
    adminDist: absolute(read('XZ_ADMIN_DIST') ?? join(PACKAGES_DIR, 'admin/dist'), cwd),
    h5Dist: absolute(read('XZ_H5_DIST') ?? join(PACKAGES_DIR, 'miniprogram/dist-h5'), cwd),
    expiryIntervalMinutes,
    redis: redisUrl !== undefined ? { url: redisUrl, prefix: queuePrefix } : null,
    jobLockSeconds,
    qq:
      qqAppId !== undefined && qqAppSecret !== undefined
        ? { appId: qqAppId, appSecret: qqAppSecret, apiBase: qqApiBase }
        : null,
    accessTokenMinutes,
    refreshTokenDays,
    demoAdminPassword: mode === 'embedded' ? demoAdminPassword : null,
    campuses,
    campusesBaseDir,
    photos: { dir: photosDir, maxBytes: photoMaxBytes, s3 },
    moderation: {
      safety: safety as 'qq' | 'words',
      whenUnavailable: whenUnavailable as 'accept' | 'refuse',
      reportHideThreshold,
    },
    notifications: { templates, sendConcurrency },
  };
}

/**
 * XZ_CAMPUSES: inline JSON (starts with `[` or `{`) or a JSON file. Unset, embedded mode verifies the
 * default campus with the demo login; production verifies nobody until campuses are configured, and
 * never accepts the demo login.
 */
function readCampuses(
  value: string | undefined,
  mode: Environment,
  defaultCampusId: string,
  cwd: string,
  problems: string[],
) {
  if (value === undefined) {
    const campuses: CampusSettings[] = mode === 'embedded' ? [{ id: defaultCampusId, auth: { kind: 'demo' } }] : [];
    return { campuses, campusesBaseDir: cwd };
  }
  const inline = value.startsWith('[') || value.startsWith('{');
  const file = inline ? null : absolute(value, cwd);
  let parsed: unknown;
  try {
    parsed = JSON.parse(inline ? value : readFileSync(file!, 'utf8'));
  } catch (error) {
    problems.push(
      inline
        ? `XZ_CAMPUSES is not valid JSON: ${(error as Error).message}`
        : `XZ_CAMPUSES: cannot read ${file} as JSON: ${(error as Error).message}`,
    );
    return { campuses: [], campusesBaseDir: cwd };
  }
  const { campuses, problems: found } = parseCampusSettings(parsed);
  problems.push(...found);
  if (mode === 'production') {
    for (const c of campuses)
      if (c.auth.kind === 'demo')
        problems.push(
          `XZ_CAMPUSES campus "${c.id}": the demo login accepts anyone; it is refused when XZ_ENV=production`,
        );
  }
  return { campuses, campusesBaseDir: file ? dirname(file) : cwd };
}

/** The bucket settings: all or nothing, so a half-configured bucket stops the start instead of writing to disk. */
function readS3(read: (name: ConfigVariable) => string | undefined, problems: string[]): S3Settings | null {
  const bucket = read('XZ_S3_BUCKET');
  const others = (
    ['XZ_S3_ENDPOINT', 'XZ_S3_REGION', 'XZ_S3_ACCESS_KEY_ID', 'XZ_S3_SECRET_ACCESS_KEY', 'XZ_S3_PUBLIC_URL'] as const
  ).filter((n) => read(n) !== undefined);
  if (bucket === undefined) {
    if (others.length > 0)
      problems.push(
        `${others.join(', ')} set without XZ_S3_BUCKET: set the bucket too, or unset them to keep photos on local disk`,
      );
    return null;
  }
  const region = read('XZ_S3_REGION');
  const accessKeyId = read('XZ_S3_ACCESS_KEY_ID');
  const secretAccessKey = read('XZ_S3_SECRET_ACCESS_KEY');
  const endpoint = read('XZ_S3_ENDPOINT')?.replace(/\/+$/, '') ?? null;
  const publicUrl = read('XZ_S3_PUBLIC_URL')?.replace(/\/+$/, '') ?? null;
  const missing = [
    region === undefined && 'XZ_S3_REGION',
    accessKeyId === undefined && 'XZ_S3_ACCESS_KEY_ID',
    secretAccessKey === undefined && 'XZ_S3_SECRET_ACCESS_KEY',
  ].filter(Boolean);
  if (missing.length > 0) problems.push(`XZ_S3_BUCKET needs ${missing.join(', ')}`);
  if (endpoint !== null && !/^https?:\/\/[^\s]+$/.test(endpoint))
    problems.push('XZ_S3_ENDPOINT must be an http(s) URL');
  if (publicUrl !== null && !/^https?:\/\/[^\s]+$/.test(publicUrl))
    problems.push('XZ_S3_PUBLIC_URL must be an http(s) URL');
  const forcePathStyle = boolean(read('XZ_S3_FORCE_PATH_STYLE') ?? 'false', 'XZ_S3_FORCE_PATH_STYLE', problems);
  if (missing.length > 0) return null;
  return {
    bucket,
    region: region!,
    accessKeyId: accessKeyId!,
    secretAccessKey: secretAccessKey!,
    endpoint,
    publicUrl,
    forcePathStyle,
  };
}

/** Reads the embedded secret, creating it on first start; only the owner may read it. */
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < SECRET_MIN_LENGTH) {
    throw new ConfigError([
      `${file} holds a secret shorter than ${SECRET_MIN_LENGTH} characters; delete it to generate a new one`,
    ]);
  }
  return secret;
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function integer(text: string, name: string, min: number, max: number, problems: string[]): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
    return min;
  }
  return value;
}

function boolean(text: string, name: string, problems: string[]): boolean {
  if (/^(true|1|yes)$/i.test(text)) return true;
  if (/^(false|0|no)$/i.test(text)) return false;
  problems.push(`${name} must be true or false, got "${text}"`);
  return false;
}

/** The README's configuration table, generated from CONFIG_VARIABLES. */
export function configurationTable(): string {
  const rows = CONFIG_VARIABLES.map(
    (v) =>
      `| \`${v.name}\` | ${v.default.includes('<') || v.default.includes(' ') ? v.default : `\`${v.default}\``} | ${v.meaning} |`,
  );
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}
