export { HmacStudentNumberHasher } from './hasher.js';
export { DemoCampusAuthenticator, DEMO_PASSWORD, DEMO_LOCKED_NUMBER } from './demo.js';
export { CasCampusAuthenticator, type CasSettings } from './cas.js';
export { FormLoginCampusAuthenticator, type FormLoginSettings, type PasswordTransform } from './form.js';
export {
  parseCampusSettings,
  createCampusAuthenticators,
  createBuiltInCampusAuthenticator,
  defaultCasService,
  type CampusSettings,
  type CampusContact,
  type CampusAuthSettings,
  type CampusAuthenticatorFactory,
  type AuthenticatorOptions,
} from './settings.js';
