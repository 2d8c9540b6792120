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
} from './http';
export { type LazyStore, lazyStore, type StoreSource, toLazyStore } from './lazy-store';
export { type CalendarMethod, type CalendarPartInput, calendarPart, calendarUid } from './notices/ical';
export { type RenderBookingEmailOptions, type RenderBookingEmailRequest, renderBookingEmail } from './notices/render';
export { codeChallengeS256, createCodeVerifier, randomToken } from './oauth';
export {
  type BucketRate,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type Limited,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limit';
export {
  MAIN_SITE,
  SCENARIOS,
  type ScenarioData,
  type ScenarioMember,
  type ScenarioName,
  type ScenarioSite,
  type ScenarioUser,
  SECOND_SITE,
  scenario,
  USERS,
} from './scenarios';
export {
  type FakeZoomForSeed,
  fakeZoomSeedConnector,
  type SeedOptions,
  type SeedZoomConnector,
  scenarioZoomAccounts,
  seedFromData,
  seedScenario,
} from './seed';
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
export { DEFAULT_ZOOM_REQUESTS_PER_SECOND, ZoomPacer } from './service/zoom-pacer';
export { createMemoryStore, type MemorySiteRows, type MemoryState, type MemoryStore } from './store/memory';
export type * from './store/types';
export { MEETING_STATUSES } from './store/types';
export { StoreUnavailableError } from './store/unavailable';
export { type MeetingWorker, type StartMeetingWorkerOptions, startMeetingWorker } from './worker';
export { handleZoomCallback, scriptJson, ZOOM_CALLBACK_MESSAGE_TYPE } from './zoom/callback-page';
export {
  createZoomIntegration,
  ZoomConfigError,
  type ZoomIntegration,
  type ZoomSettings,
  zoomConfiguredIn,
  zoomFromEnv,
} from './zoom/connect';
export { createFakeZoomGateway, type FakeZoomCalls, type FakeZoomOptions, fakeMeetingFor } from './zoom/fake';
export type {
  ZoomAuthorizationInput,
  ZoomFoundMeeting,
  ZoomGateway,
  ZoomGatewayErrorKind,
  ZoomMeeting,
  ZoomMeetingInput,
  ZoomTokenSet,
  ZoomUser,
} from './zoom/gateway';
export { ZoomGatewayError } from './zoom/gateway';
export { createZoomTokens, FAKE_ZOOM_TOKEN_KEY, type ZoomTokens, type ZoomTokensOptions, zoomTokensFor } from './zoom/tokens';
export { handleZoomWebhook } from './zoom/webhook-route';
