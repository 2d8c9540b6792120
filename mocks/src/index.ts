export {
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
export { MAIN_SITE, SCENARIOS, type ScenarioName, SECOND_SITE, scenario, USERS } from './scenarios';

import { MockBackend, type MockBackendOptions } from './backend';
import { type ScenarioName, scenario } from './scenarios';

/** A fresh backend seeded with a named scenario. */
export function createMockBackend(name: ScenarioName = 'zoom-default', options: MockBackendOptions = {}): MockBackend {
  return new MockBackend(scenario(name, options.now?.() ?? new Date()), options);
}
