import { setupServer } from 'msw/node';
import { createMockBackend, type MockBackendOptions } from './backend';
import { createHandlers, type HandlerOptions } from './handlers';
import type { ScenarioName } from './scenarios';

/**
 * A backend and an MSW server for node tests (vitest, jest). Call `server.listen()`
 * in `beforeAll`, `server.close()` in `afterAll`; a new one per test keeps tests apart.
 */
export function setupMockApi(name: ScenarioName = 'zoom-default', options: MockBackendOptions & HandlerOptions = {}) {
  const backend = createMockBackend(name, options);
  const server = setupServer(...createHandlers(backend, options));
  return { backend, server };
}
