import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in for 星光大学's login endpoint on loopback, so the example runs anywhere. */
export async function startStarlightServer(
  accounts: Record<string, { password: string; realName: string; frozen?: boolean }>,
) {
  let down = false;
  const server = createServer((req, res) => void respond(req, res));
  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (down) return void res.writeHead(502).end();
    if (req.method !== 'POST' || req.url !== '/api/v1/sso/verify') return void res.writeHead(404).end();
    const { account, password } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
      account?: string;
      password?: string;
    };
    const known = account ? accounts[account] : undefined;
    const answer =
      !known || known.password !== password
        ? { code: 1001, msg: '账号或密码错误' }
        : known.frozen
          ? { code: 1002, msg: '账号已冻结' }
          : { code: 0, data: { studentId: account, realName: known.realName, userType: 'undergraduate' } };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/v1/sso/verify`,
    setDown: (value: boolean) => void (down = value),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
