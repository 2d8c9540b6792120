/**
 * The production entry: the handler, the service, the worker and the provider integration.
 * Demo data and test doubles (scenarios, seeds, the memory store, the fakes) are in `./testing`.
 */
export { addressKey, TrustedProxiesError } from './http/client-address';
export {
  compileRoutes,
  createHandler,
  DEFAULT_BASE_PATH,
  DEFAULT_MAX_BODY_BYTES,
  decodeSegment,
  type HandlerOptions,
  type Identity,
  matchRoute,
  type RequestHandler,
  SYNC_SECRET_HEADER,
} from './http/handler';
export { type LazyStore, lazyStore, type StoreSource, toLazyStore } from './http/lazy-store';
export {
  type BucketRate,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type Limited,
  type RateLimiter,
  type RateLimiterOptions,
} from './http/rate-limit';
export { type CalendarMethod, type CalendarPartInput, calendarPart, calendarUid } from './notices/ical';
export { type RenderBookingEmailOptions, type RenderBookingEmailRequest, renderBookingEmail } from './notices/render';
export type {
  AuthorizationInput,
  ConnectedProvider,
  FoundMeeting,
  GatewayErrorKind,
  MeetingInput,
  ProviderGateway,
  ProviderMeeting,
  ProviderUser,
  TokenSet,
  ZoomAuthorizationInput,
  ZoomFoundMeeting,
  ZoomGateway,
  ZoomGatewayErrorKind,
  ZoomMeeting,
  ZoomMeetingInput,
  ZoomTokenSet,
  ZoomUser,
} from './providers/gateway';
export { CONNECTED_PROVIDERS, GatewayError, ZoomGatewayError } from './providers/gateway';
export {
  createProviderTokens,
  createZoomTokens,
  type ProviderTokens,
  type ProviderTokensOptions,
  tokensFor,
  type ZoomTokens,
  type ZoomTokensOptions,
  zoomTokensFor,
} from './providers/gateway-tokens';
export {
  createGoogleIntegration,
  createHttpGoogleGateway,
  GOOGLE_ENV,
  GoogleConfigError,
  type GoogleIntegration,
  type GoogleSettings,
  googleConfiguredIn,
  readGoogleSettings,
} from './providers/google';
export {
  createTeamsIntegration,
  MicrosoftConfigError,
  type MicrosoftSettings,
  microsoftConfiguredIn,
  microsoftFromEnv,
  TEAMS_CALLBACK_PATH,
  type TeamsIntegration,
  teamsFromEnv,
} from './providers/microsoft/connect';
export {
  CONNECTION_CALLBACK_MESSAGE_TYPE,
  handleProviderCallback,
  handleZoomCallback,
  handleZoomWebhook,
  scriptJson,
} from './providers/routes';
export {
  createZoomIntegration,
  ZoomConfigError,
  type ZoomIntegration,
  type ZoomSettings,
  zoomConfiguredIn,
  zoomFromEnv,
} from './providers/zoom/connect';
export { type Caller, createService, OAUTH_STATE_TTL_MS, type ServiceOptions, type SessionLinksService } from './service';
export { ServiceError } from './service/errors';
export { type LinkChange, type OnLinkChanges, recordLinkChanges } from './service/history';
export {
  CLAIM_LEASE_MS,
  type MeetingWorkerOptions,
  type MeetingWorkerResult,
  processDueMeetings,
  recordCreateAttempts,
  runMeetingWorker,
} from './service/meeting-worker';
export { DEFAULT_HORIZON_DAYS } from './service/meetings';
export { ReadCache, type ReadCacheOptions } from './service/read-cache';
export { hasSiteRevision, meetingLinks, type SiteRevision, type SiteRevisionSource } from './service/read-view';
export {
  DEFAULT_GOOGLE_REQUESTS_PER_SECOND,
  DEFAULT_MICROSOFT_REQUESTS_PER_SECOND,
  DEFAULT_ZOOM_REQUESTS_PER_SECOND,
  type ProviderPacers,
  providerPacers,
  ZoomPacer,
} from './service/zoom-pacer';
export type * from './store/types';
export { hasStoreNotices, MEETING_STATUSES } from './store/types';
export { StoreUnavailableError } from './store/unavailable';
export { type MeetingWorker, type StartMeetingWorkerOptions, startMeetingWorker } from './worker';
