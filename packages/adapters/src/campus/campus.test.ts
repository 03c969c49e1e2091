import { createHash } from 'node:crypto';
import { campusAuthenticatorContract } from '@xianzhi/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CasCampusAuthenticator } from './cas.js';
import { DemoCampusAuthenticator } from './demo.js';
import { FormLoginCampusAuthenticator } from './form.js';
import { HmacStudentNumberHasher } from './hasher.js';
import { FakeCampusPortal, fakePortalSettings, FakeCasServer } from './testing/index.js';

const SERVICE = 'https://xianzhi.example.cn/v1/campuses/demo/cas-callback';
const STUDENT = { user: 'zhang.san', attributes: { xh: '2023012345', cn: '张三', userType: 'student' } };

for (const version of [2, 3] as const) {
  campusAuthenticatorContract(`CAS v${version} on a fake CAS server`, async () => {
    const cas = await FakeCasServer.start(STUDENT);
    const make = (timeoutMs = 500) =>
      new CasCampusAuthenticator('demo', {
        baseUrl: cas.baseUrl,
        version,
        service: SERVICE,
        studentNumberAttribute: 'xh',
        nameAttribute: 'cn',
        timeoutMs,
      });
    const authenticator = make();
    return {
      authenticator,
      valid: async () => ({
        credentials: { kind: 'cas-ticket', ticket: await cas.login(SERVICE), service: SERVICE },
        // v2 has no attributes: the CAS user id is the student number and no name is known.
        identity:
          version === 3
            ? { studentNumber: '2023012345', kind: 'student', name: '张三' }
            : { studentNumber: 'zhang.san', kind: 'student', name: null },
      }),
      wrong: async () => ({ kind: 'cas-ticket', ticket: 'ST-never-issued', service: SERVICE }),
      outages: {
        slow: async () => {
          cas.mode = 'slow';
          cas.slowMs = 1500;
          return make(200);
        },
        error503: async () => {
          cas.mode = 'error';
          return make();
        },
        down: async () =>
          new CasCampusAuthenticator('demo', {
            baseUrl: 'http://127.0.0.1:9/cas',
            version,
            service: SERVICE,
            timeoutMs: 500,
          }),
      },
      dispose: () => cas.close(),
    };
  });
}

campusAuthenticatorContract('form login on a fake portal', async () => {
  const portal = await FakeCampusPortal.start({
    '2023000007': { password: 'Pa$$word-7', name: '李四' },
    '2023000666': { password: 'whatever', name: '王五', locked: true },
  });
  const make = (timeoutMs = 500) =>
    new FormLoginCampusAuthenticator('demo', { ...fakePortalSettings(portal.loginUrl), timeoutMs });
  return {
    authenticator: make(),
    valid: async () => ({
      credentials: { kind: 'password', username: '2023000007', password: 'Pa$$word-7' },
      identity: { studentNumber: '2023000007', kind: 'student', name: '李四' },
    }),
    wrong: async () => ({ kind: 'password', username: '2023000007', password: 'wrong-Pa$$word' }),
    locked: async () => ({ kind: 'password', username: '2023000666', password: 'whatever' }),
    outages: {
      slow: async () => {
        portal.mode = 'slow';
        portal.slowMs = 1500;
        return make(200);
      },
      error503: async () => {
        portal.mode = 'error';
        return make();
      },
      down: async () =>
        new FormLoginCampusAuthenticator('demo', {
          ...fakePortalSettings('http://127.0.0.1:9/login.action'),
          timeoutMs: 500,
        }),
    },
    dispose: () => portal.close(),
  };
});

campusAuthenticatorContract('demo', async () => ({
  authenticator: new DemoCampusAuthenticator('demo'),
  valid: async () => ({
    credentials: { kind: 'password', username: '2023123456', password: 'demo' },
    identity: { studentNumber: '2023123456', kind: 'student', name: null },
  }),
  wrong: async () => ({ kind: 'password', username: '2023123456', password: 'not-demo' }),
  locked: async () => ({ kind: 'password', username: '2000000000', password: 'demo' }),
  outages: {},
}));

describe('CAS adapter details', () => {
  let cas: FakeCasServer;
  beforeAll(async () => {
    cas = await FakeCasServer.start(STUDENT);
  });
  afterAll(() => cas.close());
  const v3 = () =>
    new CasCampusAuthenticator('demo', {
      baseUrl: `${cas.baseUrl}/`,
      version: 3,
      service: SERVICE,
      studentNumberAttribute: 'xh',
    });

  it('points the web-view at <base>/login?service=<our callback>&renew=true, unless the campus turns renew off', () => {
    expect(v3().loginUrl()).toEqual({
      url: `${cas.baseUrl}/login?service=${encodeURIComponent(SERVICE)}&renew=true`,
      service: SERVICE,
    });
    const lenient = new CasCampusAuthenticator('demo', {
      baseUrl: cas.baseUrl,
      version: 3,
      service: SERVICE,
      renew: false,
    });
    expect(lenient.loginUrl().url).toBe(`${cas.baseUrl}/login?service=${encodeURIComponent(SERVICE)}`);
  });

  it('refuses a ticket a lingering CAS session issued without the password (renew)', async () => {
    const silent = await cas.login(SERVICE, { renew: false });
    const r = await v3().authenticate({ kind: 'cas-ticket', ticket: silent, service: SERVICE });
    expect(r.ok ? null : [r.error.code, r.error.details]).toEqual([
      'CAMPUS_CREDENTIALS_WRONG',
      { reason: 'INVALID_TICKET' },
    ]);
    const typed = await cas.login(SERVICE);
    expect((await v3().authenticate({ kind: 'cas-ticket', ticket: typed, service: SERVICE })).ok).toBe(true);
  });

  it('refuses an answer without the configured student-number attribute instead of using the CAS user id', async () => {
    cas.signedIn = { user: 'zhang.san', attributes: { cn: '张三' } };
    try {
      const r = await v3().authenticate({ kind: 'cas-ticket', ticket: await cas.login(SERVICE), service: SERVICE });
      expect(r.ok ? r.value : [r.error.code, r.error.details]).toEqual([
        'CAMPUS_IDENTITY_INCOMPLETE',
        { campusId: 'demo', missing: 'xh' },
      ]);
    } finally {
      cas.signedIn = STUDENT;
    }
  });

  it('accepts a ticket once (single use), then INVALID_TICKET', async () => {
    const ticket = await cas.login(SERVICE);
    expect((await v3().authenticate({ kind: 'cas-ticket', ticket, service: SERVICE })).ok).toBe(true);
    const replay = await v3().authenticate({ kind: 'cas-ticket', ticket, service: SERVICE });
    expect(replay.ok ? null : [replay.error.code, replay.error.details]).toEqual([
      'CAMPUS_CREDENTIALS_WRONG',
      { reason: 'INVALID_TICKET' },
    ]);
  });

  it('refuses a ticket issued for another service, both here and at the CAS server', async () => {
    const elsewhere = 'https://evil.example.com/cb';
    const ticket = await cas.login(elsewhere);
    const here = await v3().authenticate({ kind: 'cas-ticket', ticket, service: elsewhere });
    expect(here.ok ? null : here.error.details).toEqual({ reason: 'INVALID_SERVICE' });
    const misbound = new CasCampusAuthenticator('demo', { baseUrl: cas.baseUrl, version: 2, service: SERVICE });
    const t2 = await cas.login(elsewhere);
    // Pretend the callback matches but the CAS server knows the ticket belongs to another service.
    const atServer = await new CasCampusAuthenticator('demo', {
      baseUrl: cas.baseUrl,
      version: 2,
      service: SERVICE,
    }).authenticate({ kind: 'cas-ticket', ticket: t2, service: SERVICE });
    expect(atServer.ok ? null : atServer.error.details).toEqual({ reason: 'INVALID_SERVICE' });
    expect(misbound.kind).toBe('cas');
  });

  it('tells staff from students by a configured attribute', async () => {
    cas.signedIn = { user: 't001', attributes: { userType: 'teacher', xh: 'T001' } };
    try {
      const staff = await new CasCampusAuthenticator('demo', {
        baseUrl: cas.baseUrl,
        version: 3,
        service: SERVICE,
        studentNumberAttribute: 'xh',
        kindAttribute: 'userType',
      }).authenticate({ kind: 'cas-ticket', ticket: await cas.login(SERVICE), service: SERVICE });
      expect(staff.ok && staff.value).toEqual({ studentNumber: 'T001', kind: 'staff', name: null });
    } finally {
      cas.signedIn = STUDENT;
    }
  });
});

describe('form login details', () => {
  it('posts md5(password), never the password itself', async () => {
    const portal = await FakeCampusPortal.start({ '2023000007': { password: 'Pa$$word-7', name: '李四' } });
    try {
      const auth = new FormLoginCampusAuthenticator('demo', fakePortalSettings(portal.loginUrl));
      expect((await auth.authenticate({ kind: 'password', username: '2023000007', password: 'Pa$$word-7' })).ok).toBe(
        true,
      );
      const sent = portal.received.join('\n');
      expect(sent).not.toContain('Pa%24%24word-7');
      expect(sent).not.toContain('Pa$$word-7');
      expect(sent).toContain(createHash('md5').update('Pa$$word-7').digest('hex'));
    } finally {
      await portal.close();
    }
  });

  it('a success page without the configured student number is the portal changing, not a wrong password', async () => {
    const portal = await FakeCampusPortal.start({ '2023000007': { password: 'pw', name: '李四' } });
    try {
      const auth = new FormLoginCampusAuthenticator('demo', {
        ...fakePortalSettings(portal.loginUrl),
        studentNumberPattern: '<b id="sno">(\\d+)</b>',
      });
      const r = await auth.authenticate({ kind: 'password', username: '2023000007', password: 'pw' });
      expect(r.ok ? null : r.error.code).toBe('CAMPUS_PORTAL_UNAVAILABLE');
    } finally {
      await portal.close();
    }
  });
});

describe('form login predicates and transforms', () => {
  it('accepts a redirect to the portal home as success, and sends plain or sha1 passwords as configured', async () => {
    const { listenOnLoopback, readBody } = await import('./testing/server.js');
    const seen: string[] = [];
    const portal = await listenOnLoopback(async (req, res) => {
      const form = new URLSearchParams(await readBody(req));
      seen.push(form.get('pwd') ?? '');
      const good =
        form.get('pwd') === 'open-sesame' || form.get('pwd') === createHash('sha1').update('open-sesame').digest('hex');
      res.writeHead(302, { location: good ? '/portal/home.jsp' : '/login.jsp?error=1' }).end();
    });
    try {
      const make = (passwordTransform: 'plain' | 'sha1') =>
        new FormLoginCampusAuthenticator('demo', {
          loginUrl: `${portal.url}/login`,
          usernameField: 'uid',
          passwordField: 'pwd',
          passwordTransform,
          extraFields: { lang: 'zh' },
          success: { status: 302, redirectContains: '/portal/home' },
        });
      const plain = await make('plain').authenticate({
        kind: 'password',
        username: ' 2023000001 ',
        password: 'open-sesame',
      });
      expect(plain.ok && plain.value).toEqual({ studentNumber: '2023000001', kind: 'student', name: null });
      expect(
        (await make('sha1').authenticate({ kind: 'password', username: '2023000001', password: 'open-sesame' })).ok,
      ).toBe(true);
      const wrong = await make('plain').authenticate({ kind: 'password', username: '2023000001', password: 'nope' });
      expect(wrong.ok ? null : wrong.error.code).toBe('CAMPUS_CREDENTIALS_WRONG');
      expect(seen[1]).toBe(createHash('sha1').update('open-sesame').digest('hex'));
    } finally {
      await portal.close();
    }
  });
});

describe('student number hasher', () => {
  it('is keyed by the server secret and the campus, and never contains the number', () => {
    const a = new HmacStudentNumberHasher('secret-a-0123456789-0123456789-01');
    const b = new HmacStudentNumberHasher('secret-b-0123456789-0123456789-01');
    expect(a.hash('demo', '2023012345')).toBe(a.hash('demo', ' 2023012345 '));
    expect(a.hash('demo', '2023012345')).not.toBe(b.hash('demo', '2023012345'));
    expect(a.hash('demo', '2023012345')).not.toBe(a.hash('other', '2023012345'));
    expect(a.hash('demo', '2023012345')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
