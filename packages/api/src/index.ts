export {
  loadConfig,
  configurationTable,
  ConfigSchema,
  ConfigError,
  type AppConfig,
  type Environment,
} from './config.js';
export { createLogger } from './logging.js';
export { createContainer, buildApp, type ContainerInput } from './composition/container.js';
export { Config, Core, Ports, Http } from './composition/tokens.js';
export type { AppParts } from './http/app.js';
export { ERROR_STATUS, type ErrorCode } from './http/errors.js';
export { AccessTokens } from './http/auth.js';
export { seedDemo, DEFAULT_SEED_LISTINGS, type SeedOptions, type SeedReport } from './seed/seed-demo.js';
export { DEMO_CAMPUS, DEMO_USERS, demoOpenId } from './seed/demo-world.js';
