import type { AccessTokens, Authenticator, ViewerKeys } from '../http/auth.js';
import { token } from './token.js';

/** What the route plugins share: token issuing, viewer keys and the request authenticator. */
export const HttpParts = {
  Tokens: token<AccessTokens>('AccessTokens'),
  ViewerKeys: token<ViewerKeys>('ViewerKeys'),
  Authenticator: token<Authenticator>('Authenticator'),
};
