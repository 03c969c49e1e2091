import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { parseReplicaUrls } from '@xianzhi/adapters';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_VARIABLE_NAMES,
  ConfigError,
  configurationTable,
  defaultCell,
  loadConfig,
  SECRET_FILE,
  variableSchema,
} from '../src/config.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'xz-config-'));
const SECRET = 'x'.repeat(40);

describe('configuration', () => {
  it('runs embedded with no variables: SQLite under ./data, loopback, port 8080', () => {
    const cwd = scratch();
    const config = loadConfig({}, { cwd });
    expect(config).toMatchObject({
      env: 'embedded',
      host: '127.0.0.1',
      port: 8080,
      dataDir: join(cwd, 'data'),
      databaseUrl: `sqlite:${join(cwd, 'data', 'xianzhi.sqlite')}`,
      defaultCampusId: 'demo',
      logLevel: 'info',
      publicUrl: 'http://127.0.0.1:8080',
      trustProxy: false,
      expiryIntervalMinutes: 10,
      offerTtlHours: 48,
    });
    expect(loadConfig({ XZ_OFFER_TTL_HOURS: '6' }, { cwd }).offerTtlHours).toBe(6);
    expect(() => loadConfig({ XZ_OFFER_TTL_HOURS: '0' }, { cwd })).toThrow(/XZ_OFFER_TTL_HOURS/);
  });

  it('generates the embedded secret once, readable only by its owner, and keeps it', () => {
    const cwd = scratch();
    const first = loadConfig({}, { cwd });
    const file = join(cwd, 'data', SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}, { cwd }).jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.jwtSecret);
  });

  it('production requires a long secret and never writes one', () => {
    const cwd = scratch();
    expect(() => loadConfig({ XZ_ENV: 'production' }, { cwd })).toThrow(/XZ_JWT_SECRET is required/);
    expect(() => loadConfig({ XZ_ENV: 'production', XZ_JWT_SECRET: 'short' }, { cwd })).toThrow(/at least 32/);
    expect(readdirSync(cwd)).toEqual([]);
    const qq = { XZ_QQ_APP_ID: '1112345678', XZ_QQ_APP_SECRET: 'qq-secret', XZ_REDIS_URL: 'redis://cache:6379' };
    const config = loadConfig(
      { XZ_ENV: 'production', XZ_JWT_SECRET: SECRET, XZ_DATABASE_URL: 'mariadb://u:p@db:3306/xianzhi', ...qq },
      { cwd },
    );
    expect(config).toMatchObject({
      env: 'production',
      jwtSecret: SECRET,
      databaseUrl: 'mariadb://u:p@db:3306/xianzhi',
      demoAdminPassword: null,
    });
    expect(config.qq).toEqual({ appId: '1112345678', appSecret: 'qq-secret', apiBase: 'https://api.q.qq.com' });
  });

  it('takes read replicas for a MariaDB primary only, and names a bad entry', () => {
    const cwd = scratch();
    const mariadb = { XZ_JWT_SECRET: SECRET, XZ_DATABASE_URL: 'mariadb://u:p@db:3306/xianzhi' };
    expect(loadConfig(mariadb, { cwd }).databaseReplicas).toBe('');
    expect(loadConfig({}, { cwd }).databaseReplicas).toBe('');
    const two = 'mariadb://r:pw@10.0.0.12:3306, mariadb://10.0.0.13/other';
    expect(loadConfig({ ...mariadb, XZ_DATABASE_REPLICAS: two }, { cwd }).databaseReplicas).toBe(two);
    expect(parseReplicaUrls(two, mariadb.XZ_DATABASE_URL)).toEqual([
      { name: 'replica-1', host: '10.0.0.12', port: 3306, user: 'r', password: 'pw', dbName: 'xianzhi' },
      { name: 'replica-2', host: '10.0.0.13', port: 3306, user: 'u', password: 'p', dbName: 'other' },
    ]);
    // SQLite (the embedded default) has no replicas.
    expect(() => loadConfig({ XZ_DATABASE_REPLICAS: 'mariadb://r@10.0.0.12' }, { cwd })).toThrow(
      /XZ_DATABASE_REPLICAS needs a MariaDB XZ_DATABASE_URL/,
    );
    expect(() => loadConfig({ ...mariadb, XZ_DATABASE_REPLICAS: 'postgres://r:secret@h/x' }, { cwd })).toThrow(
      /XZ_DATABASE_REPLICAS: entry 1 \("postgres:\/\/r:\*\*\*@h\/x"\) must start with mariadb:\/\//,
    );
    expect(() => loadConfig({ ...mariadb, XZ_DATABASE_REPLICAS: 'mariadb://a:1@h1,not a url' }, { cwd })).toThrow(
      /XZ_DATABASE_REPLICAS: entry 2 \("not a url"\) is not a URL/,
    );
  });

  it('production requires the QQ app; embedded mode falls back to the demo QQ login', () => {
    const cwd = scratch();
    const base = { XZ_ENV: 'production', XZ_JWT_SECRET: SECRET };
    expect(() => loadConfig(base, { cwd })).toThrow(/XZ_QQ_APP_ID and XZ_QQ_APP_SECRET are required/);
    expect(() => loadConfig({ ...base, XZ_QQ_APP_ID: 'x' }, { cwd })).toThrow(/go together/);
    const embedded = loadConfig({ XZ_JWT_SECRET: SECRET }, { cwd });
    expect(embedded).toMatchObject({
      qq: null,
      accessTokenMinutes: 30,
      refreshTokenDays: 30,
      demoAdminPassword: 'xianzhi-admin-demo',
    });
    expect(() =>
      loadConfig({ XZ_JWT_SECRET: SECRET, XZ_ACCESS_TOKEN_MINUTES: '0', XZ_DEMO_ADMIN_PASSWORD: 'short' }, { cwd }),
    ).toThrow(/XZ_ACCESS_TOKEN_MINUTES[\s\S]*XZ_DEMO_ADMIN_PASSWORD/);
  });

  it('production requires Redis for its jobs; embedded mode runs them in process unless a Redis is named', () => {
    const cwd = scratch();
    const production = {
      XZ_ENV: 'production',
      XZ_JWT_SECRET: SECRET,
      XZ_QQ_APP_ID: '1112345678',
      XZ_QQ_APP_SECRET: 'qq-secret',
    };
    expect(() => loadConfig(production, { cwd })).toThrow(/XZ_REDIS_URL is required when XZ_ENV=production/);
    expect(
      loadConfig({ ...production, XZ_REDIS_URL: 'rediss://:pw@cache:6380/1', XZ_QUEUE_PREFIX: 'campus-a' }, { cwd })
        .redis,
    ).toEqual({ url: 'rediss://:pw@cache:6380/1', prefix: 'campus-a' });
    expect(loadConfig({ XZ_JWT_SECRET: SECRET }, { cwd })).toMatchObject({ redis: null, jobLockSeconds: 30 });
    expect(loadConfig({ XZ_JWT_SECRET: SECRET, XZ_JOB_LOCK_SECONDS: '3' }, { cwd }).jobLockSeconds).toBe(3);
    expect(() => loadConfig({ XZ_JWT_SECRET: SECRET, XZ_JOB_LOCK_SECONDS: '0' }, { cwd })).toThrow(
      /XZ_JOB_LOCK_SECONDS/,
    );
    expect(loadConfig({ XZ_JWT_SECRET: SECRET, XZ_REDIS_URL: 'redis://127.0.0.1:6380' }, { cwd }).redis).toEqual({
      url: 'redis://127.0.0.1:6380',
      prefix: 'xz',
    });
    expect(() =>
      loadConfig({ XZ_JWT_SECRET: SECRET, XZ_REDIS_URL: 'http://cache', XZ_QUEUE_PREFIX: 'a:b' }, { cwd }),
    ).toThrow(/XZ_REDIS_URL must start with[\s\S]*XZ_QUEUE_PREFIX may hold only/);
  });

  it("holds QQ sends under a lease at least twice a send's timeout", () => {
    const cwd = scratch();
    const lease = (seconds?: string) =>
      loadConfig({ XZ_JWT_SECRET: SECRET, ...(seconds && { XZ_NOTIFY_LEASE_SECONDS: seconds }) }, { cwd }).notifications
        .leaseSeconds;
    expect(lease()).toBe(60);
    expect(lease('16')).toBe(16);
    expect(() => lease('15')).toThrow(
      "XZ_NOTIFY_LEASE_SECONDS must be at least 16, twice a QQ send's timeout (8 s): a shorter lease can run out under a send that is slow but alive, and that message is then declared lost",
    );
    expect(() => lease('0')).toThrow(/XZ_NOTIFY_LEASE_SECONDS/);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig(
        {
          XZ_ENV: 'staging',
          XZ_PORT: '99999',
          XZ_LOG_LEVEL: 'loud',
          XZ_DATABASE_URL: 'postgres://x',
          XZ_TRUST_PROXY: 'maybe',
        },
        { cwd: scratch() },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['XZ_ENV', 'XZ_PORT', 'XZ_LOG_LEVEL', 'XZ_DATABASE_URL', 'XZ_TRUST_PROXY'])
        expect(problems).toContain(name);
    }
  });

  it('derives the public URL from host and port unless given', () => {
    expect(
      loadConfig({ XZ_HOST: '0.0.0.0', XZ_PORT: '9000', XZ_JWT_SECRET: SECRET }, { cwd: scratch() }).publicUrl,
    ).toBe('http://127.0.0.1:9000');
    expect(
      loadConfig({ XZ_PUBLIC_URL: 'https://xz.example.edu.cn/', XZ_JWT_SECRET: SECRET }, { cwd: scratch() }).publicUrl,
    ).toBe('https://xz.example.edu.cn');
  });
});

describe('the configuration schema', () => {
  it('gives every variable a description and either a fixed default that passes its own check or what unset means', () => {
    for (const name of CONFIG_VARIABLE_NAMES) {
      const schema = variableSchema(name);
      expect(schema.description, name).not.toBe('');
      const optional = Type.IsOptional(schema);
      expect(optional, `${name}: optional exactly when it has no fixed default`).toBe(schema.default === undefined);
      expect(optional, `${name}: optional exactly when it says what unset means`).toBe(schema.unsetMeans !== undefined);
      if (!optional) expect(Value.Check(schema, schema.default), `${name}'s default`).toBe(true);
    }
  });

  it('never repeats a wrong free-text value in its problem (it may be a secret or hold a password)', () => {
    try {
      loadConfig({ XZ_REDIS_URL: 'http://user:hunter2@cache', XZ_JWT_SECRET: 'hunter2' }, { cwd: scratch() });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'XZ_REDIS_URL must start with "redis://" or "rediss://"',
        'XZ_JWT_SECRET must be at least 32 characters',
      ]);
    }
  });
});

describe('the README configuration table', () => {
  const root = join(import.meta.dirname, '../../..');
  const readme = () => readFileSync(join(root, 'README.md'), 'utf8');
  /** The rows between the table's markers, by variable: its Default and Meaning cells. */
  const readmeTable = () => {
    const text = readme();
    const table = text.slice(
      text.indexOf('<!-- configuration-table:start'),
      text.indexOf('<!-- configuration-table:end'),
    );
    const rows = [...table.matchAll(/^\| `(XZ_[A-Z0-9_]+)` \| (.*?) \| (.*) \|$/gm)];
    return {
      names: rows.map((m) => m[1]!),
      cells: new Map(rows.map((m) => [m[1]!, { default: m[2]!, meaning: m[3]! }])),
    };
  };

  function variablesReadInSource(dir: string): Set<string> {
    const found = new Set<string>();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) for (const v of variablesReadInSource(path)) found.add(v);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\bXZ_[A-Z0-9_]+\b/g)) found.add(m[0]);
      }
    }
    return found;
  }

  it('has one row per variable of the schema, with its default and meaning', () => {
    const { names, cells } = readmeTable();
    expect(names).toHaveLength(new Set(names).size);
    for (const name of CONFIG_VARIABLE_NAMES) {
      expect(cells.get(name)?.default, `${name}'s default in the README`).toBe(defaultCell(name));
      expect(cells.get(name)?.meaning, `${name}'s meaning in the README`).toBe(variableSchema(name).description);
    }
  });

  it('names no variable the schema does not declare, and the schema declares every variable read in src/', () => {
    const declared: readonly string[] = CONFIG_VARIABLE_NAMES;
    for (const name of readmeTable().names) expect(declared, `${name} is in the README`).toContain(name);
    for (const name of variablesReadInSource(join(import.meta.dirname, '../src')))
      expect(declared, `${name} is read in src/`).toContain(name);
  });

  it('is the table generated from the schema, in its order', () => {
    expect(readme()).toContain(configurationTable());
  });

  it('only reads XZ_ variables through loadConfig', () => {
    const src = join(import.meta.dirname, '../src');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && /process\.env\[?['.]?XZ_/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
