import { DemoQqAuthClient, HttpQqAuthClient, ScryptPasswordHasher } from '@xianzhi/adapters';
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
import { HttpParts } from './http-module.js';
import { Identity } from './identity-tokens.js';
import { factory } from './token.js';
import { Config, Core, Ports } from './tokens.js';

export const identityModule = new ContainerModule(({ bind }) => {
  const I = Identity;
  factory(bind(I.RefreshTokens), (p) => p.refreshTokens, [Ports.Persistence]);
  factory(bind(I.Admins), (p) => p.admins, [Ports.Persistence]);
  // Production must name a QQ app (config refuses to start otherwise); embedded mode without one uses demo codes.
  factory(
    bind(I.Qq),
    (config) =>
      config.qq
        ? new HttpQqAuthClient({ appId: config.qq.appId, appSecret: config.qq.appSecret, baseUrl: config.qq.apiBase })
        : new DemoQqAuthClient(),
    [Config.App],
  );
  bind(I.PasswordHasher).toDynamicValue(() => new ScryptPasswordHasher());
  factory(bind(I.SessionPolicy), (config) => ({ refreshLifetimeMs: config.refreshTokenDays * 24 * 3600_000 }), [
    Config.App,
  ]);

  factory(bind(I.LoginWithQq), (qq, users, campuses, ids, clock) => new LoginWithQq(qq, users, campuses, ids, clock), [
    I.Qq,
    Ports.Users,
    Ports.Campuses,
    Core.Ids,
    Core.Clock,
  ]);
  factory(bind(I.StartSession), (t, ids, clock, policy) => new StartSession(t, ids, clock, policy), [
    I.RefreshTokens,
    Core.Ids,
    Core.Clock,
    I.SessionPolicy,
  ]);
  factory(
    bind(I.RefreshSession),
    (t, users, uow, ids, clock, policy) => new RefreshSession(t, users, uow, ids, clock, policy),
    [I.RefreshTokens, Ports.Users, Ports.UnitOfWork, Core.Ids, Core.Clock, I.SessionPolicy],
  );
  factory(bind(I.EndSession), (t, clock) => new EndSession(t, clock), [I.RefreshTokens, Core.Clock]);
  factory(bind(I.AdminLogin), (a, h, rl, audit, clock) => new AdminLogin(a, h, rl, audit, clock), [
    I.Admins,
    I.PasswordHasher,
    Ports.RateLimiter,
    Ports.AuditLog,
    Core.Clock,
  ]);
  factory(bind(I.CreateAdminAccount), (a, c, h, ids, clock) => new CreateAdminAccount(a, c, h, ids, clock), [
    I.Admins,
    Ports.Campuses,
    I.PasswordHasher,
    Core.Ids,
    Core.Clock,
  ]);
  factory(
    bind(I.SetUserBan),
    (u, t, o, audit, uow, clock, ev, listings) => new SetUserBan(u, t, o, audit, uow, clock, ev, listings),
    [
      Ports.Users,
      I.RefreshTokens,
      Ports.Outbox,
      Ports.AuditLog,
      Ports.UnitOfWork,
      Core.Clock,
      Core.Events,
      Ports.Listings,
    ],
  );
  factory(bind(I.ListAuditLog), (audit) => new ListAuditLog(audit), [Ports.AuditLog]);
  factory(bind(I.PruneSessions), (t, rl, clock) => new PruneSessions(t, rl, clock), [
    I.RefreshTokens,
    Ports.RateLimiter,
    Core.Clock,
  ]);

  factory(
    bind(I.AuthRoutes),
    (config, loginWithQq, startSession, refreshSession, endSession, tokens) =>
      authRoutes({
        loginWithQq,
        startSession,
        refreshSession,
        endSession,
        tokens,
        defaultCampusId: config.defaultCampusId,
      }),
    [Config.App, I.LoginWithQq, I.StartSession, I.RefreshSession, I.EndSession, HttpParts.Tokens],
  );
  factory(
    bind(I.AdminIdentityRoutes),
    (adminLogin, setUserBan, listAuditLog, tokens, viewerKeys) =>
      adminIdentityRoutes({
        adminLogin,
        setUserBan,
        listAuditLog,
        tokens,
        viewerKeys,
      }),
    [I.AdminLogin, I.SetUserBan, I.ListAuditLog, HttpParts.Tokens, HttpParts.ViewerKeys],
  );
});
