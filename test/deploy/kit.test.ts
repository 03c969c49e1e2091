import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PhotoTooLarge } from '../../packages/core/src/photos/errors.js';
import { loadConfig } from '../../packages/api/src/config/load.js';
import { CONFIG_VARIABLE_NAMES, variableSchema } from '../../packages/api/src/config/schema.js';
import { ROOT } from './production.js';

const DEPLOY = join(ROOT, 'deploy');
const SYSTEMD = join(DEPLOY, 'systemd');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The README's "Running in production" section, up to the next second-level heading. */
function runbook(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Running in production');
  expect(start, 'README has a "Running in production" section').toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The variables an environment file sets, as the shell reads it (`set -a; . file`), which is how the CLI does. */
function sourced(file: string): Record<string, string> {
  const script = `set -a; . "$1"; set +a; node -e 'process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("XZ_")))))'`;
  const shell = spawnSync('bash', ['-c', script, 'bash', file], {
    encoding: 'utf8',
    env: { PATH: `${join(process.execPath, '..')}:/usr/bin:/bin` },
  });
  expect(shell.status, shell.stderr).toBe(0);
  return JSON.parse(shell.stdout) as Record<string, string>;
}

describe('the deployment kit', () => {
  it('names only variables the configuration declares: units, environment file, scripts, nginx, runbook', () => {
    const declared = new Set<string>(CONFIG_VARIABLE_NAMES);
    const texts = [
      ...filesUnder(DEPLOY).map((f) => ({ where: relative(ROOT, f), text: readFileSync(f, 'utf8') })),
      { where: 'README.md (Running in production)', text: runbook() },
    ];
    const unknown = texts.flatMap(({ where, text }) =>
      [...text.matchAll(/\bXZ_[A-Z0-9_]+\b/g)]
        .map((m) => m[0])
        .filter((n) => !declared.has(n))
        .map((n) => `${where}: ${n}`),
    );
    expect(unknown).toEqual([]);
    // The runbook does name the variables an installation has to set.
    for (const name of [
      'XZ_DATABASE_URL',
      'XZ_JWT_SECRET',
      'XZ_REDIS_URL',
      'XZ_CAMPUSES',
      'XZ_QQ_APP_ID',
      'XZ_S3_BUCKET',
    ])
      expect(runbook()).toContain(name);
  });

  it('ships an environment file that, secrets filled in, is a valid production configuration', () => {
    const example = sourced(join(SYSTEMD, 'xianzhi.env.example'));
    expect(example['XZ_ENV']).toBe('production');
    // Each API instance takes its port from its name (xianzhi-api@PORT).
    expect(example).not.toHaveProperty('XZ_PORT');
    // Blank secrets: the services refuse to start until they are filled in.
    expect(() => loadConfig(example, { cwd: tmpdir() })).toThrow(/XZ_JWT_SECRET is required[\s\S]*XZ_QQ_APP_ID/);
    const config = loadConfig(
      {
        ...example,
        XZ_JWT_SECRET: 'a'.repeat(64),
        XZ_QQ_APP_ID: '1112345678',
        XZ_QQ_APP_SECRET: 'qq-app-secret',
        XZ_CAMPUSES: join(SYSTEMD, 'campuses.example.json'),
      },
      { cwd: tmpdir() },
    );
    expect(config).toMatchObject({ env: 'production', host: '127.0.0.1', trustProxy: ['127.0.0.1'] });
    expect(config.campuses.map((c) => [c.id, c.auth.kind])).toEqual([
      ['north', 'cas'],
      ['south', 'form'],
    ]);
    expect(config.photos.maxBytes).toBe(Number(variableSchema('XZ_PHOTO_MAX_BYTES').default));
  });

  it("lets a photo of XZ_PHOTO_MAX_BYTES through nginx, and answers a larger one with the API's own error", () => {
    const site = readFileSync(join(DEPLOY, 'nginx/xianzhi.conf'), 'utf8');
    const photos = /location = \/v1\/photos \{([^}]*)\}/.exec(site)?.[1] ?? '';
    const limit = /client_max_body_size (\d+)m;/.exec(photos)?.[1];
    const maxBytes = Number(variableSchema('XZ_PHOTO_MAX_BYTES').default);
    // The multipart envelope (boundaries, part headers) adds well under a few kilobytes.
    expect(Number(limit) * 1024 * 1024).toBeGreaterThan(maxBytes + 64 * 1024);
    const refusal = /location @xianzhi_photo_too_large \{[^}]*return 413 '([^']*)';/.exec(site)?.[1];
    const tooLarge = new PhotoTooLarge(maxBytes);
    expect(JSON.parse(refusal!)).toEqual({
      error: { code: tooLarge.code, message: tooLarge.message, details: { maxBytes } },
    });
  });

  it('has systemd units that systemd accepts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xz-units-'));
    try {
      const units = readdirSync(SYSTEMD).filter((f) => /\.(service|target|timer)$/.test(f));
      expect(units.sort()).toEqual([
        'xianzhi-api@.service',
        'xianzhi-backup.service',
        'xianzhi-backup.timer',
        'xianzhi-worker@.service',
        'xianzhi.target',
      ]);
      for (const unit of units) {
        // Where this checkout and its Node are, instead of /opt/xianzhi (systemd checks that commands exist).
        const text = readFileSync(join(SYSTEMD, unit), 'utf8')
          .replaceAll('/opt/xianzhi/.tooling/node/bin/node', process.execPath)
          .replaceAll('/opt/xianzhi', ROOT);
        writeFileSync(join(dir, unit), text);
      }
      const toCheck = units.map((u) => join(dir, u.replace(/@\.service$/, '@8081.service')));
      const analyze = spawnSync('systemd-analyze', ['verify', '--man=no', ...toCheck], { encoding: 'utf8' });
      if (analyze.error === undefined) {
        // It also warns (unknown keys, values it cannot parse) with a zero exit: any line about our units fails.
        expect(analyze.status, analyze.stderr).toBe(0);
        expect(analyze.stderr.split('\n').filter((l) => /xianzhi/.test(l))).toEqual([]);
      } else {
        for (const unit of units) expectUnitShape(readFileSync(join(dir, unit), 'utf8'), unit);
      }
      for (const template of ['xianzhi-api@.service', 'xianzhi-worker@.service']) {
        const text = readFileSync(join(SYSTEMD, template), 'utf8');
        for (const setting of [
          'User=xianzhi',
          'EnvironmentFile=/etc/xianzhi/xianzhi.env',
          'Restart=on-failure',
          'RestartPreventExitStatus=2',
          'KillSignal=SIGTERM',
          'NoNewPrivileges=yes',
          'ProtectSystem=strict',
        ])
          expect(text, `${template}: ${setting}`).toContain(`\n${setting}\n`);
      }
      expect(readFileSync(join(SYSTEMD, 'xianzhi-api@.service'), 'utf8')).toContain('XZ_PORT=%i');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has shell scripts that parse and are executable', () => {
    const scripts = filesUnder(DEPLOY).filter((f) => f.endsWith('.sh') || f.endsWith('/bin/xianzhi'));
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const script of scripts) {
      const syntax = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
      expect(syntax.status, `${script}: ${syntax.stderr}`).toBe(0);
      if (!script.endsWith('database-url.sh')) expect(statSync(script).mode & 0o111, script).not.toBe(0);
    }
    expect(existsSync(join(DEPLOY, 'backup/xianzhi-restore.sh'))).toBe(true);
  });
});

/** Without systemd-analyze: sections and Key=Value lines only, in the sections systemd knows. */
function expectUnitShape(text: string, unit: string): void {
  let section = '';
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      expect(['Unit', 'Service', 'Timer', 'Install'], `${unit}:${i + 1}`).toContain(section);
      continue;
    }
    expect(line, `${unit}:${i + 1}`).toMatch(/^[A-Z][A-Za-z]+=/);
    expect(section, `${unit}:${i + 1} is outside a section`).not.toBe('');
  }
}
