import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MikroORM, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import type {
  BannerRepository,
  BlockedSearchTermRepository,
  SynonymRepository,
  ActiveUserLog,
  CampusStatistics,
  FeedbackRepository,
  SavedSearchRepository,
  InteractionSource,
  OfferRepository,
  RatingRepository,
  TradeRepository,
  ModerationCaseRepository,
  NoticeRepository,
  NotificationRepository,
  NotificationSources,
  OutboxLog,
  PersistencePorts,
  ProjectionCheckpoints,
  RecommendationCandidates,
  ReportRepository,
  SearchIndexStore,
  SearchLog,
  SignalStore,
  StudentVerificationRepository,
} from '@xianzhi/core';
import { bindQueryParameters } from './bound-parameters.js';
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url.js';
import { MariaDbReadReplicas, type ReadReplicas } from './replicas.js';
import { parseReplicaUrls } from './replica-urls.js';
import {
  DEFAULT_ACQUIRE_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  isDatabaseUnavailable,
  limitAcquireWait,
} from './unavailable.js';
import { OrmContext } from './context.js';
import { MikroOrmUnitOfWork } from './unit-of-work.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Dialect } from './migrations/dialect.js';
import { MikroOrmAuditLog } from './audit-log.js';
import { MikroOrmCategoryRepository } from './catalog-repository.js';
import { MikroOrmCommentRepository, MikroOrmFavoriteRepository } from './engagement-repository.js';
import {
  MikroOrmAdminAccountRepository,
  MikroOrmCampusRepository,
  MikroOrmRefreshTokenRepository,
  MikroOrmUserRepository,
} from './identity-repository.js';
import { MikroOrmListingRepository, MikroOrmListingViewLog } from './listing-repository.js';
import { MikroOrmListingDirectory, MikroOrmUserDirectory } from './directories.js';
import { MikroOrmOutbox } from './outbox.js';
import { MikroOrmRateLimiter } from './rate-limiter.js';
import { ENTITY_SCHEMAS } from './schemas.js';
import { MikroOrmStudentVerificationRepository } from './verification-repository.js';
import { MikroOrmPhotoRepository } from './photo-repository.js';
import { MikroOrmModerationCaseRepository, MikroOrmReportRepository } from './moderation-repository.js';
import { MikroOrmBlockedSearchTerms, MikroOrmSearchLog } from './search-log-repository.js';
import { MikroOrmSynonyms } from './synonym-repository.js';
import { MikroOrmBannerRepository, MikroOrmNoticeRepository } from './announcement-repository.js';
import { MikroOrmActiveUserLog, MikroOrmCampusStatistics } from './campus-statistics.js';
import { MikroOrmFeedbackRepository } from './feedback-repository.js';
import { MikroOrmOfferRepository, MikroOrmTradeRepository } from './trade-repository.js';
import { MikroOrmRatingRepository, MikroOrmWantRepository } from './rating-repository.js';
import { MikroOrmSavedSearchRepository } from './saved-search-repository.js';
import { SqlSearchIndexStore } from '../../search/store.js';
import { MikroOrmNotificationRepository } from './notification-repository.js';
import { MikroOrmNotificationSources } from './notification-sources.js';
import { SqlOperationalStats, type OperationalStats } from './operational-stats.js';
import { SqlProjectionCheckpoints, SqlOutboxLog } from '../../search/outbox-log.js';
import { SqlInteractionSource, SqlRecommendationCandidates, SqlSignalStore } from '../../recommendations/index.js';

export interface DatabaseConfig {
  /** `sqlite:./data/xianzhi.sqlite`, `sqlite::memory:`, `mariadb://user:pass@host:3306/db` or `mysql://…`. */
  readonly url: string;
  /** Logs every SQL statement (never the bound values). */
  readonly debug?: boolean;
  /** Connection pool size for server databases. */
  readonly poolSize?: number;
  /** Server databases: how long opening a connection may take (3 s by default). */
  readonly connectTimeoutMs?: number;
  /** Server databases: how long a query may wait for a pooled connection before failing (5 s by default). */
  readonly acquireTimeoutMs?: number;
  /**
   * Read replicas of a MariaDB primary (`XZ_DATABASE_REPLICAS`: comma-separated mariadb:// URLs). Only the
   * reads that ask for one go there (`Persistence.replicas`); everything else stays on the primary.
   */
  readonly replicas?: string;
}

export interface Logger {
  info(obj: object, msg?: string): void;
}

export { parseDatabaseUrl, redactDatabaseUrl, type ParsedDatabaseUrl } from './database-url.js';

interface OpenOrm {
  readonly orm: MikroORM;
  readonly dialect: Dialect;
  readonly replicas: ReadReplicas | null;
}

async function initOrm(config: DatabaseConfig, logger?: Logger): Promise<OpenOrm> {
  const target = parseDatabaseUrl(config.url);
  const common: Partial<Options> = {
    entities: ENTITY_SCHEMAS,
    extensions: [Migrator],
    migrations: {
      migrationsList: MIGRATIONS,
      tableName: 'xz_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    debug: config.debug === true ? ['query'] : false,
    // Values may hold personal data: log statements only.
    logger: (message: string) => logger?.info({ sql: message }, 'sql'),
    allowGlobalContext: false,
    colors: false,
    ensureDatabase: false,
  };
  if (target.dialect === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const { MikroORM } = await import('@mikro-orm/sqlite');
    const orm = await MikroORM.init({
      ...common,
      dbName: target.file,
      onCreateConnection: async (connection: unknown) => {
        // WAL lets readers run while the writer commits; the busy timeout covers a second process.
        const db = connection as { pragma?: (s: string) => unknown };
        db.pragma?.('journal_mode = WAL');
        db.pragma?.('busy_timeout = 5000');
      },
    } as Options);
    bindQueryParameters(orm, false);
    return { orm: orm, dialect: 'sqlite', replicas: null };
  }
  const server = {
    ...common,
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    dbName: target.dbName,
    charset: 'utf8mb4',
    pool: { min: 0, max: config.poolSize ?? 10 },
    // Passed to mysql2's pool: a server that does not answer fails the connection instead of holding the request.
    driverOptions: { connectTimeout: config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS },
  } as Options;
  const { MikroORM } =
    target.driver === 'mariadb' ? await import('@mikro-orm/mariadb') : await import('@mikro-orm/mysql');
  const replicas = parseReplicaUrls(config.replicas ?? '', config.url);
  // Replicas inherit the pool size and timeouts; MikroORM opens one pool per replica, lazily.
  const orm = await MikroORM.init({ ...server, ...(replicas.length > 0 && { replicas }) } as never);
  const driver = orm.em.getDriver() as unknown as { replicas: { getNativeClient(): Promise<unknown> }[] };
  for (const connection of [orm.em.getDriver().getConnection('write'), ...driver.replicas]) {
    const pool = (await connection.getNativeClient()) as Parameters<typeof limitAcquireWait>[0];
    limitAcquireWait(pool, config.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS);
  }
  bindQueryParameters(orm, true);
  const reads =
    replicas.length > 0
      ? new MariaDbReadReplicas(
          orm,
          replicas.map((r) => `${r.name} (${r.host}:${r.port})`),
        )
      : null;
  if (reads) await requireGtids(reads, config.url);
  return { orm: orm as unknown as MikroORM, dialect: 'mysql', replicas: reads };
}

/**
 * Replicas are for MariaDB: its GTIDs are how a student's own writes stay in sight. A server that does not
 * know `@@gtid_binlog_pos` (MySQL) stops the start; one that cannot be reached yet is the outage handling's.
 */
async function requireGtids(reads: ReadReplicas, url: string): Promise<void> {
  try {
    await reads.primaryPosition();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return;
    throw new Error(
      `XZ_DATABASE_REPLICAS needs a MariaDB primary (GTIDs): ${redactDatabaseUrl(url)} did not answer @@gtid_binlog_pos`,
      { cause: error },
    );
  }
}

/**
 * Creates the database when missing and applies every committed migration not yet applied (with `to`, only
 * up to and including that one: tests of a migration's backfill start from the schema before it).
 */
export async function migrateDatabase(
  config: DatabaseConfig,
  logger?: Logger,
  options: { to?: string } = {},
): Promise<{ applied: string[] }> {
  // Migrations are the primary's alone: replication carries them to the replicas.
  const { orm } = await initOrm({ ...config, replicas: '' }, logger);
  try {
    await (orm.schema as unknown as { ensureDatabase(): Promise<boolean> }).ensureDatabase();
    const done = await orm.migrator.up(options.to === undefined ? undefined : { to: options.to });
    const applied = done.map((m) => m.name);
    logger?.info(
      { applied, database: redactDatabaseUrl(config.url) },
      applied.length ? 'migrations applied' : 'database schema up to date',
    );
    return { applied };
  } finally {
    await orm.close(true);
  }
}

/** Every port the platform keeps in its database, typed by core's interfaces (never by the classes here). */
export interface PlatformPorts extends PersistencePorts {
  readonly verifications: StudentVerificationRepository;
  readonly moderationCases: ModerationCaseRepository;
  readonly reports: ReportRepository;
  readonly searchIndex: SearchIndexStore;
  readonly outboxLog: OutboxLog;
  readonly checkpoints: ProjectionCheckpoints;
  readonly notifications: NotificationRepository;
  readonly notificationSources: NotificationSources;
  readonly interactions: InteractionSource;
  readonly signals: SignalStore;
  readonly candidates: RecommendationCandidates;
  readonly searchLog: SearchLog;
  readonly blockedSearchTerms: BlockedSearchTermRepository;
  readonly synonyms: SynonymRepository;
  readonly campusStatistics: CampusStatistics;
  readonly banners: BannerRepository;
  readonly notices: NoticeRepository;
  readonly activeUsers: ActiveUserLog;
  readonly feedback: FeedbackRepository;
  readonly offers: OfferRepository;
  readonly trades: TradeRepository;
  readonly ratings: RatingRepository;
  readonly savedSearches: SavedSearchRepository;
}

/** The open database itself: health checks, maintenance and shutdown. Whoever opened it closes it. */
export interface DatabaseHandle {
  readonly dialect: Dialect;
  /** Answers true when the database takes a query; for health checks. */
  ping(): Promise<boolean>;
  /** Runs one SQL statement outside any unit of work: for maintenance and tests, not for features. */
  raw(sql: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** What `openPersistence` answers: every port, the database behind them, and what operators watch of it. */
export interface Persistence extends PlatformPorts, DatabaseHandle {
  readonly stats: OperationalStats;
  /** The read replicas of `DatabaseConfig.replicas`; null without them (SQLite, or a lone MariaDB). */
  readonly replicas: ReadReplicas | null;
}

export async function openPersistence(config: DatabaseConfig, logger?: Logger): Promise<Persistence> {
  const { orm, dialect, replicas } = await initOrm(config, logger);
  const ctx = new OrmContext(orm, dialect);
  return {
    dialect,
    replicas,
    listings: new MikroOrmListingRepository(ctx),
    categories: new MikroOrmCategoryRepository(ctx),
    campuses: new MikroOrmCampusRepository(ctx),
    users: new MikroOrmUserRepository(ctx),
    userDirectory: new MikroOrmUserDirectory(ctx),
    listingDirectory: new MikroOrmListingDirectory(ctx),
    favorites: new MikroOrmFavoriteRepository(ctx),
    comments: new MikroOrmCommentRepository(ctx),
    outbox: new MikroOrmOutbox(ctx),
    viewLog: new MikroOrmListingViewLog(ctx),
    auditLog: new MikroOrmAuditLog(ctx),
    rateLimiter: new MikroOrmRateLimiter(ctx),
    refreshTokens: new MikroOrmRefreshTokenRepository(ctx),
    admins: new MikroOrmAdminAccountRepository(ctx),
    verifications: new MikroOrmStudentVerificationRepository(ctx),
    photos: new MikroOrmPhotoRepository(ctx),
    moderationCases: new MikroOrmModerationCaseRepository(ctx),
    reports: new MikroOrmReportRepository(ctx),
    uow: new MikroOrmUnitOfWork(ctx),
    searchIndex: new SqlSearchIndexStore(ctx),
    outboxLog: new SqlOutboxLog(ctx),
    checkpoints: new SqlProjectionCheckpoints(ctx),
    notifications: new MikroOrmNotificationRepository(ctx),
    notificationSources: new MikroOrmNotificationSources(ctx),
    interactions: new SqlInteractionSource(ctx),
    signals: new SqlSignalStore(ctx),
    candidates: new SqlRecommendationCandidates(ctx),
    searchLog: new MikroOrmSearchLog(ctx),
    blockedSearchTerms: new MikroOrmBlockedSearchTerms(ctx),
    synonyms: new MikroOrmSynonyms(ctx),
    campusStatistics: new MikroOrmCampusStatistics(ctx),
    banners: new MikroOrmBannerRepository(ctx),
    notices: new MikroOrmNoticeRepository(ctx),
    activeUsers: new MikroOrmActiveUserLog(ctx),
    feedback: new MikroOrmFeedbackRepository(ctx),
    wants: new MikroOrmWantRepository(ctx),
    offers: new MikroOrmOfferRepository(ctx),
    trades: new MikroOrmTradeRepository(ctx),
    ratings: new MikroOrmRatingRepository(ctx),
    savedSearches: new MikroOrmSavedSearchRepository(ctx),
    stats: new SqlOperationalStats(ctx),
    async ping() {
      try {
        await ctx.em().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
    raw: (sql, params = []) => ctx.em().execute(sql, params),
    close: () => orm.close(true),
  };
}
