import type { RequestRateLimiter } from '@xianzhi/adapters';
import type { AccessTokens, Authenticator, ViewerKeys } from '../http/auth.js';
import { token } from './token.js';

/** What the route plugins share: token issuing, viewer keys and the request authenticator, the request limiter. */
export const HttpParts = {
  Tokens: token<AccessTokens>('AccessTokens'),
  ViewerKeys: token<ViewerKeys>('ViewerKeys'),
  Authenticator: token<Authenticator>('Authenticator'),
  /** Request counters: in Redis when configured (shared by every API process), else in this process. */
  RequestLimiter: token<RequestRateLimiter>('RequestRateLimiter'),
};
