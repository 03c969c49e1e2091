import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './production.js';

const NGINX = process.env['XZ_NGINX'] ?? '/usr/sbin/nginx';
const DEPLOY = join(ROOT, 'deploy/nginx');

/** Debian's nginx, unprivileged where it can be, on loopback, with deploy/nginx/xianzhi.conf as the site. */
export interface RunningNginx {
  readonly httpsUrl: string;
  readonly httpUrl: string;
  /** The self-signed certificate it presents (PEM), to trust in requests. */
  readonly certificate: string;
  /** The H5 and admin builds as copied into its web root. */
  readonly webRoot: string;
  accessLog(): string;
  errorLog(): string;
  stop(): Promise<void>;
}

export interface NginxOptions {
  readonly httpsPort: number;
  readonly httpPort: number;
  /** Exactly as many as the site file has upstream lines ({{API_PORT_1}}, {{API_PORT_2}}). */
  readonly apiPorts: readonly [number, number];
}

/**
 * The site file with its placeholders filled, inside a copy of the http block of Debian 12's /etc/nginx/nginx.conf
 * (its TLS 1.0/1.1 and gzip lines included, to prove the site file overrides them without clashing), every path in
 * a temporary folder.
 */
export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  for (const build of ['packages/miniprogram/dist-h5', 'packages/admin/dist'])
    if (!existsSync(join(ROOT, build, 'index.html')))
      throw new Error(`${build} is missing: the deploy suite runs after the builds (./xz test does both)`);
  const dir = mkdtempSync(join(tmpdir(), 'xz-nginx-'));
  // When the test runs as root, nginx's workers run as www-data: they must reach the web root and temp folders.
  chmodSync(dir, 0o755);
  for (const sub of ['logs', 'snippets', 'www', 'media-cache']) mkdirSync(join(dir, sub));

  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const openssl = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (openssl.status !== 0) throw new Error(`openssl could not make a certificate: ${openssl.stderr}`);

  // As the runbook installs them: the builds copied into the web root (old hashed files survive a deploy).
  const webRoot = join(dir, 'www');
  cpSync(join(ROOT, 'packages/miniprogram/dist-h5'), join(webRoot, 'h5'), { recursive: true });
  cpSync(join(ROOT, 'packages/admin/dist'), join(webRoot, 'admin'), { recursive: true });
  for (const snippet of readdirSync(join(DEPLOY, 'snippets')))
    cpSync(join(DEPLOY, 'snippets', snippet), join(dir, 'snippets', snippet));

  const values: Record<string, string> = {
    SERVER_NAME: 'localhost',
    PUBLIC_URL: `https://localhost:${options.httpsPort}`,
    HTTPS_LISTEN: `127.0.0.1:${options.httpsPort}`,
    HTTP_LISTEN: `127.0.0.1:${options.httpPort}`,
    TLS_CERTIFICATE: cert,
    TLS_CERTIFICATE_KEY: key,
    WEB_ROOT: webRoot,
    API_PORT_1: String(options.apiPorts[0]),
    API_PORT_2: String(options.apiPorts[1]),
    MEDIA_CACHE_DIR: join(dir, 'media-cache'),
    LOG_DIR: join(dir, 'logs'),
  };
  const site = renderSite(readFileSync(join(DEPLOY, 'xianzhi.conf'), 'utf8'), values);
  writeFileSync(join(dir, 'xianzhi.conf'), site);
  writeFileSync(join(dir, 'nginx.conf'), debianMainConfig(dir));

  const errorLog = join(dir, 'logs', 'error.log');
  const child = spawn(NGINX, ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', errorLog], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + 15_000;
  while (!(await listening(options.httpsPort))) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited with ${child.exitCode}: ${output}\n${read(errorLog)}\n--- site:\n${site}`);
    if (Date.now() > deadline) throw new Error(`nginx did not listen within 15 s: ${output}\n${read(errorLog)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    httpsUrl: `https://127.0.0.1:${options.httpsPort}`,
    httpUrl: `http://127.0.0.1:${options.httpPort}`,
    certificate: readFileSync(cert, 'utf8'),
    webRoot,
    accessLog: () => read(join(dir, 'logs', 'xianzhi.access.log')),
    errorLog: () => `${read(errorLog)}${read(join(dir, 'logs', 'xianzhi.error.log'))}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The site file with every {{NAME}} replaced; a placeholder left over is an error in the file or the test. */
export function renderSite(template: string, values: Record<string, string>): string {
  const rendered = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for the placeholder ${whole}`);
    return value;
  });
  return rendered;
}

/** Debian 12's /etc/nginx/nginx.conf, its paths moved into `dir`, `include`-ing only our site. */
function debianMainConfig(dir: string): string {
  const asRoot = process.getuid?.() === 0;
  const worker = spawnSync('id', ['-u', 'www-data']).status === 0 ? 'www-data' : 'nobody nogroup';
  return `# Debian 12's nginx.conf, for the test: paths in ${dir}, no other site.
${asRoot ? `user ${worker};` : '# not root: the workers run as the test user'}
worker_processes 2;
pid ${dir}/nginx.pid;
daemon off;
error_log ${dir}/logs/error.log;

events {
    worker_connections 768;
}

http {
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;

    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; # Dropping SSLv3, ref: POODLE
    ssl_prefer_server_ciphers on;

    access_log ${dir}/logs/access.log;
    gzip on;

    client_body_temp_path ${dir}/tmp-body;
    proxy_temp_path ${dir}/tmp-proxy;
    fastcgi_temp_path ${dir}/tmp-fastcgi;
    uwsgi_temp_path ${dir}/tmp-uwsgi;
    scgi_temp_path ${dir}/tmp-scgi;

    include xianzhi.conf;
}
`;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
