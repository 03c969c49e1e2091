export {
  openPersistence, migrateDatabase, parseDatabaseUrl, redactDatabaseUrl,
  type DatabaseConfig, type Persistence, type ParsedDatabaseUrl, type Logger,
} from './persistence/mikro-orm/open.js';
