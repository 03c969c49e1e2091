import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  CampusAuthenticatorRegistry,
  CampusCredentials,
  CampusRepository,
  ReleaseStudentNumber,
  VerifyStudent,
} from '@xianzhi/core';
import { CampusNotFound } from '@xianzhi/core';
import type { ViewerKeys } from '../auth.js';
import { Failure, orFail } from '../errors.js';
import { me } from '../presenters.js';
import {
  CampusLogin,
  CampusVerificationBody,
  CasCallbackQuery,
  ReleaseBody,
  UserIdParams,
} from '../schemas/campus-verification.js';
import { IdParams, responses } from '../schemas/common.js';
import { Me } from '../schemas/me.js';

export interface CampusVerificationRouteDeps {
  readonly verify: VerifyStudent;
  readonly release: ReleaseStudentNumber;
  readonly authenticators: CampusAuthenticatorRegistry;
  readonly campuses: CampusRepository;
  /** Client addresses reach the rate limiter only as keyed hashes. */
  readonly clientKeys: ViewerKeys;
}

const CAS_CALLBACK_PAGE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width"><title>学校登录完成</title>' +
  '<script src="https://qqq.gtimg.cn/miniprogram/webview_jssdk/qqjssdk-1.0.0.js"></script></head>' +
  '<body><p>学校登录完成，正在返回小程序…</p><script>' +
  'var q=new URLSearchParams(location.search),t=q.get("ticket"),c=location.pathname.split("/")[3]||"";' +
  'if(t&&window.qq&&qq.miniProgram){qq.miniProgram.redirectTo({url:"/pages/campus-login/index?campusId="' +
  '+encodeURIComponent(c)+"&ticket="+encodeURIComponent(t)});}' +
  '</script></body></html>';

const DEMO_HINT = '演示学校：学号填 20 开头的 10 位数字（如 2023123456），密码填 demo';

export function campusVerificationRoutes(deps: CampusVerificationRouteDeps): FastifyPluginAsyncTypebox {
  const { verify, release, authenticators, campuses, clientKeys } = deps;
  return async (app) => {
    app.get(
      '/campuses/:id/login',
      {
        schema: {
          tags: ['identity'],
          summary:
            'How students of a campus verify: a username and password form, or the campus CAS page in a web-view',
          params: IdParams,
          response: responses({ 200: CampusLogin }),
        },
      },
      async (request) => {
        const campusId = request.params.id;
        if (!(await campuses.byId(campusId))) throw new Failure(new CampusNotFound(campusId));
        const a = authenticators.forCampus(campusId);
        const cas = a?.method === 'cas' ? (a.loginUrl?.() ?? null) : null;
        return {
          campusId,
          method: a ? a.method : ('none' as const),
          kind: a?.kind ?? null,
          loginUrl: cas?.url ?? null,
          service: cas?.service ?? null,
          hint: a?.kind === 'demo' ? DEMO_HINT : null,
        };
      },
    );

    // Where the campus CAS sends the student back, inside the mini-program's web-view: the page hands
    // the ticket to the mini-program, which sends it to POST /me/campus-verification. The ticket is read
    // by the page's own script from its URL; the server never writes request data into the page.
    app.get(
      '/campuses/:id/cas-callback',
      {
        schema: { hide: true, params: IdParams, querystring: CasCallbackQuery },
      },
      async (_request, reply) => reply.type('text/html; charset=utf-8').send(CAS_CALLBACK_PAGE),
    );

    app.post(
      '/me/campus-verification',
      {
        schema: {
          tags: ['identity'],
          security: [{ bearerAuth: [] }],
          summary:
            '学生身份验证 through the campus login; keeps only a keyed hash of the student number. 5 attempts per 15 minutes per user; an address only after 60 failures',
          body: CampusVerificationBody,
          response: responses({ 200: Me }),
        },
      },
      async (request) => {
        const body = request.body;
        const credentials: CampusCredentials =
          body.method === 'password'
            ? { kind: 'password', username: body.username, password: body.password }
            : { kind: 'cas-ticket', ticket: body.ticket, service: body.service };
        const verified = await verify.execute({
          actor: request.actor,
          credentials,
          clientKey: clientKeys.keyFor(request.ip),
        });
        if (!verified.ok && verified.error.code === 'CAMPUS_IDENTITY_INCOMPLETE') {
          // The campus's settings and its CAS disagree: the operators must hear of it (no ticket in the line).
          const { campusId, missing } = verified.error;
          request.log.error(
            { code: verified.error.code, campusId, missing },
            'campus CAS answered without the configured student-number attribute; verification refused',
          );
        }
        return me(orFail(verified));
      },
    );

    app.post(
      '/admin/verifications/:userId/release',
      {
        schema: {
          tags: ['admin'],
          security: [{ bearerAuth: [] }],
          summary: '解除学号绑定: frees the student number a user verified with; the user is no longer verified',
          params: UserIdParams,
          body: ReleaseBody,
          response: responses({ 200: Me }),
        },
      },
      async (request) =>
        me(
          orFail(
            await release.execute({
              actor: request.actor,
              userId: request.params.userId,
              reason: request.body?.reason,
            }),
          ),
        ),
    );
  };
}
