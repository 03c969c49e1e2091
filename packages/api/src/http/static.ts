import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFoundHandler } from './errors.js';

export interface FrontEnd {
  /** URL prefix without slashes, e.g. `h5`. */
  readonly mount: string;
  readonly root: string;
  readonly title: string;
  readonly buildCommand: string;
}

/**
 * Serves a single-page build under `/<mount>/`: files as they are, any other page path falls back
 * to index.html so client-side routes survive a reload. A missing build gets a page that says how
 * to make one, instead of a bare 404.
 */
export async function serveFrontEnd(app: FastifyInstance, front: FrontEnd): Promise<void> {
  const prefix = `/${front.mount}`;
  app.get(prefix, { schema: { hide: true } }, (_request, reply) => reply.redirect(`${prefix}/`));
  if (!existsSync(join(front.root, 'index.html'))) {
    const page = missingBuildPage(front);
    const send = (_request: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').send(page);
    app.get(`${prefix}/`, { schema: { hide: true } }, send);
    app.get(`${prefix}/*`, { schema: { hide: true } }, send);
    return;
  }
  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, { root: front.root, prefix: '/', wildcard: true, index: ['index.html'] });
      scope.setNotFoundHandler((request, reply) => {
        const wantsPage = request.method === 'GET' && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '');
        if (!wantsPage) return notFoundHandler(request, reply);
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      });
    },
    { prefix },
  );
}

function missingBuildPage(front: FrontEnd): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${front.title}尚未构建</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.7;color:#333}code{background:#f4f4f4;padding:.2em .4em;border-radius:4px}</style>
</head><body>
<h1>${front.title}尚未构建</h1>
<p>服务器已启动，但没有找到 ${front.title} 的构建产物（<code>${front.root}</code>）。</p>
<p>在项目根目录运行下面的命令构建后刷新本页：</p>
<p><code>${front.buildCommand}</code></p>
<p>接口文档见 <a href="/docs">/docs</a>。</p>
</body></html>`;
}
