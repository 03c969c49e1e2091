import type { CampusSettings } from '@xianzhi/adapters';
import type { NotificationKind } from '@xianzhi/core';
import type { RateLimits } from './rate-limits.js';
import type { ConfigValues } from './schema.js';

export type Environment = ConfigValues['XZ_ENV'];
export type LogLevel = ConfigValues['XZ_LOG_LEVEL'];

/** The configuration as the rest of the server sees it: checked, with defaults filled and paths absolute. */
export interface AppConfig {
  readonly env: Environment;
  readonly host: string;
  readonly port: number;
  /** How long the whole of a request (headers and body) may take to arrive. */
  readonly requestTimeoutSeconds: number;
  readonly dataDir: string;
  readonly databaseUrl: string;
  /** `XZ_DATABASE_REPLICAS` as given (checked): comma-separated mariadb:// URLs of read replicas; '' for none. */
  readonly databaseReplicas: string;
  readonly jwtSecret: string;
  readonly defaultCampusId: string;
  readonly logLevel: LogLevel;
  readonly publicUrl: string;
  /** Proxies whose X-Forwarded-* headers are believed: none (false), anyone (true), or these addresses and ranges. */
  readonly trustProxy: boolean | readonly string[];
  readonly adminDist: string;
  readonly h5Dist: string;
  readonly expiryIntervalMinutes: number;
  /** XZ_OFFER_TTL_HOURS: how long an offer or a counter waits for an answer. */
  readonly offerTtlHours: number;
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
    /** How long a worker's claim on the messages it is sending lasts (XZ_NOTIFY_LEASE_SECONDS). */
    readonly leaseSeconds: number;
    /** Saved-search alerts per student per China day (XZ_SAVED_SEARCH_DAILY_ALERTS). */
    readonly savedSearchDailyAlerts: number;
  };
  /** Request limits per route family, per account and per client address. */
  readonly rateLimits: RateLimits;
  readonly operations: OperationsSettings;
}

/** Cross-origin callers, the API docs, and the Prometheus endpoints (null port: off). */
export interface OperationsSettings {
  /** Origins allowed to call the API from a browser; empty turns CORS off. */
  readonly corsOrigins: readonly string[];
  /** Serve /docs and its JSON. */
  readonly docs: boolean;
  readonly metrics: {
    readonly host: string;
    readonly apiPort: number | null;
    readonly workerPort: number | null;
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

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
