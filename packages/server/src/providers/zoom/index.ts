/**
 * Zoom over HTTP for @session-links/server: OAuth with PKCE, the API calls, tokens at rest,
 * single-flight refresh and webhooks. Runtime-neutral (fetch + WebCrypto, no `node:` imports);
 * the fake Zoom, a Node `http` server, lives in `../fakes` (the `./testing` subpath).
 */

export { parseRetryAfter } from '../http';
export {
  type AccessTokenResult,
  assertTokenKey,
  createMemoryTokenStorage,
  createTokenCipher,
  createTokenManager,
  type ExpiredCause,
  generateTokenKey,
  type LockedTokens,
  type MemoryTokenStorage,
  sealTokens,
  TOKEN_KEY_ERROR,
  type TokenCipher,
  TokenDecryptError,
  TokenKeyError,
  type TokenManager,
  type TokenManagerOptions,
  type TokenStoragePort,
  type TokenStore,
  tokenStorageFromStore,
  tokenStorageFromTx,
  type ZoomCallError,
  type ZoomCallResult,
} from '../tokens';
export {
  type AuthorizationRequest,
  type CreateMeetingInput,
  createZoomClient,
  DEFAULT_ZOOM_API_BASE,
  DEFAULT_ZOOM_OAUTH_BASE,
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
} from './client';
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
