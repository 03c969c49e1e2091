import { join } from 'node:path';
import { QQ_SEND_TIMEOUT_MS } from '@xianzhi/adapters';
import { QQ_NOTIFICATION_KINDS, type NotificationKind, type QqNotificationKind } from '@xianzhi/core';
import { ConfigError, type AppConfig } from './app-config.js';
import { readCampuses } from './campuses.js';
import { readRateLimits } from './rate-limits.js';
import { absolute, PACKAGES_DIR } from './paths.js';
import { configReader } from './read.js';
import { readTrustProxy } from './proxy.js';
import { readReplicas } from './replicas.js';
import { readOperations } from './operations.js';
import { readS3 } from './s3.js';
import { SECRET_MIN_LENGTH, type ConfigVariable } from './schema.js';
import { embeddedSecret } from './secret.js';

const TEMPLATE_VARIABLES = {
  comment: 'XZ_QQ_TEMPLATE_COMMENT',
  reply: 'XZ_QQ_TEMPLATE_REPLY',
  price_drop: 'XZ_QQ_TEMPLATE_PRICE_DROP',
  wanted_match: 'XZ_QQ_TEMPLATE_WANTED_MATCH',
  expiring: 'XZ_QQ_TEMPLATE_EXPIRING',
  removed: 'XZ_QQ_TEMPLATE_REMOVED',
  want_received: 'XZ_QQ_TEMPLATE_WANT_RECEIVED',
  offer_received: 'XZ_QQ_TEMPLATE_OFFER_RECEIVED',
  offer_countered: 'XZ_QQ_TEMPLATE_OFFER_COUNTERED',
  offer_accepted: 'XZ_QQ_TEMPLATE_OFFER_ACCEPTED',
  offer_declined: 'XZ_QQ_TEMPLATE_OFFER_DECLINED',
  offer_expired: 'XZ_QQ_TEMPLATE_OFFER_EXPIRED',
  trade_opened: 'XZ_QQ_TEMPLATE_TRADE_OPENED',
  trade_confirmed: 'XZ_QQ_TEMPLATE_TRADE_CONFIRMED',
  trade_completed: 'XZ_QQ_TEMPLATE_TRADE_COMPLETED',
  trade_cancelled: 'XZ_QQ_TEMPLATE_TRADE_CANCELLED',
  rating_received: 'XZ_QQ_TEMPLATE_RATING_RECEIVED',
  saved_search: 'XZ_QQ_TEMPLATE_SAVED_SEARCH',
} as const satisfies Record<QqNotificationKind, ConfigVariable>;

export interface LoadConfigOptions {
  readonly cwd?: string;
}

/**
 * Reads `XZ_*` variables (their types, limits and defaults are in ./schema.ts), adds the rules that
 * tie variables together and the production refusals, and reports every problem at once. In embedded
 * mode without XZ_JWT_SECRET it creates (once) a random secret in the data folder.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  const vars = configReader(env, problems);

  const mode = vars.get('XZ_ENV');
  const host = vars.get('XZ_HOST');
  const port = vars.get('XZ_PORT');
  const requestTimeoutSeconds = vars.get('XZ_REQUEST_TIMEOUT_SECONDS');
  const dataDir = absolute(vars.get('XZ_DATA_DIR'), cwd);
  const databaseUrl = vars.get('XZ_DATABASE_URL', `sqlite:${join(dataDir, 'xianzhi.sqlite')}`);
  const databaseReplicas = readReplicas(vars.get('XZ_DATABASE_REPLICAS'), databaseUrl, problems);
  const logLevel = vars.get('XZ_LOG_LEVEL');
  const defaultCampusId = vars.get('XZ_DEFAULT_CAMPUS');
  const trustProxy = readTrustProxy(vars.get('XZ_TRUST_PROXY'), problems);
  const expiryIntervalMinutes = vars.get('XZ_EXPIRY_INTERVAL_MINUTES');
  const offerTtlHours = vars.get('XZ_OFFER_TTL_HOURS');

  const redisUrl = vars.get('XZ_REDIS_URL');
  if (redisUrl === undefined && mode === 'production') {
    problems.push(
      'XZ_REDIS_URL is required when XZ_ENV=production (jobs run in worker processes through Redis; in-process jobs are embedded-only)',
    );
  }
  const jobLockSeconds = vars.get('XZ_JOB_LOCK_SECONDS');
  const queuePrefix = vars.get('XZ_QUEUE_PREFIX');
  // 0.0.0.0 listens everywhere but is no address to visit.
  const publicUrl = vars.get('XZ_PUBLIC_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`);

  let jwtSecret = vars.get('XZ_JWT_SECRET');
  if (jwtSecret === undefined && mode === 'production') {
    problems.push(`XZ_JWT_SECRET is required when XZ_ENV=production (at least ${SECRET_MIN_LENGTH} characters)`);
  }
  const { campuses, campusesBaseDir } = readCampuses(vars.get('XZ_CAMPUSES'), mode, defaultCampusId, cwd, problems);

  const qqAppId = vars.get('XZ_QQ_APP_ID');
  const qqAppSecret = vars.get('XZ_QQ_APP_SECRET');
  if ((qqAppId === undefined) !== (qqAppSecret === undefined))
    problems.push('XZ_QQ_APP_ID and XZ_QQ_APP_SECRET go together: set both or neither');
  else if (qqAppId === undefined && mode === 'production')
    problems.push(
      'XZ_QQ_APP_ID and XZ_QQ_APP_SECRET are required when XZ_ENV=production (the demo QQ login is embedded-only)',
    );
  const qqApiBase = vars.get('XZ_QQ_API_BASE');

  const accessTokenMinutes = vars.get('XZ_ACCESS_TOKEN_MINUTES');
  const refreshTokenDays = vars.get('XZ_REFRESH_TOKEN_DAYS');
  const demoAdminPassword = vars.get('XZ_DEMO_ADMIN_PASSWORD');
  const photoMaxBytes = vars.get('XZ_PHOTO_MAX_BYTES');
  const photosDir = absolute(vars.get('XZ_PHOTOS_DIR') ?? join(dataDir, 'photos'), cwd);
  const s3 = readS3(vars, problems);

  const safety = vars.get('XZ_CONTENT_SAFETY', qqAppId !== undefined ? 'qq' : 'words');
  if (safety === 'qq' && qqAppId === undefined)
    problems.push('XZ_CONTENT_SAFETY=qq needs XZ_QQ_APP_ID and XZ_QQ_APP_SECRET');
  const whenUnavailable = vars.get('XZ_SAFETY_WHEN_UNAVAILABLE');
  const reportHideThreshold = vars.get('XZ_REPORT_HIDE_THRESHOLD');

  const templates: Partial<Record<NotificationKind, string>> = {};
  // Inbox-only kinds (hidden, restored) have no template: never sent to QQ.
  for (const kind of QQ_NOTIFICATION_KINDS) {
    // Embedded mode without a QQ app sends through the demo sender, which only logs: give every kind a demo template.
    const id =
      vars.get(TEMPLATE_VARIABLES[kind]) ?? (mode === 'embedded' && qqAppId === undefined ? `demo-${kind}` : undefined);
    if (id !== undefined) templates[kind] = id;
  }
  const sendConcurrency = vars.get('XZ_NOTIFY_SEND_CONCURRENCY');
  const leaseSeconds = vars.get('XZ_NOTIFY_LEASE_SECONDS');
  if (leaseSeconds * 1000 < 2 * QQ_SEND_TIMEOUT_MS)
    problems.push(
      `XZ_NOTIFY_LEASE_SECONDS must be at least ${(2 * QQ_SEND_TIMEOUT_MS) / 1000}, twice a QQ send's timeout (${QQ_SEND_TIMEOUT_MS / 1000} s): a shorter lease can run out under a send that is slow but alive, and that message is then declared lost`,
    );
  const savedSearchDailyAlerts = vars.get('XZ_SAVED_SEARCH_DAILY_ALERTS');
  const rateLimits = readRateLimits(vars.get('XZ_RATE_LIMITS'), problems);
  const operations = readOperations(vars, mode, port, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  jwtSecret ??= embeddedSecret(dataDir);

  return {
    env: mode,
    host,
    port,
    requestTimeoutSeconds,
    dataDir,
    databaseUrl,
    databaseReplicas,
    jwtSecret,
    defaultCampusId,
    logLevel,
    publicUrl,
    trustProxy,
    adminDist: absolute(vars.get('XZ_ADMIN_DIST') ?? join(PACKAGES_DIR, 'admin/dist'), cwd),
    h5Dist: absolute(vars.get('XZ_H5_DIST') ?? join(PACKAGES_DIR, 'miniprogram/dist-h5'), cwd),
    expiryIntervalMinutes,
    offerTtlHours,
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
    moderation: { safety, whenUnavailable, reportHideThreshold },
    notifications: { templates, sendConcurrency, leaseSeconds, savedSearchDailyAlerts },
    rateLimits,
    operations,
  };
}
