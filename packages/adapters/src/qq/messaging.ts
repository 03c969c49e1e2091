export {
  HttpQqAccessTokens,
  InMemoryAccessTokenStore,
  RedisAccessTokenStore,
  QqTokenUnavailable,
  type QqAccessTokens,
  type AccessTokenStore,
  type CachedToken,
  type HttpQqAccessTokensOptions,
} from './qq-access-tokens.js';
export {
  HttpQqSubscriptionSender,
  QqSendFailed,
  type HttpQqSubscriptionSenderOptions,
} from './http-qq-subscription-sender.js';
