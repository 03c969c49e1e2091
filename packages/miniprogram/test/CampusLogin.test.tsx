import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import CampusLogin from '../src/pages/campus-login/index';
import { requests, respondWith, routerParams, taroFake } from './taro-mock';

const casLogin = {
  campusId: 'north',
  method: 'cas',
  kind: 'cas',
  loginUrl: 'https://cas.north.edu.cn/cas/login?service=x',
  service: 'https://xz.example.cn/v1/campuses/north/cas-callback',
  hint: null,
};

describe('campus login page (CAS in a web-view)', () => {
  it("sends the ticket the callback handed back, with the campus's service, and returns to 我的", async () => {
    Object.assign(routerParams, { campusId: 'north', ticket: 'ST-42-abc' });
    respondWith((req) =>
      req.method === 'GET'
        ? { statusCode: 200, data: casLogin }
        : {
            statusCode: 200,
            data: {
              id: 'u1',
              nickname: '北',
              avatarUrl: null,
              campusId: 'north',
              verified: true,
              verifiedAt: '2026-09-01T00:00:00.000Z',
              status: 'active',
              role: 'student',
            },
          },
    );
    render(<CampusLogin />);
    await waitFor(() => expect(taroFake.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }));
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/campuses/north/login',
      'POST /v1/me/campus-verification',
    ]);
    expect(requests[1]!.data).toEqual({ method: 'cas', ticket: 'ST-42-abc', service: casLogin.service });
  });

  it("shows the API's message when the ticket is refused", async () => {
    Object.assign(routerParams, { campusId: 'north', ticket: 'ST-used' });
    respondWith((req) =>
      req.method === 'GET'
        ? { statusCode: 200, data: casLogin }
        : {
            statusCode: 400,
            data: {
              error: {
                code: 'CAMPUS_CREDENTIALS_WRONG',
                message: '学号或密码不正确，或登录凭据已失效',
                details: { reason: 'INVALID_TICKET' },
              },
            },
          },
    );
    render(<CampusLogin />);
    await screen.findByText('学号或密码不正确，或登录凭据已失效');
    expect(taroFake.switchTab).not.toHaveBeenCalled();
  });
});
