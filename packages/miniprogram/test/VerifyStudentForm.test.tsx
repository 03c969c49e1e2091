import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { VerifyStudentForm } from '../src/components/VerifyStudentForm';
import { requests, respondWith } from './taro-mock';

const demoLogin = {
  campusId: 'demo',
  method: 'password',
  kind: 'demo',
  loginUrl: null,
  service: null,
  hint: '演示学校：密码填 demo',
};

describe('VerifyStudentForm', () => {
  it("shows the API's message when the campus rejects the password, and sends the password only to the API", async () => {
    respondWith((req) =>
      req.method === 'GET'
        ? { statusCode: 200, data: demoLogin }
        : {
            statusCode: 400,
            data: {
              error: {
                code: 'CAMPUS_CREDENTIALS_WRONG',
                message: '学号或密码不正确，或登录凭据已失效',
                details: { reason: 'rejected' },
              },
            },
          },
    );
    const onVerified = vi.fn();
    render(<VerifyStudentForm campusId="demo" onVerified={onVerified} />);
    await screen.findByText('演示学校：密码填 demo');
    fireEvent.input(screen.getAllByRole('textbox')[0]!, { target: { value: '2023123456' } });
    fireEvent.input(document.querySelector('input[type="password"]')!, { target: { value: 'wrong-one' } });
    fireEvent.click(screen.getByText('验证'));

    const banner = await screen.findByTestId('verify-error');
    expect(banner.textContent).toBe('学号或密码不正确，或登录凭据已失效');
    expect(onVerified).not.toHaveBeenCalled();
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[0]!.url).toBe('/v1/campuses/demo/login');
    expect([requests[1]!.method, requests[1]!.url]).toEqual(['POST', '/v1/me/campus-verification']);
    expect(requests[1]!.data).toEqual({ method: 'password', username: '2023123456', password: 'wrong-one' });
  });

  it('hands the verified profile back on success', async () => {
    const me = {
      id: 'u1',
      nickname: '卡',
      avatarUrl: null,
      campusId: 'demo',
      verified: true,
      verifiedAt: '2026-09-01T00:00:00.000Z',
      status: 'active',
      role: 'student',
    };
    respondWith((req) => (req.method === 'GET' ? { statusCode: 200, data: demoLogin } : { statusCode: 200, data: me }));
    const onVerified = vi.fn();
    render(<VerifyStudentForm campusId="demo" onVerified={onVerified} />);
    await screen.findByText('演示学校：密码填 demo');
    fireEvent.input(screen.getAllByRole('textbox')[0]!, { target: { value: '2023123456' } });
    fireEvent.input(document.querySelector('input[type="password"]')!, { target: { value: 'demo' } });
    fireEvent.click(screen.getByText('验证'));
    await waitFor(() => expect(onVerified).toHaveBeenCalledWith(me));
  });

  it('explains CAS campuses on the web instead of showing a password form', async () => {
    respondWith(() => ({
      statusCode: 200,
      data: {
        ...demoLogin,
        method: 'cas',
        kind: 'cas',
        loginUrl: 'https://cas.x/login?service=y',
        service: 'y',
        hint: null,
      },
    }));
    render(<VerifyStudentForm campusId="north" onVerified={vi.fn()} />);
    await screen.findByText(/统一身份认证/);
    expect(screen.queryByText('验证')).toBeNull();
  });
});
