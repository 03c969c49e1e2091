import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KeepAlivePoster, PostFailed } from './keep-alive-post.js';

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  servers = [];
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: URL; connections: () => number }> {
  let connections = 0;
  const server = createServer(handler);
  server.on('connection', (socket: Socket) => {
    connections++;
    socket.unref();
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}/send?x=1`), connections: () => connections };
}

async function failure(p: Promise<unknown>): Promise<PostFailed> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(PostFailed);
  return e as PostFailed;
}

describe('KeepAlivePoster', () => {
  it('posts the body as JSON and reuses one connection for calls made one after another', async () => {
    const seen: string[] = [];
    const { url, connections } = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers['content-type']} ${body}`);
        res.setHeader('content-type', 'application/json');
        res.end('{"errcode":0}');
      });
    });
    const poster = new KeepAlivePoster(2000);
    for (let i = 0; i < 5; i++) {
      expect(await poster.post(url, `{"n":${i},"名":"张"}`)).toEqual({ status: 200, body: '{"errcode":0}' });
    }
    poster.close();
    expect(seen[4]).toBe('POST /send?x=1 application/json {"n":4,"名":"张"}');
    expect(connections()).toBe(1);
  });

  it('a refused connection is not_sent: the message surely never left', async () => {
    const { url } = await serve((_req, res) => res.end());
    await new Promise((r) => servers.pop()!.close(r));
    const e = await failure(new KeepAlivePoster(2000).post(url, '{}'));
    expect(e.outcome).toBe('not_sent');
  });

  it('no answer within the timeout, a reset after the request, and a cut answer are unknown', async () => {
    const silent = await serve(() => {});
    expect((await failure(new KeepAlivePoster(150).post(silent.url, '{}'))).outcome).toBe('unknown');

    const reset = await serve((req) => req.on('data', () => req.socket.destroy()));
    expect((await failure(new KeepAlivePoster(2000).post(reset.url, '{"a":1}'))).outcome).toBe('unknown');

    const cut = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"errcode"');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await failure(new KeepAlivePoster(2000).post(cut.url, '{}'))).outcome).toBe('unknown');
  });
});
