import { ContainerModule } from 'inversify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
import { Config } from './tokens.js';

export function configModule(config: AppConfig, logger: Logger): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(Config.App).toConstantValue(config);
    bind(Config.Logger).toConstantValue(logger);
  });
}
