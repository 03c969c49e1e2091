import { getRefreshToken, request, setToken } from './client';

/**
 * 退出: revokes the session on the server (its refresh token can no longer renew it), then forgets
 * both tokens here. The phone signs out even when the server cannot be reached: the access token
 * expires on its own soon after.
 */
export async function logout(): Promise<void> {
  const refreshToken = getRefreshToken();
  try {
    if (refreshToken) await request<null>('POST', '/v1/auth/logout', { body: { refreshToken } });
  } catch {
    // Offline or already revoked: the local session ends all the same.
  } finally {
    setToken(null);
  }
}
