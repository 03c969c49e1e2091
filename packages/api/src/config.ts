// The configuration lives in ./config/; this module is what the rest of the server imports.
export { ConfigError, type AppConfig, type Environment, type LogLevel, type S3Settings } from './config/app-config.js';
export { loadConfig, type LoadConfigOptions } from './config/load.js';
export { configurationTable, defaultCell } from './config/readme-table.js';
export {
  CONFIG_VARIABLE_NAMES,
  ConfigSchema,
  SECRET_MIN_LENGTH,
  variableSchema,
  type ConfigValues,
  type ConfigVariable,
} from './config/schema.js';
export { SECRET_FILE } from './config/secret.js';
export {
  DEFAULT_RATE_LIMITS,
  RATE_LIMIT_FAMILIES,
  type RateLimit,
  type RateLimitFamily,
  type RateLimits,
} from './config/rate-limits.js';
