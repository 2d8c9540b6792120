/**
 * `@session-links/server/testing`: demo data and test doubles, never in the main entry —
 * the scenarios and their users, the seed helpers, the in-memory store, the in-process fake
 * Zoom gateway and the fake Zoom server on loopback (Node's modules load when it starts, so
 * this entry imports in a browser too: the mocks bundle it).
 */

// R29 in memory, for the mocks (browser-safe: no nodemailer): the outbox, one delivery run and the plain notice.
export { type DeliveryOptions, type DeliveryResult, runDelivery } from './notices/delivery-worker';
export { MemoryOutbox, type Notice as OutboxNotice, type NoticeStatus as OutboxNoticeStatus } from './notices/outbox';
export { plainNoticeRender } from './notices/plain-render';
export { type NoticeTransport, type RenderedNotice, type RenderNotice, TransportError } from './notices/transports/transport';
export {
  createFakeProviderGateway,
  createFakeZoomGateway,
  type FakeZoomCalls as FakeZoomGatewayCalls,
  type FakeZoomOptions as FakeZoomGatewayOptions,
  fakeGoogleMeetingFor,
  fakeMeetingFor,
  fakeTeamsMeetingFor,
} from './providers/fakes/gateway';
export * from './providers/fakes/google-server';
export * from './providers/fakes/microsoft-server';
export * from './providers/fakes/zoom-server';
export { FAKE_ZOOM_TOKEN_KEY } from './providers/gateway-tokens';
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
export { createMemoryStore, type MemorySiteRows, type MemoryState, type MemoryStore } from './store/memory';
