import { setupServer } from 'msw/node';
import { MockBackend, type MockBackendOptions } from './backend';
import { createHandlers, type HandlerOptions } from './handlers';
import { type ScenarioName, scenario } from './scenarios';

/**
 * A backend and an MSW server for node tests (vitest, jest). Call `server.listen()`
 * in `beforeAll`, `server.close()` in `afterAll`; a new one per test keeps tests apart.
 */
export function setupMockApi(
  name: ScenarioName = 'zoom-default',
  options: MockBackendOptions & HandlerOptions & { now?: () => Date } = {},
) {
  const backend = new MockBackend(scenario(name, options.now?.() ?? new Date()), options);
  const server = setupServer(...createHandlers(backend, options));
  return { backend, server };
}
