import type {
  AdminLogin,
  CreateAdminAccount,
  EndSession,
  ListAuditLog,
  LoginWithQq,
  PasswordHasher,
  QqAuthClient,
  PruneSessions,
  RefreshSession,
  SessionPolicy,
  SetUserBan,
  StartSession,
} from '@xianzhi/core';
import { token } from './token.js';

/** QQ login, sessions, admin accounts, bans and the audit log. */
export const Identity = {
  Qq: token<QqAuthClient>('QqAuthClient'),
  PasswordHasher: token<PasswordHasher>('PasswordHasher'),
  SessionPolicy: token<SessionPolicy>('SessionPolicy'),
  LoginWithQq: token<LoginWithQq>('LoginWithQq'),
  StartSession: token<StartSession>('StartSession'),
  RefreshSession: token<RefreshSession>('RefreshSession'),
  EndSession: token<EndSession>('EndSession'),
  AdminLogin: token<AdminLogin>('AdminLogin'),
  CreateAdminAccount: token<CreateAdminAccount>('CreateAdminAccount'),
  SetUserBan: token<SetUserBan>('SetUserBan'),
  ListAuditLog: token<ListAuditLog>('ListAuditLog'),
  PruneSessions: token<PruneSessions>('PruneSessions'),
};
