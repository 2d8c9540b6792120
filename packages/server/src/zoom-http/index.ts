/**
 * Zoom over HTTP for @session-links/server: OAuth with PKCE, the API calls, tokens at rest,
 * single-flight refresh and webhooks. Runtime-neutral (fetch + WebCrypto, no `node:` imports);
 * the fake Zoom, a Node `http` server, is exported from `./fake` instead.
 */
export { readZoomSettings, ZOOM_ENV, type ZoomSettings } from './config';
export {
  createHttpZoomGateway,
  type GatewayErrorKind,
  gatewayKindOf,
  type HttpZoomGateway,
  type HttpZoomGatewayOptions,
  randomMeetingPassword,
} from './gateway';
export {
  assertTokenKey,
  createTokenCipher,
  generateTokenKey,
  TOKEN_KEY_ERROR,
  type TokenCipher,
  TokenDecryptError,
  TokenKeyError,
} from './token-crypto';
export {
  type AccessTokenResult,
  createMemoryTokenStorage,
  createTokenManager,
  type ExpiredCause,
  type LockedTokens,
  type MemoryTokenStorage,
  sealTokens,
  type TokenManager,
  type TokenManagerOptions,
  type TokenStoragePort,
  type TokenStore,
  tokenStorageFromStore,
  tokenStorageFromTx,
  type ZoomCallError,
  type ZoomCallResult,
} from './token-manager';
export {
  answerUrlValidation,
  handleZoomWebhookRequest,
  parseZoomWebhookEvent,
  verifyZoomWebhook,
  WEBHOOK_MAX_AGE_SECONDS,
  type WebhookRequestLike,
  type WebhookVerification,
  type ZoomWebhookEvent,
  type ZoomWebhookHandlerOptions,
} from './webhook';
export {
  type AuthorizationRequest,
  type CreateMeetingInput,
  createZoomClient,
  DEFAULT_ZOOM_API_BASE,
  DEFAULT_ZOOM_OAUTH_BASE,
  parseRetryAfter,
  secondsUntilNextUtcMidnight,
  toZoomUtc,
  type UpdateMeetingInput,
  ZOOM_SCOPES,
  type ZoomClient,
  type ZoomClientConfig,
  type ZoomClientRuntime,
  ZoomConfigError,
  type ZoomError,
  type ZoomGrant,
  type ZoomMeetingDetails,
  type ZoomResult,
  type ZoomRetryPolicy,
  type ZoomUserProfile,
} from './zoom-client';
