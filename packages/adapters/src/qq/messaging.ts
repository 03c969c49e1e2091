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
  QQ_SEND_TIMEOUT_MS,
  QqSendFailed,
  type HttpQqSubscriptionSenderOptions,
} from './http-qq-subscription-sender.js';
