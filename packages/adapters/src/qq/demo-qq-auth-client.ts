import { createHash, randomBytes } from 'node:crypto';
import {
  err,
  ok,
  QqCodeInvalid,
  type QqAuthClient,
  type QqLoginFailed,
  type QqSession,
  type Result,
} from '@xianzhi/core';

/**
 * A QQ-openid-shaped identifier (32 upper-case hex characters) derived from a demo name, so the
 * same name always logs in as the same user, across restarts and re-seeds.
 */
export function demoQqOpenId(name: string): string {
  return createHash('sha256').update(`xianzhi-demo:${name.toLowerCase()}`).digest('hex').slice(0, 32).toUpperCase();
}

const DEMO_CODE = /^demo:([a-z0-9][a-z0-9_-]{0,31})$/i;

/** Embedded mode's QQ: accepts `demo:<name>` codes, so anyone can log in without a QQ app. */
export class DemoQqAuthClient implements QqAuthClient {
  async exchangeCode(code: string): Promise<Result<QqSession, QqLoginFailed>> {
    const match = DEMO_CODE.exec(code.trim());
    if (!match) return err(new QqCodeInvalid());
    return ok({ openId: demoQqOpenId(match[1]!), unionId: null, sessionKey: randomBytes(16).toString('base64') });
  }
}
