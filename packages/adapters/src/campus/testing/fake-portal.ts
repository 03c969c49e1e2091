import { createHash } from 'node:crypto';
import { listenOnLoopback, readBody, type LoopbackServer } from './server.js';

export type FakePortalMode = 'normal' | 'slow' | 'error';

/**
 * An academic-affairs portal on loopback, as the original system knew it: POST `/login.action`
 * with `zjh` (student number) and `mm` = md5(password); success is a page with 欢迎 and the
 * number in a span; a wrong password shows 密码错误; a locked account 账号已锁定. It records
 * every body it received, so tests can check what went over the wire.
 */
export class FakeCampusPortal {
  mode: FakePortalMode = 'normal';
  slowMs = 2000;
  readonly received: string[] = [];
  private server!: LoopbackServer;

  constructor(private readonly accounts: ReadonlyMap<string, { password: string; name: string; locked?: boolean }>) {}

  static async start(
    accounts: Record<string, { password: string; name: string; locked?: boolean }>,
  ): Promise<FakeCampusPortal> {
    const portal = new FakeCampusPortal(new Map(Object.entries(accounts)));
    portal.server = await listenOnLoopback(async (req, res) => {
      const body = await readBody(req);
      portal.received.push(body);
      if (portal.mode === 'slow') await new Promise((r) => setTimeout(r, portal.slowMs));
      if (portal.mode === 'error') {
        res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>系统维护中</body></html>');
        return;
      }
      if (req.method !== 'POST' || req.url !== '/login.action') {
        res.writeHead(404).end();
        return;
      }
      const form = new URLSearchParams(body);
      const account = portal.accounts.get(form.get('zjh') ?? '');
      const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
      const html = (inner: string) =>
        `<!doctype html><html><head><meta charset="utf-8"><title>教务系统</title></head><body>${inner}</body></html>`;
      if (account?.locked) {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(html('<p class="error">账号已锁定，请联系教务处</p>'));
      } else if (account && form.get('mm') === md5(account.password)) {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            html(
              `<div>欢迎您，<span id="name">${account.name}</span>（学号 <span id="xh">${form.get('zjh')}</span>）</div>`,
            ),
          );
      } else {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(html('<p class="error">密码错误，请重新输入</p>'));
      }
    });
    return portal;
  }

  get loginUrl(): string {
    return `${this.server.url}/login.action`;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/** The settings a university would write for this portal (see FormLoginSettings). */
export function fakePortalSettings(loginUrl: string) {
  return {
    loginUrl,
    usernameField: 'zjh',
    passwordField: 'mm',
    passwordTransform: 'md5' as const,
    success: { status: 200, bodyContains: '欢迎' },
    lockedBodyContains: '账号已锁定',
    studentNumberPattern: '<span id="xh">([^<]+)</span>',
    namePattern: '<span id="name">([^<]+)</span>',
  };
}
