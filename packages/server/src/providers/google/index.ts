/**
 * Google Meet over HTTP for @session-links/server: OAuth with PKCE and offline access, the
 * Calendar API calls that make a Meet per session, and the gateway over them.
 * Runtime-neutral (fetch + WebCrypto); the fake Google lives in `../fakes/google-server`.
 */
export {
  conferenceRequestIdFor,
  createGoogleClient,
  DEFAULT_GOOGLE_API_BASE,
  eventIdFor,
  GOOGLE_AUTHORIZATION_ENDPOINT,
  GOOGLE_CALENDAR_SCOPE,
  GOOGLE_SCOPES,
  GOOGLE_TOKEN_ENDPOINT,
  type GoogleClient,
  type GoogleClientConfig,
  type GoogleClientRuntime,
  GoogleConfigError,
  type GoogleError,
  type GoogleEventDetails,
  type GoogleGrant,
  type GoogleResult,
  type GoogleRetryPolicy,
} from './client';
export { GOOGLE_ENV, type GoogleSettings, googleConfiguredIn, readGoogleSettings } from './config';
export { createGoogleIntegration, type GoogleIntegration } from './connect';
export { createHttpGoogleGateway, gatewayKindOfGoogle, type HttpGoogleGateway, KEY_PROPERTY } from './gateway';
