export {
  createMockBackend,
  type FailureMode,
  type Member,
  MockApiError,
  MockBackend,
  type MockBackendOptions,
  type MockData,
  type MockUser,
  type SiteData,
} from './backend';
export { zoomConsentPageHtml } from './consent-page';
export { createHandlers, DEFAULT_BASE_URL, type HandlerOptions, USER_HEADER } from './handlers';
export {
  calendarNoticeRender,
  type DeliveredNotice,
  memoryNoticeTransport,
  type NoticeSession,
  REFUSED_DOMAIN,
} from './notices';
export { MAIN_SITE, SCENARIOS, type ScenarioName, SECOND_SITE, scenario, USERS } from './scenarios';
