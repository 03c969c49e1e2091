import { CampusPortalUnavailable } from '@xianzhi/core';

export const DEFAULT_PORTAL_TIMEOUT_MS = 8000;

export interface PortalResponse {
  readonly status: number;
  readonly location: string | null;
  readonly body: string;
}

/**
 * One request to a campus portal. Every way it can fail (refused, reset, too slow) becomes a
 * PortalUnavailable with a short reason of our own: a driver's error text could quote the request.
 */
export async function portalRequest(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<PortalResponse | CampusPortalUnavailable> {
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { status: res.status, location: res.headers.get('location'), body };
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return new CampusPortalUnavailable(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable');
  }
}
