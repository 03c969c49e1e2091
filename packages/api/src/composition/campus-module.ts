import { CampusAuthenticators, type CampusAuthenticator } from '@xianzhi/core';
import { HmacStudentNumberHasher } from '@xianzhi/adapters';
import { ContainerModule } from 'inversify';
import { factory } from './token.js';
import { Config, Ports } from './tokens.js';

/**
 * Each campus's login. The authenticators are built by the entry point (a plugin is an async
 * import) and handed in, as the persistence is.
 */
export function campusModule(authenticators: readonly CampusAuthenticator[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(Ports.CampusAuthenticators).toConstantValue(new CampusAuthenticators(authenticators));
    factory(bind(Ports.StudentNumberHasher), (config) => new HmacStudentNumberHasher(config.jwtSecret), [Config.App]);
  });
}
