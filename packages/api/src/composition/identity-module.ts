import { Argon2idPasswordHasher, DemoQqAuthClient, HttpQqAuthClient } from '@xianzhi/adapters';
import {
  AdminLogin,
  CreateAdminAccount,
  EndSession,
  ListAuditLog,
  LoginWithQq,
  PruneSessions,
  RefreshSession,
  SetUserBan,
  StartSession,
} from '@xianzhi/core';
import { ContainerModule } from 'inversify';
import { adminIdentityRoutes } from '../http/routes/admin-identity.js';
import { authRoutes } from '../http/routes/auth.js';
import { HttpParts } from './http-tokens.js';
import { Identity } from './identity-tokens.js';
import { factory, named } from './token.js';
import { Config, Core, HttpRoutes, Ports } from './tokens.js';

export const identityModule = new ContainerModule(({ bind }) => {
  const I = Identity;
  // Production must name a QQ app (config refuses to start otherwise); embedded mode without one uses demo codes.
  factory(
    bind(I.Qq),
    (config) =>
      config.qq
        ? new HttpQqAuthClient({ appId: config.qq.appId, appSecret: config.qq.appSecret, baseUrl: config.qq.apiBase })
        : new DemoQqAuthClient(),
    [Config.App],
  );
  bind(I.PasswordHasher).toDynamicValue(() => new Argon2idPasswordHasher());
  factory(bind(I.SessionPolicy), (config) => ({ refreshLifetimeMs: config.refreshTokenDays * 24 * 3600_000 }), [
    Config.App,
  ]);

  named(bind(I.LoginWithQq), (deps) => new LoginWithQq(deps), {
    qq: I.Qq,
    users: Ports.Users,
    campuses: Ports.Campuses,
    ids: Core.Ids,
    clock: Core.Clock,
  });
  factory(bind(I.StartSession), (t, ids, clock, policy) => new StartSession(t, ids, clock, policy), [
    Ports.RefreshTokens,
    Core.Ids,
    Core.Clock,
    I.SessionPolicy,
  ]);
  named(bind(I.RefreshSession), (deps) => new RefreshSession(deps), {
    tokens: Ports.RefreshTokens,
    users: Ports.Users,
    uow: Ports.UnitOfWork,
    ids: Core.Ids,
    clock: Core.Clock,
    policy: I.SessionPolicy,
  });
  factory(bind(I.EndSession), (t, clock) => new EndSession(t, clock), [Ports.RefreshTokens, Core.Clock]);
  named(bind(I.AdminLogin), (deps) => new AdminLogin(deps), {
    admins: Ports.Admins,
    hasher: I.PasswordHasher,
    limiter: Ports.RateLimiter,
    audit: Ports.AuditLog,
    clock: Core.Clock,
  });
  named(bind(I.CreateAdminAccount), (deps) => new CreateAdminAccount(deps), {
    admins: Ports.Admins,
    campuses: Ports.Campuses,
    hasher: I.PasswordHasher,
    ids: Core.Ids,
    clock: Core.Clock,
  });
  named(bind(I.SetUserBan), (deps) => new SetUserBan(deps), {
    users: Ports.Users,
    refreshTokens: Ports.RefreshTokens,
    outbox: Ports.Outbox,
    audit: Ports.AuditLog,
    uow: Ports.UnitOfWork,
    clock: Core.Clock,
    events: Core.Events,
    listings: Ports.Listings,
  });
  factory(bind(I.ListAuditLog), (audit) => new ListAuditLog(audit), [Ports.AuditLog]);
  factory(bind(I.PruneSessions), (t, rl, clock) => new PruneSessions(t, rl, clock), [
    Ports.RefreshTokens,
    Ports.RateLimiter,
    Core.Clock,
  ]);

  named(
    bind(HttpRoutes.Api),
    ({ config, ...routes }) => authRoutes({ ...routes, defaultCampusId: config.defaultCampusId }),
    {
      config: Config.App,
      loginWithQq: I.LoginWithQq,
      startSession: I.StartSession,
      refreshSession: I.RefreshSession,
      endSession: I.EndSession,
      tokens: HttpParts.Tokens,
    },
  );
  named(bind(HttpRoutes.Api), adminIdentityRoutes, {
    adminLogin: I.AdminLogin,
    setUserBan: I.SetUserBan,
    listAuditLog: I.ListAuditLog,
    tokens: HttpParts.Tokens,
    viewerKeys: HttpParts.ViewerKeys,
  });
});
