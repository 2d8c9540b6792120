/**
 * The production entry: the handler, the service, the worker and the provider integration.
 * Demo data and test doubles (scenarios, seeds, the memory store, the fakes) are in `./testing`.
 */
export { ServiceError } from './errors';
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
export {
  CLAIM_LEASE_MS,
  DEFAULT_HORIZON_DAYS,
  DEFAULT_ZOOM_REQUESTS_PER_SECOND,
  type MeetingWorkerOptions,
  type MeetingWorkerResult,
  meetingLinks,
  processDueMeetings,
  recordCreateAttempts,
  runMeetingWorker,
  ZoomPacer,
} from './meetings';
export type {
  ProviderGateway,
  ZoomAuthorizationInput,
  ZoomFoundMeeting,
  ZoomGateway,
  ZoomGatewayErrorKind,
  ZoomMeeting,
  ZoomMeetingInput,
  ZoomTokenSet,
  ZoomUser,
} from './providers/gateway';
export { ZoomGatewayError } from './providers/gateway';
export { createZoomTokens, type ZoomTokens, type ZoomTokensOptions, zoomTokensFor } from './providers/gateway-tokens';
export { handleZoomCallback, handleZoomWebhook, scriptJson, ZOOM_CALLBACK_MESSAGE_TYPE } from './providers/routes';
export {
  createZoomIntegration,
  ZoomConfigError,
  type ZoomIntegration,
  type ZoomSettings,
  zoomConfiguredIn,
  zoomFromEnv,
} from './providers/zoom/connect';
export { ReadCache, type ReadCacheOptions } from './read-cache';
export { hasSiteRevision, type SiteRevision, type SiteRevisionSource } from './read-view';
export { type Caller, createService, OAUTH_STATE_TTL_MS, type ServiceOptions, type SessionLinksService } from './service';
export type * from './store/types';
export { MEETING_STATUSES } from './store/types';
export { StoreUnavailableError } from './store/unavailable';
export { type MeetingWorker, type StartMeetingWorkerOptions, startMeetingWorker } from './worker';
